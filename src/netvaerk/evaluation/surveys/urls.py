from django.urls import path

from . import views

app_name = "surveys"
SURVEY = "netvaerk/<int:pk>/evaluering/relationer/<int:survey_pk>/"
urlpatterns = [
    path("netvaerk/<int:pk>/evaluering/relationer/", views.SurveyListView.as_view(), name="list"),
    path(SURVEY, views.SurveyDetailView.as_view(), name="detail"),
    path(SURVEY + "grupper/", views.MembersView.as_view(), name="members"),
    path(SURVEY + "boelger/", views.WaveLaunchView.as_view(), name="launch"),
    path(SURVEY + "boelger/<int:wave_pk>/paamind/", views.WaveRemindView.as_view(), name="remind"),
    path(SURVEY + "boelger/<int:wave_pk>/luk/", views.WaveCloseView.as_view(), name="close"),
    path(
        SURVEY + "boelger/<int:wave_pk>/eksport.<str:fmt>",
        views.WaveExportView.as_view(),
        name="export",
    ),
    path("evaluering/instrumenter/", views.InstrumentsView.as_view(), name="instruments"),
    path(
        "evaluering/instrumenter/<int:instrument_pk>/standard/",
        views.InstrumentDefaultView.as_view(),
        name="instrument_default",
    ),
]
