from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("netvaerk.core.urls")),
    path("", include("netvaerk.organisation.urls")),
    path("", include("netvaerk.networks.urls")),
    path("", include("netvaerk.networks.contracts.urls")),
    path("", include("netvaerk.networks.meetings.urls")),
    path("", include("netvaerk.networks.logbook.urls")),
    path("", include("netvaerk.evaluation.urls")),
    path("", include("netvaerk.evaluation.surveys.urls")),
    path("", include("netvaerk.evaluation.questionnaires.urls")),
    path("", include("netvaerk.handbook.urls")),
    path("", include("netvaerk.insights.urls")),
    path("", include("netvaerk.insights.silos.urls")),
    path("", include("netvaerk.insights.reports.urls")),
    path("", include("netvaerk.api.urls")),
    path("", include("netvaerk.ideas.urls")),
    path("", include("netvaerk.privacy.urls")),
    path("", include("netvaerk.sso.urls")),  # /oidc/ and /saml2/
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
