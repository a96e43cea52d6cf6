"""`generate_scale_data` adds tie surveys to the generated networks (surveys/scale.py)."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.evaluation.surveys import scoring
from netvaerk.evaluation.surveys.models import (
    TieAnswer,
    TieGroup,
    TieInvitation,
    TieMember,
    TieResponse,
    TieSurvey,
    TieWave,
)
from netvaerk.evaluation.tokens import min_group_size, response_key
from netvaerk.networks.models import Participation

ANSWERS = 3000
SCALE = "scale-"  # the generated people's external ids; the demo has surveys of its own


def surveys() -> QuerySet[TieSurvey]:
    return TieSurvey.objects.filter(network__proposer__external_id__startswith=SCALE)


def waves() -> QuerySet[TieWave]:
    return TieWave.objects.filter(survey__in=surveys())


def answers() -> QuerySet[TieAnswer]:
    return TieAnswer.objects.filter(response__wave__in=waves())


def generate(survey_answers: int = ANSWERS) -> str:
    out = StringIO()
    call_command(
        "generate_scale_data",
        people=300,
        units=30,
        seed=1,
        ideas=0,
        networks=20,
        participations=400,
        meetings=0,
        survey_answers=survey_answers,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def two_places(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_generates_closed_waves_with_about_the_answers_asked_for(demo: None) -> None:
    output = generate()

    assert "Tie surveys: " in output
    # Networks are taken until the answers are there; the last one adds at most a few hundred.
    assert ANSWERS <= answers().count() < ANSWERS + 2000
    assert answers().filter(value=None).exists()  # some "don't know"
    generated = list(surveys().select_related("network"))
    assert generated
    for survey in generated:
        groups = list(TieGroup.objects.filter(survey=survey))
        assert 3 <= len(groups) <= 5
        # The members are the network's active participants, each in one group of the survey.
        members = dict(TieMember.objects.filter(survey=survey).values_list("person_id", "group"))
        active = set(
            Participation.objects.filter(network=survey.network, left_on=None).values_list(
                "person_id", flat=True
            )
        )
        assert set(members) == active
        assert set(members.values()) == {group.pk for group in groups}
        rounds = list(survey.waves.order_by("opened_at"))
        assert rounds[0].kind == TieWave.Kind.BASELINE
        assert [w.kind for w in rounds[1:]] in ([], ["follow_up"], ["midway", "follow_up"])
        for wave in rounds:
            assert wave.closed_at is not None and wave.closed_at < timezone.now()
            invitations = TieInvitation.objects.filter(wave=wave)
            assert dict(invitations.values_list("person_id", "group")) == members
            # As many finished responses in each group as finished invitations, no more.
            finished = Counter(invitations.filter(finished=True).values_list("group", flat=True))
            responses = TieResponse.objects.filter(wave=wave)
            assert Counter(responses.filter(finished=True).values_list("group", flat=True)) == (
                finished
            )
            # Every key is the keyed hash of one of the wave's tokens.
            tokens = {response_key(token) for token in invitations.values_list("token", flat=True)}
            assert set(responses.values_list("key", flat=True)) <= tokens
    assert waves().filter(kind=TieWave.Kind.FOLLOW_UP).exists()
    assert TieResponse.objects.filter(wave__in=waves(), finished=False).exists()  # a draft


def test_each_wave_keeps_the_scores_of_its_finished_responses(demo: None) -> None:
    generate()

    hidden = 0
    for wave in waves():
        grouped: dict[tuple[int, int, int], dict[int, int | None]] = {}
        for response, group, target, dimension, value in TieAnswer.objects.filter(
            response__wave=wave, response__finished=True
        ).values_list("response", "response__group", "target", "dimension", "value"):
            grouped.setdefault((response, group, target), {})[dimension] = value
        result = scoring.score(
            [scoring.Rating(r, g, t, answers) for (r, g, t), answers in grouped.items()],
            groups=list(TieGroup.objects.filter(survey=wave.survey).values_list("pk", flat=True)),
            min_group_size=min_group_size(),
        )
        assert wave.respondents == result.respondents
        assert wave.index == two_places(result.index)
        assert wave.communication == two_places(result.communication)
        assert wave.relationship == two_places(result.relationship)
        hidden += result.hidden
    assert hidden  # some groups are below the threshold, so the pages have some to hide


def test_running_again_adds_no_surveys(demo: None) -> None:
    generate()
    counts = (surveys().count(), waves().count(), answers().count())
    entry = AuditEntry.objects.get(action="surveys.scale.generate")
    assert entry.changes["answers"] == [None, counts[2]]
    entries = AuditEntry.objects.count()

    output = generate()

    assert "Tie surveys: already there; none added." in output
    assert (surveys().count(), waves().count(), answers().count()) == counts
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("answers", [0])
def test_no_surveys_when_asked_for_none(demo: None, answers: int) -> None:
    output = generate(survey_answers=answers)

    assert "Tie surveys" not in output
    assert not surveys().exists()
