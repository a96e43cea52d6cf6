"""Every write to tie surveys, their waves, answers and instruments goes through here.

Each service checks its permission (evaluation/rules.py), writes in one transaction with an
audit entry, and locks what it changes. Answers are the exception in two ways: the respondent
is known only by the link's token (no `by`), and no audit entry is written for them, since an
entry with an actor and a time would tie a person to an answer.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission
from netvaerk.evaluation.tasks import send_survey_emails
from netvaerk.evaluation.tokens import response_key
from netvaerk.networks.models import Network, Participation
from netvaerk.organisation.rules import person_of

from . import scoring
from .instrument import ItemText
from .models import (
    Dimension,
    Instrument,
    InstrumentItem,
    TieAnswer,
    TieGroup,
    TieInvitation,
    TieMember,
    TieResponse,
    TieSurvey,
    TieWave,
)

DIMENSIONS = tuple(int(value) for value in Dimension.values)
PLACEHOLDER = "{group}"
MAX_GROUPS = 20
WAVE_FIELDS = [
    "kind",
    "closes_on",
    "closed_at",
    "respondents",
    "index",
    "communication",
    "relationship",
]


class InstrumentError(Exception):
    """The item texts cannot be used; `errors` says why, one readable line each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


class WaveClosed(Exception):
    """The wave no longer takes answers."""


class AlreadyAnswered(Exception):
    """The link's answers were finished; one response per link."""


class IncompleteAnswers(Exception):
    """Finishing needs an answer (or "don't know") to every item; the draft was kept."""

    def __init__(self, missing: list[tuple[int, int]]) -> None:
        super().__init__(f"{len(missing)} items unanswered")
        self.missing = missing


# --- instruments -------------------------------------------------------------------------------


def check_items(items: Sequence[ItemText]) -> list[str]:
    """What is wrong with a set of item texts ([] when they can be used)."""
    errors: list[str] = []
    if not items:
        return [_("The file has no items.")]
    seen: dict[str, set[int]] = {}
    for number, item in enumerate(items, start=1):
        if item.dimension not in DIMENSIONS:
            errors.append(
                _("Item %(number)s: the dimension must be a number from 1 to 7.")
                % {"number": number}
            )
            continue
        if not item.language or len(item.language) > 5:
            errors.append(
                _("Item %(number)s: give the language as a code such as da or en.")
                % {"number": number}
            )
            continue
        if not item.text.strip():
            errors.append(_("Item %(number)s: the question is empty.") % {"number": number})
        elif PLACEHOLDER not in item.text:
            errors.append(
                _("Item %(number)s: the question must contain {group} where the group's name goes.")
                % {"number": number}
            )
        if len(item.text) > 500:
            errors.append(
                _("Item %(number)s: the question is longer than 500 characters.")
                % {"number": number}
            )
        if not item.low_label.strip() or not item.high_label.strip():
            errors.append(_("Item %(number)s: give labels for both 1 and 5.") % {"number": number})
        elif len(item.low_label) > 100 or len(item.high_label) > 100:
            errors.append(
                _("Item %(number)s: a label is longer than 100 characters.") % {"number": number}
            )
        dimensions = seen.setdefault(item.language, set())
        if item.dimension in dimensions:
            errors.append(
                _(
                    "Item %(number)s: dimension %(dimension)s appears twice in "
                    "language %(language)s."
                )
                % {"number": number, "dimension": item.dimension, "language": item.language}
            )
        dimensions.add(item.dimension)
    for language, dimensions in sorted(seen.items()):
        missing = sorted(set(DIMENSIONS) - dimensions)
        if missing:
            errors.append(
                _("Language %(language)s lacks dimension(s) %(missing)s; all seven are needed.")
                % {"language": language, "missing": ", ".join(str(d) for d in missing)}
            )
    return errors


CSV_COLUMNS = ["dimension", "language", "text", "low_label", "high_label"]


