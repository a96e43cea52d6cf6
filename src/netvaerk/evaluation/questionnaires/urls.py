from django.urls import path

from . import views

app_name = "questionnaires"
BASE = "netvaerk/<int:pk>/evaluering/spoergeskemaer/"
ONE = BASE + "<int:q_pk>/"
QUESTION = ONE + "spoergsmaal/<int:question_pk>/"
urlpatterns = [
    path(BASE, views.QuestionnaireListView.as_view(), name="list"),
    path(ONE, views.QuestionnaireView.as_view(), name="detail"),
    path(ONE + "rediger/", views.QuestionnaireEditView.as_view(), name="edit"),
    path(ONE + "aabn/", views.QuestionnaireOpenView.as_view(), name="open"),
    path(ONE + "paamind/", views.QuestionnaireRemindView.as_view(), name="remind"),
    path(ONE + "luk/", views.QuestionnaireCloseView.as_view(), name="close"),
    path(ONE + "resultater.<str:fmt>", views.QuestionnaireExportView.as_view(), name="export"),
    path(ONE + "spoergsmaal/", views.QuestionAddView.as_view(), name="question_add"),
    path(QUESTION + "rediger/", views.QuestionEditView.as_view(), name="question_edit"),
    path(QUESTION + "flyt/", views.QuestionMoveView.as_view(), name="question_move"),
    path(QUESTION + "slet/", views.QuestionDeleteView.as_view(), name="question_delete"),
]
