from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "netvaerk.handbook"
    label = "handbook"
    verbose_name = _("Handbook")
