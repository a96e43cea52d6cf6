"""Meeting, workshop design and calendar pages. Thin: parse, call one service or selector, render.

A meeting belongs to its network: someone who may not see the network gets a 404 for its
meetings too; someone who may see but not change it gets a 403 for every change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.views import paginate, request_user
from netvaerk.networks.models import Network
from netvaerk.networks.views import network_or_404
from netvaerk.organisation.models import ForumMeeting
from netvaerk.organisation.rules import person_of

from . import ical, selectors, services
from .forms import AgendaItemForm, DesignForm, MeetingEditForm, MeetingForm, MinutesForm
from .models import AgendaItem, CalendarFeed, Meeting, WorkshopDesign


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _changeable(request: HttpRequest, network: Network) -> None:
    if not request.user.has_perm("networks.change_network", network):
        raise PermissionDenied


# --- a network's meetings ---------------------------------------------------------------------


def _meeting_form(network: Network, data: Any = None) -> MeetingForm:
    designs = None if services.has_kickoff(network) else selectors.design_list()
    return MeetingForm(data, designs=designs)


def _list(
    request: HttpRequest, network: Network, *, form: MeetingForm | None = None, status: int = 200
) -> HttpResponse:
    now = timezone.now()
    can_change = request.user.has_perm("networks.change_network", network)
    context: dict[str, Any] = {
        "network": network,
        "can_change": can_change,
        "upcoming": paginate(request, selectors.upcoming_meetings(network, now), param="kommende"),
        "past": paginate(request, selectors.past_meetings(network, now)),
    }
    if can_change:
        context["form"] = form or _meeting_form(network)
    return render(request, "meetings/list.html", context, status=status)


class MeetingListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _list(request, network_or_404(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        _changeable(request, network)
        form = _meeting_form(network, request.POST)
        if not form.is_valid():
            return _list(request, network, form=form, status=400)
        data = form.cleaned_data
        try:
            meeting = services.meeting_schedule(
                network=network,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                design=data.get("design"),
                by=request_user(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
            return _list(request, network, form=form, status=400)
        messages.success(request, _("The meeting was scheduled."))
        return redirect(meeting)


# --- one meeting ------------------------------------------------------------------------------


def _meeting(request: HttpRequest, pk: int, meeting_id: int) -> tuple[Network, Meeting]:
    network = network_or_404(request, pk)
    try:
        meeting = selectors.meeting_for_page(network, meeting_id)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    meeting.network = network
    return network, meeting


def _edit_form(meeting: Meeting) -> MeetingEditForm:
    return MeetingEditForm(
        prefix="moede",
        initial={
            "title": meeting.title,
            "starts_at": timezone.localtime(meeting.starts_at),
            "ends_at": timezone.localtime(meeting.ends_at),
            "location": meeting.location,
            "sequence": meeting.sequence,
        },
    )


def _detail(
    request: HttpRequest,
    network: Network,
    meeting: Meeting,
    *,
    status: int = 200,
    failed_item: tuple[int, AgendaItemForm] | None = None,
    **forms: Any,
) -> HttpResponse:
    can_change = request.user.has_perm("networks.change_network", network)
    items = list(meeting.agenda.all())
    context: dict[str, Any] = {
        "network": network,
        "meeting": meeting,
        "items": items,
        "total_minutes": sum(item.duration_minutes or 0 for item in items),
        "can_change": can_change,
        "conflict": forms.pop("conflict", None),
    }
    if can_change:
        rows = []
        for item in items:
            if failed_item and failed_item[0] == item.pk:
                rows.append((item, failed_item[1]))
            else:
                rows.append(
                    (
                        item,
                        AgendaItemForm(
                            prefix=f"punkt{item.pk}",
                            initial={
                                "title": item.title,
                                "duration_minutes": item.duration_minutes,
                                "notes": item.notes,
                            },
                        ),
                    )
                )
        context["rows"] = rows
        context["item_form"] = forms.get("item_form") or AgendaItemForm(prefix="nyt")
        context["minutes_form"] = forms.get("minutes_form") or MinutesForm(
            prefix="referat", initial={"minutes": meeting.minutes, "sequence": meeting.sequence}
        )
        context["edit_form"] = forms.get("edit_form") or _edit_form(meeting)
    return render(request, "meetings/detail.html", context, status=status)


def _reload(network: Network, meeting: Meeting) -> Meeting:
    fresh = selectors.meeting_for_page(network, meeting.pk)
    fresh.network = network
    return fresh


class MeetingView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
        network, meeting = _meeting(request, pk, meeting_id)
        return _detail(request, network, meeting)


class MeetingEditView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
        network, meeting = _meeting(request, pk, meeting_id)
        _changeable(request, network)
        form = MeetingEditForm(request.POST, prefix="moede")
        if not form.is_valid():
            return _detail(request, network, meeting, status=400, edit_form=form)
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=meeting,
                sequence=data["sequence"],
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                by=request_user(request),
            )
        except services.StaleMeeting as stale:
            fresh = _reload(network, stale.current)
            form = MeetingEditForm(
                {**request.POST.dict(), "moede-sequence": str(fresh.sequence)}, prefix="moede"
            )
            form.is_valid()
            form.add_error(None, _stale_message())
            return _detail(request, network, fresh, status=409, edit_form=form)
        except ValidationError as error:
            _add_errors(form, error)
            return _detail(request, network, meeting, status=400, edit_form=form)
        messages.success(request, _("The meeting was changed."))
        return redirect(meeting)


def _stale_message() -> str:
    return _(
        "Someone else changed this meeting while you were editing it. Your text is kept "
        "below; compare it with what the page shows now and save again."
    )


class MeetingMinutesView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
        network, meeting = _meeting(request, pk, meeting_id)
        _changeable(request, network)
        form = MinutesForm(request.POST, prefix="referat")
        if not form.is_valid():
            return _detail(request, network, meeting, status=400, minutes_form=form)
        try:
            services.meeting_minutes_save(
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                sequence=form.cleaned_data["sequence"],
                by=request_user(request),
            )
        except services.StaleMeeting as stale:
            fresh = _reload(network, stale.current)
            form = MinutesForm(
                {**request.POST.dict(), "referat-sequence": str(fresh.sequence)}, prefix="referat"
            )
            form.is_valid()
            form.add_error(None, _stale_message())
            return _detail(
                request, network, fresh, status=409, minutes_form=form, conflict=fresh.minutes
            )
        messages.success(request, _("The minutes were saved."))
        return redirect(f"{meeting.get_absolute_url()}#referat")


class AgendaItemAddView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
        network, meeting = _meeting(request, pk, meeting_id)
        _changeable(request, network)
        form = AgendaItemForm(request.POST, prefix="nyt")
        if not form.is_valid():
            return _detail(request, network, meeting, status=400, item_form=form)
        try:
            services.agenda_item_add(meeting=meeting, by=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return _detail(request, network, meeting, status=400, item_form=form)
        messages.success(request, _("The item was added to the agenda."))
        return redirect(f"{meeting.get_absolute_url()}#dagsorden")


def _item(request: HttpRequest, pk: int, meeting_id: int, item_id: int) -> tuple[Any, ...]:
    network, meeting = _meeting(request, pk, meeting_id)
    try:
        item = selectors.item_of(meeting, item_id)
    except AgendaItem.DoesNotExist as missing:
        raise Http404 from missing
    _changeable(request, network)
    return network, meeting, item


class AgendaItemEditView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, meeting_id: int, item_id: int) -> HttpResponse:
        network, meeting, item = _item(request, pk, meeting_id, item_id)
        form = AgendaItemForm(request.POST, prefix=f"punkt{item.pk}")
        if not form.is_valid():
            return _detail(request, network, meeting, status=400, failed_item=(item.pk, form))
        try:
            services.agenda_item_update(item=item, by=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return _detail(request, network, meeting, status=400, failed_item=(item.pk, form))
        messages.success(request, _("The agenda item was saved."))
        return redirect(f"{meeting.get_absolute_url()}#dagsorden")


class AgendaItemRemoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, meeting_id: int, item_id: int) -> HttpResponse:
        _network, meeting, item = _item(request, pk, meeting_id, item_id)
        services.agenda_item_remove(item=item, by=request_user(request))
        messages.success(request, _("The item was removed from the agenda."))
        return redirect(f"{meeting.get_absolute_url()}#dagsorden")


class AgendaItemMoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, meeting_id: int, item_id: int) -> HttpResponse:
        _network, meeting, item = _item(request, pk, meeting_id, item_id)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return HttpResponse(
                _("Choose to move the item up or down."), status=400, content_type="text/plain"
            )
        services.agenda_item_move(item=item, up=direction == "up", by=request_user(request))
        return redirect(f"{meeting.get_absolute_url()}#punkt-{item.pk}")


class MeetingIcsView(LoginRequiredMixin, View):
    """The meeting as an iCalendar file, for anyone who may see the network."""

    def get(self, request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
        _network, meeting = _meeting(request, pk, meeting_id)
        url = request.build_absolute_uri(meeting.get_absolute_url())
        body = ical.calendar([ical.network_entry(meeting, url)])
        return ical.response(body, f"moede-{meeting.pk}.ics")


class ForumMeetingIcsView(PermissionRequiredMixin, View):
    """A forum meeting as an iCalendar file, for those who may see the forum's meetings."""

    permission_required = "ideas.view_meeting"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        try:
            meeting = selectors.forum_meeting_for_calendar(slug, pk)
        except ForumMeeting.DoesNotExist as missing:
            raise Http404 from missing
        url = request.build_absolute_uri(meeting.get_absolute_url())
        body = ical.calendar([ical.forum_entry(meeting, url)])
        return ical.response(body, f"forummoede-{meeting.pk}.ics")


