from django.urls import path

from . import views

app_name = "ideas"
urlpatterns = [
    path("ideer/", views.IdeaListView.as_view(), name="list"),
    path("ideer/ny/", views.IdeaCreateView.as_view(), name="create"),
    path("ideer/<int:pk>/", views.IdeaView.as_view(), name="detail"),
    path("ideer/<int:pk>/rediger/", views.IdeaEditView.as_view(), name="edit"),
    path("ideer/<int:pk>/stoette/", views.IdeaSupportView.as_view(), name="support"),
    path("ideer/<int:pk>/foelg/", views.IdeaFollowView.as_view(), name="follow"),
    path("ideer/<int:pk>/kommentar/", views.IdeaCommentView.as_view(), name="comment"),
    path("ideer/<int:pk>/spoergsmaal/", views.IdeaQuestionView.as_view(), name="question"),
    path("ideer/<int:pk>/score/", views.IdeaScoreView.as_view(), name="score"),
    path("ideer/<int:pk>/trin/<slug:action>/", views.IdeaStepView.as_view(), name="step"),
    path("runder/", views.RoundListView.as_view(), name="rounds"),
    path("runder/ny/", views.RoundFormView.as_view(), name="round_create"),
    path("runder/<int:pk>/", views.RoundView.as_view(), name="round"),
    path("runder/<int:pk>/rediger/", views.RoundFormView.as_view(), name="round_edit"),
    path("fora/<slug:slug>/moeder/<int:pk>/", views.MeetingView.as_view(), name="meeting"),
]
