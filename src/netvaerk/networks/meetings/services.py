"""Every write to meetings, agendas, minutes, workshop designs and calendar feeds.

Each service checks its permission (the network's `networks.change_network` for a meeting,
`meetings.manage_designs` for a design), writes in one transaction with an audit entry, and
locks the row it changes. Every change to a meeting raises its `sequence`, so calendar programs
that subscribed to it replace their copy.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person

from .models import AgendaItem, CalendarFeed, Meeting, WorkshopDesign, _token

DESIGN_FIELDS = ["title", "description", "agenda", "duration_minutes"]
MEETING_FIELDS = ["title", "kind", "starts_at", "ends_at", "location"]
ITEM_FIELDS = ["title", "duration_minutes", "notes"]
MAX_AGENDA_ITEMS = 50
MAX_MINUTES = 600  # one agenda item's length
TITLE_LIMIT = 300


class StaleMeeting(Exception):
    """The meeting was changed by someone else since the editor loaded it."""

    def __init__(self, current: Meeting) -> None:
        super().__init__("stale meeting")
        self.current = current


# --- the agenda format of a workshop design ---------------------------------------------------


def parse_agenda(text: str) -> list[tuple[int | None, str]]:
    """The items of an agenda written one per line as “minutes | title” (minutes optional).

    Raises ValidationError naming the first line that is wrong.
    """
    items: list[tuple[int | None, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        first, bar, rest = line.partition("|")
        minutes_text, title = (first.strip(), rest.strip()) if bar else ("", first.strip())
        minutes: int | None = None
        if minutes_text:
            if not (minutes_text.isascii() and minutes_text.isdecimal()):
                raise ValidationError(
                    _(
                        "Line %(number)s: write the minutes as a whole number before the "
                        "bar, e.g. “20 | Welcome”."
                    )
                    % {"number": number}
                )
            minutes = int(minutes_text)
            if not 1 <= minutes <= MAX_MINUTES:
                raise ValidationError(
                    _("Line %(number)s: the minutes must be from 1 to %(max)s.")
                    % {"number": number, "max": MAX_MINUTES}
                )
        if not title:
            raise ValidationError(
                _("Line %(number)s: the item needs a title after the bar.") % {"number": number}
            )
        if len(title) > TITLE_LIMIT:
            raise ValidationError(
                _("Line %(number)s: an item's title can be at most %(max)s characters.")
                % {"number": number, "max": TITLE_LIMIT}
            )
        items.append((minutes, title))
    if len(items) > MAX_AGENDA_ITEMS:
        raise ValidationError(
            _("An agenda can have at most %(max)s items.") % {"max": MAX_AGENDA_ITEMS}
        )
    return items


# --- workshop designs --------------------------------------------------------------------------


def design_create(
    *,
    title: str,
    description: str = "",
    agenda: str = "",
    duration_minutes: int = 180,
    by: User | None,
) -> WorkshopDesign:
    require_permission(by, "meetings.manage_designs")
    parse_agenda(agenda)
    with transaction.atomic():
        design = WorkshopDesign.objects.create(
            title=title,
            description=description,
            agenda=agenda,
            duration_minutes=duration_minutes,
            updated_at=timezone.now(),
        )
        audit_record(
            actor=by,
            action="meetings.design.create",
            target=design,
            after=snapshot(design, DESIGN_FIELDS),
        )
    return design


def design_update(*, design: WorkshopDesign, by: User | None, **fields: Any) -> WorkshopDesign:
    unknown = set(fields) - set(DESIGN_FIELDS)
    if unknown:
        raise TypeError(f"unknown design fields: {sorted(unknown)}")
    require_permission(by, "meetings.manage_designs")
    if "agenda" in fields:
        parse_agenda(fields["agenda"])
    with transaction.atomic():
        current = WorkshopDesign.objects.select_for_update().get(pk=design.pk)
        before = snapshot(current, DESIGN_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.updated_at = timezone.now()
        current.save()
        audit_record(
            actor=by,
            action="meetings.design.update",
            target=current,
            before=before,
            after=snapshot(current, DESIGN_FIELDS),
        )
    return current


# --- meetings ----------------------------------------------------------------------------------


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


def has_kickoff(network: Network) -> bool:
    return Meeting.objects.filter(network=network, kind=Meeting.Kind.KICKOFF).exists()


def meeting_schedule(
    *,
    network: Network,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    location: str = "",
    design: WorkshopDesign | None = None,
    agenda: Sequence[tuple[int | None, str]] = (),
    minutes: str = "",
    by: User | None,
) -> Meeting:
    """Schedule a meeting; with a design it is the network's start-up workshop.

    The workshop gets the design's agenda items with their minutes, and ends after the design's
    length unless `ends_at` says otherwise. A network has one start-up workshop. Without a
    design, `agenda` gives the items as (minutes, title).
    """
    require_permission(by, "networks.change_network", network)
    if ends_at is None:
        if design is None:
            raise ValidationError({"ends_at": _("Say when the meeting ends.")})
        ends_at = starts_at + datetime.timedelta(minutes=design.duration_minutes)
    _check_times(starts_at, ends_at)
    items = parse_agenda(design.agenda) if design is not None else list(agenda)
    for minutes_, item_title in items:
        _check_item(item_title, minutes_)
    with transaction.atomic():
        # Locking the network keeps two people from creating two start-up workshops at once.
        Network.objects.select_for_update().filter(pk=network.pk).first()
        if design is not None and has_kickoff(network):
            raise ValidationError({"design": _("The network has a start-up workshop already.")})
        meeting = Meeting.objects.create(
            network=network,
            kind=Meeting.Kind.KICKOFF if design is not None else Meeting.Kind.MEETING,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            design=design,
            minutes=minutes,
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=meeting, position=n, title=item_title, duration_minutes=mins)
                for n, (mins, item_title) in enumerate(items, 1)
            ]
        )
        audit_record(
            actor=by,
            action="meetings.meeting.schedule",
            target=meeting,
            after={**snapshot(meeting, MEETING_FIELDS), "design": str(design or "")},
        )
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("network").get(pk=meeting.pk)
    )


def _bump(meeting: Meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence"])


def meeting_update(
    *,
    meeting: Meeting,
    sequence: int,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    by: User | None,
) -> Meeting:
    """Change a meeting's title, time or place; refused with StaleMeeting if it changed since."""
    _check_times(starts_at, ends_at)
    with transaction.atomic():
        current = _locked(meeting)
        require_permission(by, "networks.change_network", current.network)
        if current.sequence != sequence:
            raise StaleMeeting(current)
        before = snapshot(current, MEETING_FIELDS)
        current.title, current.location = title, location
        current.starts_at, current.ends_at = starts_at, ends_at
        current.save(update_fields=["title", "location", "starts_at", "ends_at"])
        _bump(current)
        audit_record(
            actor=by,
            action="meetings.meeting.update",
            target=current,
            before=before,
            after=snapshot(current, MEETING_FIELDS),
        )
    return current