def parse_items_csv(data: bytes) -> list[ItemText]:
    """Item texts from a CSV file (UTF-8, with or without BOM, `;` or `,` separated).

    Raises InstrumentError with every problem found, numbered by the file's row.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InstrumentError(
            [_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")]
        ) from error
    if "\x00" in text:
        raise InstrumentError([_("The file is not a text file.")])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise InstrumentError([_("The file is empty.")])
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        raise InstrumentError(
            [
                _("Row 1: the columns %(missing)s are missing; the file needs %(columns)s.")
                % {"missing": ", ".join(missing), "columns": ", ".join(CSV_COLUMNS)}
            ]
        )
    position = {column: header.index(column) for column in CSV_COLUMNS}
    items: list[ItemText] = []
    errors: list[str] = []
    row_numbers: list[int] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {
            column: (row[index].strip() if index < len(row) else "")
            for column, index in position.items()
        }
        try:
            dimension = int(values["dimension"])
        except ValueError:
            errors.append(
                _("Row %(row)s: the dimension must be a number from 1 to 7.") % {"row": number}
            )
            continue
        items.append(
            ItemText(
                dimension=dimension,
                language=values["language"].lower(),
                text=values["text"],
                low_label=values["low_label"],
                high_label=values["high_label"],
            )
        )
        row_numbers.append(number)
    # Number the item errors by the file's rows, not by the item's place.
    for message in check_items(items):
        errors.append(_renumber(message, row_numbers))
    if errors:
        raise InstrumentError(errors)
    return items


def _renumber(message: str, row_numbers: list[int]) -> str:
    for number, row in enumerate(row_numbers, start=1):
        item_prefix = _("Item %(number)s: ") % {"number": number}
        if message.startswith(item_prefix):
            return _("Row %(row)s: ") % {"row": row} + message[len(item_prefix) :]
    return message


def instrument_import(
    *,
    name: str,
    source: str,
    items: Sequence[ItemText],
    make_default: bool = False,
    by: User | None,
) -> Instrument:
    """Store a wording of the seven items (all or nothing); InstrumentError if it is unusable."""
    require_permission(by, "evaluation.manage_instruments")
    name = name.strip()
    errors = check_items(items)
    if not name:
        errors.insert(0, _("Give the instrument a name."))
    elif Instrument.objects.filter(name=name).exists():
        errors.insert(0, _("An instrument with this name exists already."))
    if errors:
        raise InstrumentError(errors)
    with transaction.atomic():
        if make_default:
            Instrument.objects.select_for_update().filter(is_default=True).update(is_default=False)
        instrument = Instrument.objects.create(
            name=name,
            source=source.strip(),
            is_default=make_default,
            created_by=person_of(by) if by else None,
        )
        InstrumentItem.objects.bulk_create(
            InstrumentItem(
                instrument=instrument,
                dimension=item.dimension,
                language=item.language,
                text=item.text.strip(),
                low_label=item.low_label.strip(),
                high_label=item.high_label.strip(),
            )
            for item in items
        )
        audit_record(
            actor=by,
            action="surveys.instrument.import",
            target=instrument,
            after={
                **snapshot(instrument, ["name", "source", "is_default"]),
                "languages": sorted({item.language for item in items}),
            },
        )
    return instrument


def instrument_set_default(*, instrument: Instrument, by: User | None) -> Instrument:
    """Make `instrument` the one new surveys start from."""
    require_permission(by, "evaluation.manage_instruments")
    with transaction.atomic():
        current = Instrument.objects.select_for_update().get(pk=instrument.pk)
        if not current.is_default:
            Instrument.objects.filter(is_default=True).update(is_default=False)
            current.is_default = True
            current.save(update_fields=["is_default"])
            audit_record(
                actor=by,
                action="surveys.instrument.set_default",
                target=current,
                before={"is_default": False},
                after={"is_default": True},
            )
    return current


# --- surveys and groups ------------------------------------------------------------------------


def clean_group_names(names: Iterable[str]) -> list[str]:
    """The group names, trimmed, blanks dropped; ValidationError if unusable."""
    cleaned = [" ".join(name.split()) for name in names]
    cleaned = [name for name in cleaned if name]
    if not cleaned:
        raise ValidationError({"groups": _("Name at least one group, one per line.")})
    if len(cleaned) > MAX_GROUPS:
        raise ValidationError({"groups": _("At most %(max)s groups.") % {"max": MAX_GROUPS}})
    if any(len(name) > 100 for name in cleaned):
        raise ValidationError({"groups": _("A group's name is at most 100 characters.")})
    if len({name.casefold() for name in cleaned}) != len(cleaned):
        raise ValidationError({"groups": _("Each group needs its own name.")})
    return cleaned


def survey_create(
    *,
    network: Network,
    title: str,
    instrument: Instrument,
    groups: Sequence[str],
    by: User | None,
) -> TieSurvey:
    """A tie survey of the network with its groups (roles or units), in the order given."""
    require_permission(by, "evaluation.change_evaluation", network)
    names = clean_group_names(groups)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the survey a title.")})
    with transaction.atomic():
        survey = TieSurvey.objects.create(
            network=network,
            title=title,
            instrument=instrument,
            created_by=person_of(by) if by else None,
        )
        TieGroup.objects.bulk_create(
            TieGroup(survey=survey, name=name, order=order) for order, name in enumerate(names)
        )
        audit_record(
            actor=by,
            action="surveys.survey.create",
            target=survey,
            after={
                "network": network.title,
                "title": title,
                "instrument": instrument.name,
                "groups": names,
            },
        )
    return survey


def current_participant_ids(network: Network) -> set[int]:
    return set(
        Participation.objects.filter(network=network, left_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )


def members_assign(
    *, survey: TieSurvey, assignments: Mapping[int, int | None], by: User | None
) -> int:
    """Place current participants in groups (group id, or None for no group); the number changed.

    Future waves invite by these groups; invitations already sent keep theirs.
    """
    require_permission(by, "evaluation.change_evaluation", survey.network)
    group_ids = set(TieGroup.objects.filter(survey=survey).values_list("pk", flat=True))
    participants = current_participant_ids(survey.network)
    for person_id, group_id in assignments.items():
        if person_id not in participants:
            raise ValidationError(_("Only the network's current participants can be placed."))
        if group_id is not None and group_id not in group_ids:
            raise ValidationError(_("Choose one of the survey's groups."))
    changed = 0
    with transaction.atomic():
        TieSurvey.objects.select_for_update().filter(pk=survey.pk).first()
        current = {
            member.person_id: member
            for member in TieMember.objects.filter(survey=survey, person_id__in=list(assignments))
        }
        before: dict[str, int | None] = {}
        after: dict[str, int | None] = {}
        for person_id, group_id in assignments.items():
            member = current.get(person_id)
            old = member.group_id if member else None
            if old == group_id:
                continue
            if group_id is None:
                if member is not None:
                    member.delete()
            elif member is None:
                TieMember.objects.create(survey=survey, person_id=person_id, group_id=group_id)
            else:
                member.group_id = group_id
                member.save(update_fields=["group"])
            before[str(person_id)] = old
            after[str(person_id)] = group_id
            changed += 1
        if changed:
            audit_record(
                actor=by,
                action="surveys.members.assign",
                target=survey,
                before=before,
                after=after,
            )
    return changed


# --- waves -------------------------------------------------------------------------------------


def wave_is_open(wave: TieWave, today: datetime.date | None = None) -> bool:
    return wave.closed_at is None and wave.closes_on >= (today or timezone.localdate())


def wave_launch(
    *, survey: TieSurvey, kind: str, closes_on: datetime.date, by: User | None
) -> TieWave:
    """Open a wave: invite every current participant who is in a group, and e-mail them."""
    require_permission(by, "evaluation.change_evaluation", survey.network)
    if kind not in TieWave.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of wave.")})
    if by is not None and closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("The closing date cannot be in the past.")})
    with transaction.atomic():
        locked = TieSurvey.objects.select_for_update().get(pk=survey.pk)
        today = timezone.localdate()
        if any(wave_is_open(wave, today) for wave in TieWave.objects.filter(survey=locked)):
            raise ValidationError(
                _("A wave is open already. Close it before you launch the next one.")
            )
        participants = current_participant_ids(survey.network)
        members = [
            member
            for member in TieMember.objects.filter(survey=locked).order_by("pk")
            if member.person_id in participants
        ]
        if not members:
            raise ValidationError(_("Place the participants in groups before you launch a wave."))
        wave = TieWave.objects.create(
            survey=locked,
            kind=kind,
            closes_on=closes_on,
            created_by=person_of(by) if by else None,
        )
        invitations = TieInvitation.objects.bulk_create(
            TieInvitation(wave=wave, person_id=member.person_id, group_id=member.group_id)
            for member in members
        )
        ids = [invitation.pk for invitation in invitations]
        audit_record(
            actor=by,
            action="surveys.wave.launch",
            target=wave,
            after={**snapshot(wave, ["kind", "closes_on"]), "invited": len(ids)},
        )
        transaction.on_commit(lambda: send_survey_emails.enqueue("tie", ids, False))
    return wave


def wave_remind(*, wave: TieWave, by: User | None) -> int:
    """E-mail the link again to those who have not finished; how many are reminded."""
    require_permission(by, "evaluation.change_evaluation", wave.survey.network)
    with transaction.atomic():
        locked = TieWave.objects.select_for_update().get(pk=wave.pk)
        if not wave_is_open(locked):
            raise ValidationError(_("The wave is closed; there is no one to remind."))
        ids = list(
            TieInvitation.objects.filter(wave=locked, finished=False).values_list("pk", flat=True)
        )
        audit_record(
            actor=by, action="surveys.wave.remind", target=locked, after={"reminded": len(ids)}
        )
        if ids:
            transaction.on_commit(lambda: send_survey_emails.enqueue("tie", ids, True))
    return len(ids)


def _two_places(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def wave_ratings(wave_ids: Sequence[int]) -> dict[int, list[scoring.Rating]]:
    """The finished ratings of waves, by wave id, in one query."""
    grouped: dict[tuple[int, int, int, int], dict[int, int | None]] = {}
    rows = (
        TieAnswer.objects.filter(response__wave_id__in=list(wave_ids), response__finished=True)
        .order_by()
        .values_list(
            "response__wave_id",
            "response_id",
            "response__group_id",
            "target_id",
            "dimension",
            "value",
        )
    )
    for wave_id, response_id, group_id, target_id, dimension, value in rows.iterator(
        chunk_size=5000
    ):
        grouped.setdefault((wave_id, response_id, group_id, target_id), {})[dimension] = value
    ratings: dict[int, list[scoring.Rating]] = {wave_id: [] for wave_id in wave_ids}
    for (wave_id, response_id, group_id, target_id), answers in grouped.items():
        ratings[wave_id].append(
            scoring.Rating(
                respondent=response_id, group=group_id, target=target_id, answers=answers
            )
        )
    return ratings


def wave_close(*, wave: TieWave, by: User | None) -> TieWave:
    """Close a wave: no more answers; its scores are computed and kept for the portfolio."""
    from netvaerk.evaluation.tokens import min_group_size

    require_permission(by, "evaluation.change_evaluation", wave.survey.network)
    with transaction.atomic():
        locked = TieWave.objects.select_for_update().get(pk=wave.pk)
        if locked.closed_at is not None:
            return locked  # closed already: a second click changes nothing
        before = snapshot(locked, WAVE_FIELDS)
        group_ids = list(
            TieGroup.objects.filter(survey_id=locked.survey_id).values_list("pk", flat=True)
        )
        result = scoring.score(
            wave_ratings([locked.pk])[locked.pk],
            groups=group_ids,
            min_group_size=min_group_size(),
        )
        locked.closed_at = timezone.now()
        locked.respondents = result.respondents
        locked.index = _two_places(result.index)
        locked.communication = _two_places(result.communication)
        locked.relationship = _two_places(result.relationship)
        locked.save(
            update_fields=["closed_at", "respondents", "index", "communication", "relationship"]
        )
        audit_record(
            actor=by,
            action="surveys.wave.close",
            target=locked,
            before=before,
            after=snapshot(locked, WAVE_FIELDS),
        )
    return locked


# --- answering (by the link's token) -----------------------------------------------------------


def response_for(invitation: TieInvitation) -> TieResponse | None:
    return TieResponse.objects.filter(
        wave_id=invitation.wave_id, key=response_key(invitation.token)
    ).first()


def response_save(
    *,
    invitation: TieInvitation,
    answers: Mapping[tuple[int, int], int | None],
    finish: bool,
) -> TieResponse:
    """Save the answers of a link: {(target group id, dimension): 1–5 or None for don't know}.

    Items left out stay unanswered. Finishing needs every item of every group answered; if
    some are not, the draft is saved and IncompleteAnswers is raised after it is committed.
    WaveClosed and AlreadyAnswered change nothing.
    """
    targets = list(
        TieGroup.objects.filter(survey_id=invitation.wave.survey_id).values_list("pk", flat=True)
    )
    target_set = set(targets)
    for (target, dimension), value in answers.items():
        if target not in target_set or dimension not in DIMENSIONS:
            raise ValueError(f"not an item of this survey: {(target, dimension)}")
        if value is not None and not 1 <= value <= 5:
            raise ValueError(f"not an answer from 1 to 5: {value}")
    key = response_key(invitation.token)
    missing: list[tuple[int, int]] = []
    with transaction.atomic():
        locked = (
            TieInvitation.objects.select_for_update(of=("self",))
            .select_related("wave")
            .get(pk=invitation.pk)
        )
        if not wave_is_open(locked.wave):
            raise WaveClosed
        if locked.finished:
            raise AlreadyAnswered
        response, _created = TieResponse.objects.get_or_create(
            wave_id=locked.wave_id, key=key, defaults={"group_id": locked.group_id}
        )
        if response.finished:
            raise AlreadyAnswered
        TieAnswer.objects.filter(response=response).delete()
        TieAnswer.objects.bulk_create(
            TieAnswer(response=response, target_id=target, dimension=dimension, value=value)
            for (target, dimension), value in sorted(answers.items())
        )
        if finish:
            missing = [
                (target, dimension)
                for target in targets
                for dimension in DIMENSIONS
                if (target, dimension) not in answers
            ]
        response.updated_on = timezone.localdate()
        response.finished = finish and not missing
        response.save(update_fields=["updated_on", "finished"])
        if response.finished:
            locked.finished = True
            locked.save(update_fields=["finished"])
    if missing:
        raise IncompleteAnswers(missing)
    return response
