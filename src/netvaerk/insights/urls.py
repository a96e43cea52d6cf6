from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("indsigt/", views.DashboardView.as_view(), name="dashboard"),
    path("indsigt/ressourcer/", views.ResourcesView.as_view(), name="resources"),
]
