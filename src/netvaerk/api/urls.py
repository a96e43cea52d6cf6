from django.urls import include, path, re_path

from . import views
from .api import api
from .errors import not_found

app_name = "api"
urlpatterns = [
    # The API's own names live in this app's namespace: "api:openapi-json", "api:api-root".
    path("api/", include(api._get_urls())),
    # Anything else under /api/ is a JSON 404, never the HTML error page.
    re_path(r"^api/", not_found),
    path("konto/api-noegler/", views.TokenCreateView.as_view(), name="token_create"),
    path(
        "konto/api-noegler/<int:pk>/tilbagekald/",
        views.TokenRevokeView.as_view(),
        name="token_revoke",
    ),
]
