"""OpenID Connect under /oidc/, SAML 2.0 under /saml2/; both 404 until configured.

The URL names are the libraries' own (they reverse them without a namespace).
"""

from django.urls import path
from djangosaml2 import views as saml_views
from mozilla_django_oidc import views as oidc_views

from . import conf
from .views import OIDCCallbackView, SAMLACSView, only_when

oidc = only_when(conf.oidc_enabled)
saml = only_when(conf.saml_enabled)

urlpatterns = [
    path(
        "oidc/authenticate/",
        oidc(oidc_views.OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path("oidc/callback/", oidc(OIDCCallbackView.as_view()), name="oidc_authentication_callback"),
    path("saml2/login/", saml(saml_views.LoginView.as_view()), name="saml2_login"),
    path("saml2/acs/", saml(SAMLACSView.as_view()), name="saml2_acs"),
    path("saml2/logout/", saml(saml_views.LogoutInitView.as_view()), name="saml2_logout"),
    path("saml2/ls/", saml(saml_views.LogoutView.as_view()), name="saml2_ls"),
    path("saml2/ls/post/", saml(saml_views.LogoutView.as_view()), name="saml2_ls_post"),
    path("saml2/metadata/", saml(saml_views.MetadataView.as_view()), name="saml2_metadata"),
]
