from django.contrib.auth import views as auth_views
from django.urls import path

from . import notification_views, views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("notifikationer/", views.NotificationListView.as_view(), name="notifications"),
    path("konto/", views.AccountView.as_view(), name="account"),
    path(
        "konto/notifikationer/",
        notification_views.NotificationSettingsView.as_view(),
        name="notification_settings",
    ),
    path("log/", views.AuditLogView.as_view(), name="audit_log"),
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
]
