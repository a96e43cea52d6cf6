from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "netvaerk.evaluation.surveys"
    label = "surveys"
    verbose_name = _("Tie surveys (relational coordination)")
