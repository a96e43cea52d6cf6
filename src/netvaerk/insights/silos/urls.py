from django.urls import path

from . import views

app_name = "silos"
urlpatterns = [
    path("indsigt/siloer/", views.SiloAnalysisView.as_view(), name="analysis"),
]
