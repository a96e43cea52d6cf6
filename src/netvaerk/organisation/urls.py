from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("organisation/", views.OrganisationView.as_view(), name="tree"),
    path("organisation/enheder/<int:pk>/", views.UnitView.as_view(), name="unit"),
    path("organisation/import/", views.ImportView.as_view(), name="import"),
    path("organisation/import/<int:pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
    path("personer/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("personer/<int:pk>/data.json", views.PersonDataView.as_view(), name="person_data"),
    path(
        "personer/<int:pk>/portefolje.pdf", views.PortfolioPdfView.as_view(), name="portfolio_pdf"
    ),
    path("personer/<int:pk>/uddannelse/", views.TrainingAddView.as_view(), name="training_add"),
    path(
        "personer/<int:pk>/uddannelse/<int:training_pk>/fjern/",
        views.TrainingRemoveView.as_view(),
        name="training_remove",
    ),
    path("fora/", views.ForumListView.as_view(), name="forums"),
    path("fora/<slug:slug>/", views.ForumView.as_view(), name="forum"),
]
