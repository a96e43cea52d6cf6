from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SilosConfig(AppConfig):
    name = "netvaerk.insights.silos"
    label = "silos"
    verbose_name = _("Silo analysis")
