"""Idea, round and forum meeting pages. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.exports import FORMATS, csv_response, xlsx_response
from netvaerk.core.views import edit_conflict, paginate, request_user
from netvaerk.organisation.models import ForumMeeting
from netvaerk.organisation.rules import person_of

from . import lifecycle, selectors, services
from .forms import (
    AgendaForm,
    CommentForm,
    DecisionForm,
    IdeaFilterForm,
    IdeaForm,
    MergeForm,
    QuestionForm,
    RoundForm,
    ScoreForm,
)
from .models import Comment, Idea, Round


def _idea(request: HttpRequest, pk: int) -> Idea:
    """The idea, if the user may see it; someone else's draft does not exist for them."""
    try:
        idea = selectors.idea_for_page(pk, person_of(request.user))
    except Idea.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm("ideas.view_idea", idea):
        if idea.state == Idea.State.DRAFT:
            raise Http404
        raise PermissionDenied
    return idea


# --- list, submit, edit -----------------------------------------------------------------------


class IdeaListView(PermissionRequiredMixin, View):
    permission_required = "ideas.view_ideas"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = IdeaFilterForm(request.GET)
        if not form.is_valid():
            return render(request, "ideas/list.html", {"form": form}, status=400)
        data = form.cleaned_data
        ideas = selectors.idea_list(
            query=data["q"].strip(),
            state=data["state"],
            kind=data["kind"],
            round=data["round"],
            area=data["area"],
            sort=data["sort"],
        )
        return render(request, "ideas/list.html", {"form": form, "ideas": paginate(request, ideas)})


class IdeaCreateView(PermissionRequiredMixin, View):
    permission_required = "ideas.add_idea"
    template_name = "ideas/form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": IdeaForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = IdeaForm(request.POST)
        submit = request.POST.get("action") == "submit"
        if not form.is_valid() or (submit and not form.require_complete()):
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        idea = services.idea_create(
            title=data["title"],
            problem=data["problem"],
            perspective=data["perspective"],
            kind=data["kind"],
            benefit=data["benefit"],
            units=data["units"],
            co_proposers=data["co_proposer_emails"],
            submit=submit,
            by=request_user(request),
        )
        messages.success(request, _submitted_message(idea) if submit else _("The draft was saved."))
        return redirect(idea)


def _submitted_message(idea: Idea) -> str:
    if idea.round is None:
        return _(
            "The idea was submitted. No round is open right now; it joins the next round "
            "the secretariat opens."
        )
    return _("The idea was submitted to the round “%(round)s”.") % {"round": idea.round}


class IdeaEditView(LoginRequiredMixin, View):
    template_name = "ideas/form.html"

    def _editable(self, request: HttpRequest, pk: int) -> Idea:
        idea = _idea(request, pk)
        if not request.user.has_perm("ideas.change_idea", idea):
            raise PermissionDenied
        return idea

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        idea = self._editable(request, pk)
        return render(request, self.template_name, {"form": IdeaForm(instance=idea), "idea": idea})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        idea = self._editable(request, pk)
        form = IdeaForm(request.POST, instance=Idea.objects.get(pk=idea.pk))
        submit = request.POST.get("action") == "submit" and idea.state == Idea.State.DRAFT
        context: dict[str, Any] = {"form": form, "idea": idea}
        if not form.is_valid() or (submit and not form.require_complete()):
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            idea = services.idea_update(
                idea=idea,
                version=data["version"] or 0,
                by=request_user(request),
                units=data["units"],
                co_proposers=data["co_proposer_emails"],
                **{name: data[name] for name in services.IDEA_FIELDS},
            )
        except services.StaleIdea as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=services.IDEA_FIELDS,
                message=_(
                    "Someone else saved this idea while you were editing it. Your text is kept "
                    "below; compare it with theirs and save again."
                ),
                template_name=self.template_name,
                context={"idea": stale.current},
            )
        if submit:
            try:
                idea = services.idea_submit(idea=idea, by=request_user(request))
            except ValidationError as error:
                form.add_error(None, error)
                return render(request, self.template_name, context, status=400)
            messages.success(request, _submitted_message(idea))
        else:
            messages.success(request, _("Your changes were saved."))
        return redirect(idea)


# --- the idea page and what people do on it ---------------------------------------------------


