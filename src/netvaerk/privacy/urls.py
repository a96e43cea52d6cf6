from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("konto/mine-data.json", views.MyDataJsonView.as_view(), name="my_data_json"),
    path("konto/mine-data.pdf", views.MyDataPdfView.as_view(), name="my_data_pdf"),
    path("personer/<int:pk>/anonymiser/", views.AnonymiseView.as_view(), name="anonymise"),
    path("privatlivspolitik/", views.NoticeView.as_view(), name="notice"),
    path("privatlivspolitik/rediger/", views.NoticeEditView.as_view(), name="notice_edit"),
]
