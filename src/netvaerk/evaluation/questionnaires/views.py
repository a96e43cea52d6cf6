"""A network's questionnaires: the list, one questionnaire with its questions and results, the
exports, and answering by the e-mailed link. Thin views.

Every network page starts from `network_or_404`: a network the user may not see does not exist
for them, and neither do its questionnaires. Answering needs no sign-in: the token is the
credential, and `evaluation.views.AnswerView` hands the invitation to `answer` below.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from netvaerk.core import exports
from netvaerk.core.views import edit_conflict, paginate, request_user
from netvaerk.evaluation.tokens import min_group_size, response_key
from netvaerk.networks.models import Network, Participation
from netvaerk.networks.views import network_or_404, require_perm

from . import selectors, services
from .forms import (
    AnswerForm,
    QuestionForm,
    QuestionnaireEditForm,
    QuestionnaireForm,
    initial_answers,
)
from .models import Question, Questionnaire, QuestionnaireInvitation

CHANGE = "evaluation.change_evaluation"
STALE_QUESTIONNAIRE = gettext_lazy(
    "Someone else saved this questionnaire while you were editing it. Your text is kept "
    "below; compare it with theirs and save again."
)


def _errors(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _questionnaire(request: HttpRequest, pk: int, q_pk: int) -> Questionnaire:
    questionnaire = selectors.questionnaire_in_network(network_or_404(request, pk), q_pk)
    if questionnaire is None:
        raise Http404
    return questionnaire


def _changeable(request: HttpRequest, pk: int, q_pk: int) -> Questionnaire:
    questionnaire = _questionnaire(request, pk, q_pk)
    require_perm(request, CHANGE, questionnaire.network)
    return questionnaire


def _detail_url(questionnaire: Questionnaire) -> str:
    return reverse("questionnaires:detail", args=[questionnaire.network_id, questionnaire.pk])


# --- the list ----------------------------------------------------------------------------------


def _list_page(
    request: HttpRequest,
    network: Network,
    form: QuestionnaireForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_change = request.user.has_perm(CHANGE, network)
    context = {
        "network": network,
        "questionnaires": paginate(request, selectors.questionnaire_list(network)),
        "form": (form or QuestionnaireForm()) if can_change else None,
        "min_group_size": min_group_size(),
    }
    return render(request, "questionnaires/list.html", context, status=status)


class QuestionnaireListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, "evaluation.view_evaluation", network)
        return _list_page(request, network)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, CHANGE, network)
        form = QuestionnaireForm(request.POST)
        if not form.is_valid():
            return _list_page(request, network, form, status=400)
        questionnaire = services.questionnaire_create(
            network=network, by=request_user(request), **form.cleaned_data
        )
        messages.success(request, _("The questionnaire was created as a draft."))
        return redirect(_detail_url(questionnaire))


# --- one questionnaire -------------------------------------------------------------------------


def _detail_page(
    request: HttpRequest,
    questionnaire: Questionnaire,
    form: QuestionForm | None = None,
    status: int = 200,
    errors: list[str] | None = None,
) -> HttpResponse:
    network = questionnaire.network
    can_change = request.user.has_perm(CHANGE, network)
    draft = questionnaire.state == Questionnaire.State.DRAFT
    for message in errors or []:
        messages.error(request, message)
    context = {
        "network": network,
        "questionnaire": questionnaire,
        "questions": selectors.questions(questionnaire),
        "can_change": can_change,
        "question_form": (form or QuestionForm()) if can_change and draft else None,
        "to_invite": Participation.objects.filter(network=network, left_on=None).count()
        if can_change and draft
        else None,
        "report": None if draft else selectors.questionnaire_report(questionnaire),
    }
    return render(request, "questionnaires/detail.html", context, status=status)


class QuestionnaireView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, q_pk: int) -> HttpResponse:
        questionnaire = _questionnaire(request, pk, q_pk)
        require_perm(request, "evaluation.view_evaluation", questionnaire.network)
        return _detail_page(request, questionnaire)


class QuestionnaireEditView(LoginRequiredMixin, View):
    template_name = "questionnaires/edit.html"

    def _get(self, request: HttpRequest, pk: int, q_pk: int) -> Questionnaire:
        questionnaire = _changeable(request, pk, q_pk)
        if questionnaire.state == Questionnaire.State.CLOSED:
            raise Http404  # a closed questionnaire is not edited
        return questionnaire

    def get(self, request: HttpRequest, pk: int, q_pk: int) -> HttpResponse:
        questionnaire = self._get(request, pk, q_pk)
        context = {
            "network": questionnaire.network,
            "questionnaire": questionnaire,
            "form": QuestionnaireEditForm(instance=questionnaire),
        }
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int, q_pk: int) -> HttpResponse:
        questionnaire = self._get(request, pk, q_pk)
        form = QuestionnaireEditForm(
            request.POST, instance=Questionnaire.objects.get(pk=questionnaire.pk)
        )
        context: dict[str, Any] = {
            "network": questionnaire.network,
            "questionnaire": questionnaire,
            "form": form,
        }
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.questionnaire_update(
                questionnaire=questionnaire,
                version=data["version"] or 0,
                by=request_user(request),
                **{name: data[name] for name in services.EDITABLE_FIELDS},
            )
        except services.StaleQuestionnaire as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=QuestionnaireEditForm.Meta.fields,
                message=STALE_QUESTIONNAIRE,
                template_name=self.template_name,
                context=context,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("Your changes were saved."))
        return redirect(_detail_url(questionnaire))


class _StateAction(LoginRequiredMixin, View):
    """A POST that runs one service on the questionnaire and returns to it."""

    def act(self, request: HttpRequest, questionnaire: Questionnaire) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int, q_pk: int) -> HttpResponse:
        questionnaire = _changeable(request, pk, q_pk)
        try:
            message = self.act(request, questionnaire)
        except ValidationError as error:
            return _detail_page(request, questionnaire, status=400, errors=_errors(error))
        messages.success(request, message)
        return redirect(_detail_url(questionnaire))


class QuestionnaireOpenView(_StateAction):
    def act(self, request: HttpRequest, questionnaire: Questionnaire) -> str:
        count = services.questionnaire_open(questionnaire=questionnaire, by=request_user(request))
        return _("The questionnaire is open; %(count)s people were invited by e-mail.") % {
            "count": count
        }


class QuestionnaireRemindView(_StateAction):
    def act(self, request: HttpRequest, questionnaire: Questionnaire) -> str:
        count = services.questionnaire_remind(questionnaire=questionnaire, by=request_user(request))
        return _("A reminder was sent to %(count)s people who have not finished.") % {
            "count": count
        }


class QuestionnaireCloseView(_StateAction):
    def act(self, request: HttpRequest, questionnaire: Questionnaire) -> str:
        services.questionnaire_close(questionnaire=questionnaire, by=request_user(request))
        return _("The questionnaire is closed; its links take no more answers.")


# --- questions ---------------------------------------------------------------------------------


def _question_data(form: QuestionForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in services.QUESTION_FIELDS}


class QuestionAddView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, q_pk: int) -> HttpResponse:
        questionnaire = _changeable(request, pk, q_pk)
        if questionnaire.state != Questionnaire.State.DRAFT:
            return _detail_page(
                request,
                questionnaire,
                status=400,
                errors=[
                    _("The questions cannot be changed once the questionnaire has been opened.")
                ],
            )
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return _detail_page(request, questionnaire, form, status=400)
        try:
            services.question_add(
                questionnaire=questionnaire, by=request_user(request), **_question_data(form)
            )
        except ValidationError as error:
            return _detail_page(request, questionnaire, status=400, errors=_errors(error))
        messages.success(request, _("The question was added."))
        return redirect(_detail_url(questionnaire) + "#questions")


def _question(request: HttpRequest, pk: int, q_pk: int, question_pk: int) -> Question:
    questionnaire = _changeable(request, pk, q_pk)
    question = selectors.question_in_questionnaire(questionnaire, question_pk)
    if question is None:
        raise Http404
    question.questionnaire = questionnaire  # the one with its counts, for the detail page
    return question


class QuestionEditView(LoginRequiredMixin, View):
    template_name = "questionnaires/question_form.html"

    def _get(self, request: HttpRequest, pk: int, q_pk: int, question_pk: int) -> Question:
        question = _question(request, pk, q_pk, question_pk)
        if question.questionnaire.state != Questionnaire.State.DRAFT:
            raise Http404  # only a draft's questions are edited
        return question

    def _context(self, question: Question, form: QuestionForm) -> dict[str, Any]:
        questionnaire = question.questionnaire
        return {
            "network": questionnaire.network,
            "questionnaire": questionnaire,
            "question": question,
            "form": form,
        }

    def get(self, request: HttpRequest, pk: int, q_pk: int, question_pk: int) -> HttpResponse:
        question = self._get(request, pk, q_pk, question_pk)
        context = self._context(question, QuestionForm(instance=question))
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int, q_pk: int, question_pk: int) -> HttpResponse:
        question = self._get(request, pk, q_pk, question_pk)
        form = QuestionForm(request.POST, instance=Question.objects.get(pk=question.pk))
        if not form.is_valid():
            return render(request, self.template_name, self._context(question, form), status=400)
        try:
            services.question_update(
                question=question, by=request_user(request), **_question_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, self._context(question, form), status=400)
        messages.success(request, _("The question was saved."))
        return redirect(_detail_url(question.questionnaire) + "#questions")


class QuestionDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, q_pk: int, question_pk: int) -> HttpResponse:
        question = _question(request, pk, q_pk, question_pk)
        try:
            services.question_delete(question=question, by=request_user(request))
        except ValidationError as error:
            return _detail_page(request, question.questionnaire, status=400, errors=_errors(error))
        messages.success(request, _("The question was deleted."))
        return redirect(_detail_url(question.questionnaire) + "#questions")


class QuestionMoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, q_pk: int, question_pk: int) -> HttpResponse:
        question = _question(request, pk, q_pk, question_pk)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return _detail_page(
                request,
                question.questionnaire,
                status=400,
                errors=[_("Choose to move the question up or down.")],
            )
        try:
            services.question_move(
                question=question, up=direction == "up", by=request_user(request)
            )
        except ValidationError as error:
            return _detail_page(request, question.questionnaire, status=400, errors=_errors(error))
        messages.success(request, _("The question was moved."))
        return redirect(_detail_url(question.questionnaire) + f"#question-{question.pk}")


# --- exports -----------------------------------------------------------------------------------


def export_rows(report: selectors.QuestionnaireReport) -> list[list[Any]]:
    """The aggregated results as rows: question, kind, answer, count, percent, mean."""
    rows: list[list[Any]] = []
    for number, summary in enumerate(report.questions, start=1):
        question = summary.question
        head = [number, question.text, question.get_kind_display(), summary.answered]
        if question.kind == Question.Kind.TEXT:
            rows.extend([*head, text, "", "", ""] for text in summary.texts)
            continue
        mean = round(summary.mean, 2) if summary.mean is not None else ""
        for label, count, percent in summary.rows:
            rows.append([*head, label, count, round(percent, 1), mean])
    return rows


class QuestionnaireExportView(LoginRequiredMixin, View):
    """The aggregated results as CSV or XLSX; none exist below the minimum number of answers."""

    def get(self, request: HttpRequest, pk: int, q_pk: int, fmt: str) -> HttpResponse:
        if fmt not in exports.FORMATS:
            raise Http404
        questionnaire = _questionnaire(request, pk, q_pk)
        require_perm(request, "evaluation.view_evaluation", questionnaire.network)
        if questionnaire.state == Questionnaire.State.DRAFT:
            raise Http404
        report = selectors.questionnaire_report(questionnaire)
        if not report.shown:
            raise Http404
        header = [
            _("No."),
            _("Question"),
            _("Kind"),
            _("Answered"),
            _("Answer"),
            _("Count"),
            _("Percent"),
            _("Mean"),
        ]
        rows = export_rows(report)
        filename = f"spoergeskema-{questionnaire.pk}.{fmt}"
        if fmt == "csv":
            return exports.csv_response(filename, header, rows)
        return exports.xlsx_response(filename, header, rows, sheet=_("Results"))


# --- answering by the link ---------------------------------------------------------------------


def answer(request: HttpRequest, invitation: QuestionnaireInvitation) -> HttpResponse:
    """`/svar/<token>/` for a questionnaire: the form, saving a draft, finishing."""
    questionnaire = invitation.questionnaire
    context: dict[str, Any] = {"questionnaire": questionnaire}
    if invitation.finished:
        return render(request, "questionnaires/answer_done.html", context, status=410)
    if not questionnaire.accepts_answers():
        return render(request, "questionnaires/answer_closed.html", context, status=410)
    questions = selectors.questions(questionnaire)
    if request.method == "POST":
        return _answer_post(request, invitation, questions, context)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    stored = selectors.stored_answers(questionnaire, response_key(invitation.token))
    form = AnswerForm(questions=questions, initial=initial_answers(questions, stored))
    return render(
        request,
        "questionnaires/answer.html",
        {**context, "form": form, "has_draft": bool(stored)},
    )


def _answer_post(
    request: HttpRequest,
    invitation: QuestionnaireInvitation,
    questions: list[Question],
    context: dict[str, Any],
) -> HttpResponse:
    action = request.POST.get("action")
    finishing = action == "finish"
    form = AnswerForm(request.POST, questions=questions, finishing=finishing)
    page = {**context, "form": form, "has_draft": False}
    if action not in ("save", "finish"):
        form.add_error(None, _("Choose to save your answers or to submit them."))
        return render(request, "questionnaires/answer.html", page, status=400)
    if not form.is_valid():
        # A draft keeps what was valid, so missing required answers lose nothing.
        draft = AnswerForm(request.POST, questions=questions)
        if finishing and draft.is_valid():
            gone = _save(request, invitation, draft, finish=False)
            if gone is not None:
                return gone
            page["has_draft"] = True
        return render(request, "questionnaires/answer.html", page, status=400)
    result = _save(request, invitation, form, finish=finishing)
    if result is not None:
        return result
    if finishing:
        return render(request, "questionnaires/answer_thanks.html", context)
    messages.success(request, _("Your answers are saved. Use the same link to finish them later."))
    return redirect(request.path)


def _save(
    request: HttpRequest, invitation: QuestionnaireInvitation, form: AnswerForm, *, finish: bool
) -> HttpResponse | None:
    """Store the answers; a page with 410 if the link was used or closed meanwhile."""
    context = {"questionnaire": invitation.questionnaire}
    try:
        services.response_save(invitation=invitation, answers=form.answers(), finish=finish)
    except services.AlreadyFinished:
        return render(request, "questionnaires/answer_done.html", context, status=410)
    except services.NotAccepting:
        return render(request, "questionnaires/answer_closed.html", context, status=410)
    return None
