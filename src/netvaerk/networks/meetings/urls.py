from django.urls import path

from . import views

app_name = "meetings"
_meeting = "netvaerk/<int:pk>/moeder/<int:meeting_id>/"
_item = _meeting + "punkter/<int:item_id>/"
urlpatterns = [
    path("netvaerk/<int:pk>/moeder/", views.MeetingListView.as_view(), name="list"),
    path(_meeting, views.MeetingView.as_view(), name="detail"),
    path(_meeting + "rediger/", views.MeetingEditView.as_view(), name="edit"),
    path(_meeting + "referat/", views.MeetingMinutesView.as_view(), name="minutes"),
    path(_meeting + "punkter/", views.AgendaItemAddView.as_view(), name="item_add"),
    path(_item, views.AgendaItemEditView.as_view(), name="item_edit"),
    path(_item + "slet/", views.AgendaItemRemoveView.as_view(), name="item_remove"),
    path(_item + "flyt/", views.AgendaItemMoveView.as_view(), name="item_move"),
    path(_meeting + "kalender.ics", views.MeetingIcsView.as_view(), name="ics"),
    path("netvaerk/workshopdesigns/", views.DesignListView.as_view(), name="designs"),
    path("netvaerk/workshopdesigns/ny/", views.DesignFormView.as_view(), name="design_create"),
    path("netvaerk/workshopdesigns/<int:pk>/", views.DesignFormView.as_view(), name="design_edit"),
    path(
        "fora/<slug:slug>/moeder/<int:pk>/kalender.ics",
        views.ForumMeetingIcsView.as_view(),
        name="forum_ics",
    ),
    path("kalender/", views.CalendarView.as_view(), name="calendar"),
    path("kalender/<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
