from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("netvaerk/", views.NetworkListView.as_view(), name="list"),
    path("netvaerk/<int:pk>/", views.NetworkView.as_view(), name="detail"),
]
