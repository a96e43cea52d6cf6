from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("netvaerk/<int:pk>/evaluering/", views.OverviewView.as_view(), name="overview"),
    path(
        "netvaerk/<int:pk>/evaluering/plan/opret/",
        views.PlanCreateView.as_view(),
        name="plan_create",
    ),
    path("netvaerk/<int:pk>/evaluering/plan/", views.PlanEditView.as_view(), name="plan_edit"),
    path(
        "netvaerk/<int:pk>/evaluering/konklusion/",
        views.ConclusionView.as_view(),
        name="conclusion",
    ),
    path(
        "netvaerk/<int:pk>/evaluering/indikatorer/ny/",
        views.IndicatorCreateView.as_view(),
        name="indicator_create",
    ),
    path(
        "netvaerk/<int:pk>/evaluering/indikatorer/<int:indicator_pk>/",
        views.IndicatorView.as_view(),
        name="indicator",
    ),
    path(
        "netvaerk/<int:pk>/evaluering/indikatorer/<int:indicator_pk>/rediger/",
        views.IndicatorEditView.as_view(),
        name="indicator_edit",
    ),
    path(
        "netvaerk/<int:pk>/evaluering/indikatorer/<int:indicator_pk>/slet/",
        views.IndicatorDeleteView.as_view(),
        name="indicator_delete",
    ),
    path(
        "netvaerk/<int:pk>/evaluering/indikatorer/<int:indicator_pk>/maalinger/"
        "<int:measurement_pk>/slet/",
        views.MeasurementDeleteView.as_view(),
        name="measurement_delete",
    ),
    path("netvaerk/<int:pk>/evaluering/rapport/", views.ReportView.as_view(), name="report"),
    path("evaluering/", views.PortfolioView.as_view(), name="portfolio"),
    path("evaluering/skabeloner/", views.TemplateListView.as_view(), name="templates"),
    path("evaluering/skabeloner/<int:pk>/", views.TemplateEditView.as_view(), name="template_edit"),
    path("svar/<str:token>/", views.AnswerView.as_view(), name="answer"),
]
