from django.urls import path

from . import views

app_name = "logbook"
urlpatterns = [
    path("netvaerk/<int:pk>/inddragelse/", views.InvolvementView.as_view(), name="involvement"),
    path(
        "netvaerk/<int:pk>/inddragelse/<int:entry_pk>/rediger/",
        views.InvolvementEditView.as_view(),
        name="involvement_edit",
    ),
    path(
        "netvaerk/<int:pk>/inddragelse/<int:entry_pk>/slet/",
        views.InvolvementDeleteView.as_view(),
        name="involvement_delete",
    ),
    path("netvaerk/<int:pk>/laering/", views.LearningView.as_view(), name="learning"),
    path(
        "netvaerk/<int:pk>/laering/<int:note_pk>/rediger/",
        views.LearningEditView.as_view(),
        name="learning_edit",
    ),
    path(
        "netvaerk/<int:pk>/laering/<int:note_pk>/marker/",
        views.LearningMarkView.as_view(),
        name="learning_mark",
    ),
    path(
        "netvaerk/<int:pk>/laering/<int:note_pk>/slet/",
        views.LearningDeleteView.as_view(),
        name="learning_delete",
    ),
    path("netvaerk/<int:pk>/dokumenter/", views.DocumentsView.as_view(), name="documents"),
    path(
        "netvaerk/<int:pk>/dokumenter/<int:document_pk>/hent/",
        views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "netvaerk/<int:pk>/dokumenter/<int:document_pk>/slet/",
        views.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
]