def meeting_minutes_save(
    *, meeting: Meeting, minutes: str, sequence: int | None, by: User | None
) -> Meeting:
    """Write the meeting's minutes; refused with StaleMeeting if the meeting changed since
    `sequence` (None: the system, which does not check)."""
    with transaction.atomic():
        current = _locked(meeting)
        require_permission(by, "networks.change_network", current.network)
        if sequence is not None and current.sequence != sequence:
            raise StaleMeeting(current)
        before = snapshot(current, ["minutes"])
        current.minutes = minutes
        current.save(update_fields=["minutes"])
        _bump(current)
        audit_record(
            actor=by,
            action="meetings.meeting.minutes",
            target=current,
            before=before,
            after=snapshot(current, ["minutes"]),
        )
    return current


# --- agenda items ------------------------------------------------------------------------------


def _check_item(title: str, duration_minutes: int | None) -> None:
    if not title.strip():
        raise ValidationError({"title": _("Give the agenda item a title.")})
    if duration_minutes is not None and not 1 <= duration_minutes <= MAX_MINUTES:
        raise ValidationError(
            {"duration_minutes": _("The minutes must be from 1 to %(max)s.") % {"max": MAX_MINUTES}}
        )


def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    duration_minutes: int | None = None,
    notes: str = "",
    by: User | None,
) -> AgendaItem:
    _check_item(title, duration_minutes)
    with transaction.atomic():
        current = _locked(meeting)
        require_permission(by, "networks.change_network", current.network)
        items = AgendaItem.objects.filter(meeting=current)
        if items.count() >= MAX_AGENDA_ITEMS:
            raise ValidationError(
                _("An agenda can have at most %(max)s items.") % {"max": MAX_AGENDA_ITEMS}
            )
        last = items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            meeting=current,
            position=last + 1,
            title=title,
            duration_minutes=duration_minutes,
            notes=notes,
        )
        _bump(current)
        audit_record(
            actor=by,
            action="meetings.agenda_item.add",
            target=item,
            after=snapshot(item, ITEM_FIELDS),
        )
    return item


