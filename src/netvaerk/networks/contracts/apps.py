from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "netvaerk.networks.contracts"
    label = "contracts"
    verbose_name = _("Network contracts")