def _detail(request: HttpRequest, idea: Idea, *, status: int = 200, **forms: Any) -> HttpResponse:
    user = request.user
    person = person_of(user)
    steps = []
    for step in lifecycle.next_steps(idea):
        steps.append({"step": step, "mine": user.has_perm(step.permission, idea)})
    can = {
        name: user.has_perm(f"ideas.{name}", idea)
        for name in (
            "change_idea",
            "support_idea",
            "follow_idea",
            "comment_idea",
            "screen_idea",
            "score_idea",
            "decide_idea",
        )
    }
    criteria = list(idea.round.criteria.all()) if idea.round else []
    context: dict[str, Any] = {
        "idea": idea,
        "can": can,
        "steps": steps,
        "mine": selectors.person_state(idea),
        "comments": paginate(request, selectors.idea_comments(idea), param="kommentarer"),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "criteria": criteria,
    }
    if criteria and idea.state in (Idea.State.ON_AGENDA, *lifecycle.DECISIONS):
        context["score_rows"] = selectors.score_table([idea], criteria)
    if can["score_idea"]:
        context["score_form"] = forms.get("score_form") or ScoreForm(
            criteria=criteria, initial_scores=selectors.member_scores(idea, person)
        )
    if can["screen_idea"]:
        context["question_form"] = forms.get("question_form") or QuestionForm()
        if lifecycle.allowed(idea, "put_on_agenda"):
            initial = {"meeting": idea.round.decision_meeting_id} if idea.round else {}
            context["agenda_form"] = forms.get("agenda_form") or AgendaForm(initial=initial)
        if lifecycle.allowed(idea, "merge"):
            context["merge_form"] = forms.get("merge_form") or MergeForm(
                candidates=selectors.merge_candidates(idea)
            )
    if can["decide_idea"]:
        context["decision_form"] = forms.get("decision_form") or DecisionForm(
            later_rounds=selectors.later_rounds(idea.round)
        )
    return render(request, "ideas/detail.html", context, status=status)


class IdeaView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _detail(request, _idea(request, pk))


class IdeaSupportView(LoginRequiredMixin, View):
    """Support or withdraw: `action=add|remove`, so a double click cannot count twice."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        idea = _idea(request, pk)
        by = request_user(request)
        if request.POST.get("action") == "remove":
            services.idea_unsupport(idea=idea, by=by)
        else:
            services.idea_support(idea=idea, by=by)
        if request.htmx:  # type: ignore[attr-defined]
            idea = selectors.idea_for_page(pk, person_of(by))
            return render(
                request,
                "ideas/_support.html",
                {
                    "idea": idea,
                    "mine": selectors.person_state(idea),
                    "can": {"support_idea": request.user.has_perm("ideas.support_idea", idea)},
                },
            )
        return redirect(idea)


class IdeaFollowView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        idea = _idea(request, pk)
        follow = request.POST.get("action") != "remove"
        services.idea_follow(idea=idea, follow=follow, by=request_user(request))
        messages.success(
            request,
            _("You follow the idea.") if follow else _("You no longer follow the idea."),
        )
        return redirect(idea)


class IdeaCommentView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        idea = _idea(request, pk)
        form = CommentForm(request.POST)
        if not form.is_valid():
            return _detail(request, idea, status=400, comment_form=form)
        parent = None
        if form.cleaned_data["parent"]:
            parent = Comment.objects.filter(pk=form.cleaned_data["parent"], idea=idea).first()
            if parent is None:
                form.add_error(None, _("The comment you replied to no longer exists."))
                return _detail(request, idea, status=400, comment_form=form)
        comment = services.idea_comment(
            idea=idea, body=form.cleaned_data["body"], parent=parent, by=request_user(request)
        )
        messages.success(request, _("Your comment was added."))
        return redirect(f"{idea.get_absolute_url()}#kommentar-{comment.pk}")


class IdeaQuestionView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        idea = _idea(request, pk)
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return _detail(request, idea, status=400, question_form=form)
        services.idea_comment(
            idea=idea, body=form.cleaned_data["body"], question=True, by=request_user(request)
        )
        messages.success(request, _("The question was sent to the proposer."))
        return redirect(idea)


class IdeaScoreView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        idea = _idea(request, pk)
        if not request.user.has_perm("ideas.score_idea", idea):
            raise PermissionDenied
        criteria = list(idea.round.criteria.all()) if idea.round else []
        form = ScoreForm(request.POST, criteria=criteria, initial_scores={})
        if not form.is_valid():
            return _detail(request, idea, status=400, score_form=form)
        try:
            services.idea_score(idea=idea, values=form.values(), by=request_user(request))
        except ValidationError as error:
            form.add_error(None, error)
            return _detail(request, idea, status=400, score_form=form)
        messages.success(request, _("Your scores were saved."))
        return redirect(idea)


class IdeaStepView(LoginRequiredMixin, View):
    """Take one lifecycle step; the step's own form says what it needs."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        idea = _idea(request, pk)
        try:
            step = lifecycle.step(action)
        except KeyError as unknown:
            raise Http404 from unknown
        if not request.user.has_perm(step.permission, idea):
            raise PermissionDenied
        by = request_user(request)
        form: Any = None
        form_name = ""
        try:
            if action == "submit":
                services.idea_submit(idea=idea, by=by)
            elif action == "screen":
                services.idea_screen(idea=idea, by=by)
            elif action == "take_off_agenda":
                services.idea_take_off_agenda(idea=idea, by=by)
            elif action == "reopen":
                services.idea_reopen(idea=idea, by=by)
            elif action == "put_on_agenda":
                form, form_name = AgendaForm(request.POST), "agenda_form"
                if not form.is_valid():
                    return _detail(request, idea, status=400, **{form_name: form})
                services.idea_put_on_agenda(idea=idea, meeting=form.cleaned_data["meeting"], by=by)
            elif action == "merge":
                form = MergeForm(request.POST, candidates=selectors.merge_candidates(idea))
                form_name = "merge_form"
                if not form.is_valid():
                    return _detail(request, idea, status=400, **{form_name: form})
                services.idea_merge(idea=idea, into=form.cleaned_data["into"], by=by)
            elif action == "decide":
                form = DecisionForm(request.POST, later_rounds=selectors.later_rounds(idea.round))
                form_name = "decision_form"
                if not form.is_valid():
                    return _detail(request, idea, status=400, **{form_name: form})
                data = form.cleaned_data
                services.idea_decide(
                    idea=idea,
                    outcome=data["outcome"],
                    reason=data["reason"],
                    kind=data["kind"],
                    later_round=data["later_round"],
                    by=by,
                )
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return _detail(request, idea, status=400)
            _add_errors(form, error)
            return _detail(request, idea, status=400, **{form_name: form})
        messages.success(request, _("Done: %(step)s.") % {"step": step.label})
        return redirect(idea)


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- rounds -------------------------------------------------------------------------------------


