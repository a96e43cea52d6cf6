"""Every tie survey action (POST) × every demo role: who may do it, and that a refusal changes
nothing.

ELDERLY (public): the secretariat and those who run it (netvaerksleder, chef as sponsor) change
its evaluation; leder, medarbejder and the guest borger see it but may not (403); the
politician does not see it (404). Instruments are the secretariat's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.evaluation.surveys import services
from netvaerk.evaluation.surveys.models import (
    Instrument,
    TieInvitation,
    TieMember,
    TieSurvey,
    TieWave,
)

from .helpers import ELDERLY, groups, network, person, survey, waves

RUNNERS = (*SECRETARIAT, "netvaerksleder", "chef")
HIDDEN = (("politiker", 404),)


def _counts() -> tuple[int, ...]:
    return (
        AuditEntry.objects.count(),
        TieSurvey.objects.count(),
        TieMember.objects.count(),
        TieWave.objects.count(),
        TieWave.objects.filter(closed_at__isnull=False).count(),
        TieInvitation.objects.filter(reminders__gt=0).count(),
        Instrument.objects.count(),
        Instrument.objects.filter(is_default=True, name="Licens").count(),
    )


def _survey_url(name: str) -> Callable[[], str]:
    def build() -> str:
        found = survey(ELDERLY)
        return reverse(name, args=[found.network_id, found.pk])

    return build


def _wave_url(name: str) -> Callable[[], str]:
    def build() -> str:
        found = survey(ELDERLY)
        return reverse(name, args=[found.network_id, found.pk, waves(ELDERLY)[0].pk])

    return build


def _close_open_wave() -> None:
    services.wave_close(wave=waves(ELDERLY)[0], by=None)


def _licensed() -> None:
    services.instrument_import(
        name="Licens",
        source="",
        items=[services.ItemText(d, "da", "{group}?", "lav", "høj") for d in range(1, 8)],
        by=None,
    )


def _csv() -> SimpleUploadedFile:
    rows = ["dimension;language;text;low_label;high_label"] + [
        f"{d};da;Spørgsmål om {{group}};lav;høj" for d in range(1, 8)
    ]
    return SimpleUploadedFile("items.csv", "\n".join(rows).encode(), content_type="text/csv")


def _move_medarbejder() -> dict[str, object]:
    medarbejder = person("medarbejder")
    return {"person": [str(medarbejder.pk)], f"group-{medarbejder.pk}": str(groups(ELDERLY)[1].pk)}


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, object]]
    allowed: tuple[str, ...]
    overrides: tuple[tuple[str, int], ...] = ()
    done: Callable[[], bool] = lambda: True
    setup: Callable[[], None] = lambda: None
    anonymous: int = 302


ACTIONS = [
    Action(
        "survey:create",
        lambda: reverse("surveys:list", args=[network(ELDERLY).pk]),
        lambda: {
            "title": "Ny måling",
            "instrument": str(Instrument.objects.get(is_default=True).pk),
            "groups": "Ledere\nMedarbejdere\n",
        },
        RUNNERS,
        HIDDEN,
        lambda: TieSurvey.objects.filter(title="Ny måling").exists(),
    ),
    Action(
        "members:assign",
        _survey_url("surveys:members"),
        _move_medarbejder,
        RUNNERS,
        HIDDEN,
        lambda: TieMember.objects.get(person=person("medarbejder")).group == groups(ELDERLY)[1],
    ),
    Action(
        "wave:launch",
        _survey_url("surveys:launch"),
        lambda: {
            "kind": "follow_up",
            "closes_on": (timezone.localdate() + datetime.timedelta(days=9)).isoformat(),
        },
        RUNNERS,
        HIDDEN,
        lambda: TieWave.objects.filter(survey__network__title=ELDERLY).count() == 2,
        setup=_close_open_wave,
    ),
    Action(
        "wave:remind",
        _wave_url("surveys:remind"),
        dict,
        RUNNERS,
        HIDDEN,
        # The e-mails go after the commit (see test_waves); here the entry is what shows it.
        lambda: AuditEntry.objects.filter(action="surveys.wave.remind").exists(),
    ),
    Action(
        "wave:close",
        _wave_url("surveys:close"),
        dict,
        RUNNERS,
        HIDDEN,
        lambda: waves(ELDERLY)[0].closed_at is not None,
    ),
    Action(
        "instrument:import",
        lambda: reverse("surveys:instruments"),
        lambda: {"name": "Importeret", "source": "", "file": _csv()},
        SECRETARIAT,
        (),
        lambda: Instrument.objects.filter(name="Importeret").exists(),
    ),
    Action(
        "instrument:default",
        lambda: reverse(
            "surveys:instrument_default", args=[Instrument.objects.get(name="Licens").pk]
        ),
        dict,
        SECRETARIAT,
        (),
        lambda: Instrument.objects.get(name="Licens").is_default,
        setup=_licensed,
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_403_or_404_and_change_nothing(client_as, action) -> None:
    action.setup()
    before = _counts()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in action.allowed:
            continue
        expected = action.anonymous if role == ANONYMOUS else dict(action.overrides).get(role, 403)
        status = client_as(role).post(action.path(), action.data()).status_code
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert _counts() == before


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in a.allowed],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_allowed_roles_can_act_and_it_is_audited(client_as, action, role) -> None:
    action.setup()
    before = AuditEntry.objects.count()
    response = client_as(role).post(action.path(), action.data())
    assert response.status_code == 302, response.content.decode()[:3000]
    assert action.done()
    assert AuditEntry.objects.filter(action__startswith="surveys.").count() > 0
    assert AuditEntry.objects.count() == before + 1


def test_bad_input_is_400_and_changes_nothing(client_as) -> None:
    client = client_as("netvaerksleder")
    found = survey(ELDERLY)
    before = _counts()
    list_url = reverse("surveys:list", args=[found.network_id])
    assert client.post(list_url, {"title": "", "groups": ""}).status_code == 400
    assert client.post(
        list_url, {"title": "T", "groups": "A\na\n", "instrument": "1"}
    ).status_code in (400,)
    launch = reverse("surveys:launch", args=[found.network_id, found.pk])
    assert client.post(launch, {"kind": "nope", "closes_on": "x"}).status_code == 400
    # A second wave while one is open.
    later = (timezone.localdate() + datetime.timedelta(days=9)).isoformat()
    assert client.post(launch, {"kind": "midway", "closes_on": later}).status_code == 400
    members = reverse("surveys:members", args=[found.network_id, found.pk])
    assert client.post(members, {"person": ["abc"]}).status_code == 400
    outsider = person("politiker")
    assert client.post(members, {"person": [str(outsider.pk)]}).status_code == 400
    medarbejder = person("medarbejder")
    assert (
        client.post(
            members, {"person": [str(medarbejder.pk)], f"group-{medarbejder.pk}": "999999"}
        ).status_code
        == 400
    )
    detail = reverse("surveys:detail", args=[found.network_id, found.pk])
    assert client.get(detail + "?sammenlign=x&med=1").status_code == 400
    assert client.get(detail + "?side=abc").status_code == 404
    assert _counts() == before


def test_objects_of_another_network_are_404(client_as) -> None:
    from .helpers import CAMPUS

    campus = survey(CAMPUS)
    elderly_wave = waves(ELDERLY)[0]
    client = client_as("konsulent")
    url = reverse("surveys:close", args=[campus.network_id, campus.pk, elderly_wave.pk])
    assert client.post(url).status_code == 404
    url = reverse("surveys:detail", args=[network(ELDERLY).pk, campus.pk])
    assert client.get(url).status_code == 404
    assert elderly_wave.closed_at is None