# --- workshop designs -------------------------------------------------------------------------


class DesignListView(PermissionRequiredMixin, View):
    permission_required = "meetings.manage_designs"

    def get(self, request: HttpRequest) -> HttpResponse:
        designs = paginate(request, selectors.design_list())
        return render(request, "meetings/design_list.html", {"designs": designs})


class DesignFormView(PermissionRequiredMixin, View):
    """Create a design (no pk) or change one."""

    permission_required = "meetings.manage_designs"
    template_name = "meetings/design_form.html"

    def _design(self, pk: int | None) -> WorkshopDesign | None:
        return get_object_or_404(WorkshopDesign, pk=pk) if pk else None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        design = self._design(pk)
        form = DesignForm(instance=design)
        return render(request, self.template_name, {"form": form, "design": design})

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        design = self._design(pk)
        form = DesignForm(request.POST, instance=design or WorkshopDesign())
        if not form.is_valid():
            context = {"form": form, "design": design}
            return render(request, self.template_name, context, status=400)
        fields = {name: form.cleaned_data[name] for name in services.DESIGN_FIELDS}
        by = request_user(request)
        if design is None:
            services.design_create(by=by, **fields)
            messages.success(request, _("The workshop design was created."))
        else:
            services.design_update(design=design, by=by, **fields)
            messages.success(request, _("The workshop design was saved."))
        return redirect("meetings:designs")


