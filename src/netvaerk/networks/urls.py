from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("netvaerk/", views.NetworkListView.as_view(), name="list"),
    path("netvaerk/<int:pk>/", views.NetworkView.as_view(), name="detail"),
    path("netvaerk/<int:pk>/rediger/", views.NetworkEditView.as_view(), name="edit"),
    path("netvaerk/<int:pk>/fase/", views.NetworkPhaseView.as_view(), name="phase"),
    path("netvaerk/<int:pk>/deltagere/", views.ParticipantsView.as_view(), name="participants"),
    path(
        "netvaerk/<int:pk>/deltagere/<int:participation_pk>/",
        views.ParticipationView.as_view(),
        name="participation",
    ),
    path("netvaerk/<int:pk>/sammensaetning/", views.CompositionView.as_view(), name="composition"),
    path("invitation/<str:token>/", views.InvitationView.as_view(), name="invitation"),
]
