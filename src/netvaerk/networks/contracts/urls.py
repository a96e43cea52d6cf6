from django.urls import path

from . import views

app_name = "contracts"
urlpatterns = [
    path("netvaerk/<int:pk>/kontrakt/", views.ContractView.as_view(), name="detail"),
    path("netvaerk/<int:pk>/kontrakt/opret/", views.ContractCreateView.as_view(), name="create"),
    path("netvaerk/<int:pk>/kontrakt/rediger/", views.ContractEditView.as_view(), name="edit"),
    path(
        "netvaerk/<int:pk>/kontrakt/godkend/", views.ContractApproveView.as_view(), name="approve"
    ),
    path(
        "netvaerk/<int:pk>/kontrakt/versioner/<int:number>/",
        views.ContractVersionView.as_view(),
        name="version",
    ),
    path("netvaerk/kontraktskabeloner/", views.TemplateListView.as_view(), name="templates"),
    path(
        "netvaerk/kontraktskabeloner/<int:pk>/",
        views.TemplateEditView.as_view(),
        name="template_edit",
    ),
    path("godkendelser/", views.ApprovalListView.as_view(), name="approvals"),
    path("godkendelser/timer/<int:pk>/", views.HoursApproveView.as_view(), name="approve_hours"),
]
