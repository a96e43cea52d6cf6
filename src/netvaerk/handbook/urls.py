from django.urls import path

from . import views

app_name = "handbook"
urlpatterns = [
    path("haandbog/", views.IndexView.as_view(), name="index"),
    path("haandbog/ny/", views.PageCreateView.as_view(), name="create"),
    path("haandbog/<slug:slug>/", views.PageView.as_view(), name="page"),
    path("haandbog/<slug:slug>/rediger/", views.PageEditView.as_view(), name="edit"),
    path("haandbog/<slug:slug>/versioner/", views.RevisionListView.as_view(), name="revisions"),
    path(
        "haandbog/<slug:slug>/versioner/<int:revision_id>/",
        views.RevisionView.as_view(),
        name="revision",
    ),
]