# --- calendars --------------------------------------------------------------------------------


class CalendarView(LoginRequiredMixin, View):
    """The person's secret calendar address, and a way to replace it."""

    def _person(self, request: HttpRequest) -> Any:
        person = person_of(request.user)
        if person is None:
            raise Http404
        return person

    def get(self, request: HttpRequest) -> HttpResponse:
        person = self._person(request)
        feed = services.calendar_feed_get(person=person, by=request_user(request))
        address = request.build_absolute_uri(reverse("meetings:feed", args=[feed.token]))
        webcal = "webcal://" + address.split("://", 1)[1]
        context = {
            "feed": feed,
            "address": address,
            "webcal": webcal,
            "days": selectors.FEED_DAYS_BACK,
            "limit": selectors.FEED_LIMIT,
        }
        return render(request, "meetings/calendar.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        person = self._person(request)
        services.calendar_feed_renew(person=person, by=request_user(request))
        messages.success(
            request,
            _("Your calendar has a new address. The old one no longer works: subscribe again."),
        )
        return redirect("meetings:calendar")


class FeedView(View):
    """A person's meetings as a calendar feed: the secret token in the address is the key."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        absolute = request.build_absolute_uri
        try:
            feed = selectors.feed_by_token(token)
        except CalendarFeed.DoesNotExist as missing:
            raise Http404 from missing
        person, user = feed.person, feed.person.user
        # Someone who has left (or whose account is closed) no longer gets any meetings.
        if not person.is_active or user is None or not user.is_active:
            raise Http404
        entries = [
            ical.network_entry(m, absolute(m.get_absolute_url()), prefix=f"{m.network.title}: ")
            for m in selectors.feed_meetings(person)
        ]
        # Forum meetings only for those who may see them on their pages (not guests).
        if user.has_perm("ideas.view_meeting"):
            entries += [
                ical.forum_entry(m, absolute(m.get_absolute_url()), prefix=f"{m.forum.name}: ")
                for m in selectors.feed_forum_meetings(person)
            ]
        entries.sort(key=lambda entry: entry.starts_at)
        body = ical.calendar(entries[: selectors.FEED_LIMIT], name=_("My meetings"))
        return ical.response(body)