def _locked_item(item: AgendaItem) -> tuple[AgendaItem, Meeting]:
    meeting = _locked(item.meeting)
    return AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting), meeting


def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    duration_minutes: int | None = None,
    notes: str = "",
    by: User | None,
) -> AgendaItem:
    _check_item(title, duration_minutes)
    with transaction.atomic():
        current, meeting = _locked_item(item)
        require_permission(by, "networks.change_network", meeting.network)
        before = snapshot(current, ITEM_FIELDS)
        current.title, current.duration_minutes, current.notes = title, duration_minutes, notes
        current.save(update_fields=ITEM_FIELDS)
        _bump(meeting)
        audit_record(
            actor=by,
            action="meetings.agenda_item.update",
            target=current,
            before=before,
            after=snapshot(current, ITEM_FIELDS),
        )
    return current


def agenda_item_remove(*, item: AgendaItem, by: User | None) -> None:
    with transaction.atomic():
        current, meeting = _locked_item(item)
        require_permission(by, "networks.change_network", meeting.network)
        audit_record(
            actor=by,
            action="meetings.agenda_item.remove",
            target=current,
            before=snapshot(current, ITEM_FIELDS),
        )
        current.delete()
        _bump(meeting)


def agenda_item_move(*, item: AgendaItem, up: bool, by: User | None) -> AgendaItem:
    """Swap the item with the one before it (`up`) or after it; at the end, nothing moves."""
    with transaction.atomic():
        current, meeting = _locked_item(item)
        require_permission(by, "networks.change_network", meeting.network)
        items = list(AgendaItem.objects.select_for_update().filter(meeting=meeting))
        index = next(n for n, other in enumerate(items) if other.pk == current.pk)
        other_index = index - 1 if up else index + 1
        if not 0 <= other_index < len(items):
            return current
        items[index], items[other_index] = items[other_index], items[index]
        for position, each in enumerate(items, 1):
            each.position = position
        AgendaItem.objects.bulk_update(items, ["position"])
        _bump(meeting)
        audit_record(
            actor=by,
            action="meetings.agenda_item.move",
            target=current,
            before={"position": index + 1},
            after={"position": other_index + 1},
        )
    return current


# --- calendar feeds ----------------------------------------------------------------------------


def _require_self(by: User | None, person: Person) -> None:
    if by is not None and person.user_id != by.pk:
        raise PermissionDenied("someone else's calendar")


def calendar_feed_get(*, person: Person, by: User | None) -> CalendarFeed:
    """The person's calendar feed, made the first time they ask for it."""
    _require_self(by, person)
    feed = CalendarFeed.objects.filter(person=person).first()
    if feed is not None:
        return feed
    with transaction.atomic():
        feed, created = CalendarFeed.objects.get_or_create(person=person)
        if created:
            audit_record(actor=by, action="meetings.feed.create", target=feed, subject=person)
    return feed


def calendar_feed_renew(*, person: Person, by: User | None) -> CalendarFeed:
    """Give the person's feed a new secret address; the old one stops working at once."""
    _require_self(by, person)
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(person=person).first()
        if feed is None:
            feed = CalendarFeed.objects.create(person=person)
        else:
            feed.token = _token()
            feed.save(update_fields=["token"])
        audit_record(actor=by, action="meetings.feed.renew", target=feed, subject=person)
    return feed