class RoundListView(PermissionRequiredMixin, View):
    permission_required = "ideas.view_rounds"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "ideas/round_list.html",
            {"rounds": paginate(request, selectors.round_list()), "now": timezone.now()},
        )


class RoundFormView(PermissionRequiredMixin, View):
    """Create a round (no pk) or change one."""

    permission_required = "ideas.manage_rounds"
    template_name = "ideas/round_form.html"

    def _round(self, pk: int | None) -> Round | None:
        return get_object_or_404(Round, pk=pk) if pk else None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        round = self._round(pk)
        return render(
            request, self.template_name, {"form": RoundForm(instance=round), "round": round}
        )

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        round = self._round(pk)
        form = RoundForm(request.POST, instance=round or Round())
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "round": round}, status=400)
        data = form.cleaned_data
        fields = {name: data[name] for name in services.ROUND_FIELDS}
        by = request_user(request)
        if round is None:
            round = services.round_create(criteria=data["criteria"], by=by, **fields)
            messages.success(request, _("The round was created."))
        else:
            round = services.round_update(round=round, criteria=data["criteria"], by=by, **fields)
            messages.success(request, _("The round was saved."))
        return redirect(round)


class RoundView(PermissionRequiredMixin, View):
    permission_required = "ideas.view_rounds"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round = get_object_or_404(Round.objects.select_related("decision_meeting__forum"), pk=pk)
        export = request.GET.get("format")
        if export is not None:
            return self._export(round, export)
        criteria = list(round.criteria.all())
        ideas = paginate(request, selectors.round_ideas(round))
        return render(
            request,
            "ideas/round.html",
            {
                "round": round,
                "criteria": criteria,
                "ideas": ideas,
                "rows": selectors.score_table(list(ideas), criteria),
            },
        )

    def _export(self, round: Round, export: str) -> HttpResponse:
        if export not in FORMATS:
            return HttpResponse(
                _("Choose the format csv or xlsx."), status=400, content_type="text/plain"
            )
        header = [
            _("No."),
            _("Title"),
            _("State"),
            _("Suggested type"),
            _("Proposer"),
            _("Units"),
            _("The problem"),
            _("Expected benefit"),
            _("Supports"),
            _("Comments"),
            _("Weighted score"),
            _("Submitted"),
        ]
        rows = selectors.export_rows(round)
        filename = f"ideer-runde-{round.pk}.{export}"
        if export == "csv":
            return csv_response(filename, header, rows)
        return xlsx_response(filename, header, rows, sheet=_("Ideas"))


class MeetingView(PermissionRequiredMixin, View):
    """A forum meeting's agenda, with the ideas' weighted scores side by side."""

    permission_required = "ideas.view_meeting"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        meeting = get_object_or_404(
            ForumMeeting.objects.select_related("forum"), pk=pk, forum__slug=slug
        )
        agenda = paginate(request, selectors.meeting_agenda(meeting))
        ideas = [item.idea for item in agenda]
        # The scores are side by side on the criteria of the round this meeting decides
        # (or, without one, of the one round all the agenda's ideas come from).
        deciding = Round.objects.filter(decision_meeting=meeting).order_by("-deadline").first()
        rounds = {idea.round_id for idea in ideas if idea.round_id}
        if deciding is None and len(rounds) == 1:
            deciding = Round.objects.filter(pk=rounds.pop()).first()
        criteria = list(deciding.criteria.all()) if deciding else []
        return render(
            request,
            "ideas/meeting.html",
            {
                "meeting": meeting,
                "agenda": agenda,
                "criteria": criteria,
                "rows": selectors.score_table(ideas, criteria),
            },
        )
