from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("indsigt/statusrapport/", views.StatusReportView.as_view(), name="status"),
    path("indsigt/statusrapport/tekst/", views.NarrativeEditView.as_view(), name="edit"),
]
