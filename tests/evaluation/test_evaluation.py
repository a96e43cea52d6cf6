"""A network's evaluation plan, indicators, measurements, conclusion, effect report and the
secretariat's portfolio, as the users meet them (on the demo data, tests/conftest.py)."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.evaluation import services
from netvaerk.evaluation.models import EvaluationPlan, Indicator, Measurement
from netvaerk.networks.demo import CAMPUS, ELDERLY, YOUNG
from netvaerk.networks.models import Network

pytestmark = pytest.mark.django_db


def network(title: str) -> Network:
    return Network.objects.get(title=title)


def url(name: str, title: str, *args: int) -> str:
    return reverse(name, args=[network(title).pk, *args])


def plan_post(plan: EvaluationPlan, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": plan.version,
        "purpose": plan.purpose,
        "questions_citizens": plan.questions_citizens,
        "questions_network": plan.questions_network,
        "questions_participants": plan.questions_participants,
        "baseline_on": "2014-01-15",
        "mid_on": "2014-09-01",
        "end_on": "2015-03-01",
        "follow_up_on": "2015-09-01",
        "responsible": plan.responsible_id or "",
        "decision_meeting": "",
    }
    data.update(changes)
    return data


def campus_indicator() -> Indicator:
    return Indicator.objects.get(
        plan__network__title=CAMPUS, name="Virksomheder i praktiksamarbejde med skolerne"
    )


# --- the plan -----------------------------------------------------------------------------


def test_a_plan_starts_from_the_evaluation_guides_template_for_the_type(client_as) -> None:
    young = network(YOUNG)  # private welfare network without a plan
    client = client_as("direktor")
    assert client.get(url("evaluation:overview", YOUNG)).status_code == 200
    response = client.post(url("evaluation:plan_create", YOUNG))
    assert response.status_code == 302
    plan = EvaluationPlan.objects.get(network=young)
    assert "sammenhængende forløb" in plan.questions_citizens  # the welfare template's text
    assert AuditEntry.objects.filter(action="evaluation.plan.create").exists()
    # Asking again does not make a second plan.
    client.post(url("evaluation:plan_create", YOUNG))
    assert EvaluationPlan.objects.filter(network=young).count() == 1


def test_the_plan_is_saved_with_its_timing_and_questions(client_as) -> None:
    plan = EvaluationPlan.objects.get(network__title=ELDERLY)
    client = client_as("netvaerksleder")
    response = client.post(
        url("evaluation:plan_edit", ELDERLY),
        plan_post(plan, questions_network="Ringer hjemmeplejen til hospitalet i tide?"),
    )
    assert response.status_code == 302
    page = client.get(url("evaluation:overview", ELDERLY)).content.decode()
    assert "Ringer hjemmeplejen til hospitalet i tide?" in page
    assert "15. januar 2014" in page


def test_measurement_dates_out_of_order_are_refused_and_the_text_kept(client_as) -> None:
    plan = EvaluationPlan.objects.get(network__title=ELDERLY)
    response = client_as("netvaerksleder").post(
        url("evaluation:plan_edit", ELDERLY),
        plan_post(plan, purpose="Mit nye formål", end_on="2013-01-01"),
    )
    assert response.status_code == 400
    assert "Mit nye formål" in response.content.decode()
    assert "Målingerne skal komme i rækkefølge" in response.content.decode()
    plan.refresh_from_db()
    assert plan.purpose != "Mit nye formål"


def test_two_people_editing_the_plan_do_not_overwrite_each_other(client_as) -> None:
    plan = EvaluationPlan.objects.get(network__title=ELDERLY)
    loaded = plan_post(plan)
    first = client_as("netvaerksleder").post(
        url("evaluation:plan_edit", ELDERLY), {**loaded, "purpose": "Lars' formål"}
    )
    assert first.status_code == 302
    second = client_as("chef").post(
        url("evaluation:plan_edit", ELDERLY), {**loaded, "purpose": "Karins formål"}
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "Lars&#x27; formål" in page and "Karins formål" in page
    plan.refresh_from_db()
    assert plan.purpose == "Lars' formål"


# --- indicators and measurements ------------------------------------------------------------


def test_an_indicator_is_added_measured_and_its_chart_and_table_shown(client_as) -> None:
    client = client_as("chef")
    response = client.post(
        url("evaluation:indicator_create", ELDERLY),
        {
            "level": "network",
            "name": "Fælles udskrivningssamtaler",
            "unit": "procent",
            "baseline": "20",
            "target": "90",
            "direction": "up",
            "data_source": "Hjemmeplejens registrering",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Fælles udskrivningssamtaler")
    for day, value in ((datetime.date(2014, 3, 1), "35"), (datetime.date(2014, 6, 1), "55,5")):
        posted = client.post(
            response["Location"], {"measured_on": day.isoformat(), "value": value, "note": ""}
        )
        assert posted.status_code == 302
    indicator.refresh_from_db()
    assert indicator.latest_value == Decimal("55.5")
    assert indicator.latest_on == datetime.date(2014, 6, 1)

    page = client.get(response["Location"]).content.decode()
    assert 'role="img"' in page and "<title" in page  # the chart has a name
    assert "Udgangspunkt 20" in page and "Mål 90" in page  # lines labelled in words
    assert "55,5" in page  # the value beside its point and in the table, Danish decimals
    assert "På vej mod målet" in page
    overview = client.get(url("evaluation:overview", ELDERLY)).content.decode()
    assert "Fælles udskrivningssamtaler" in overview and "På vej mod målet" in overview


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"measured_on": "2999-01-01", "value": "3"}, "En måling kan ikke ligge i fremtiden."),
        ({"measured_on": "2014-01-01", "value": "mange"}, "Indtast et tal."),
        ({"measured_on": "ikke en dato", "value": "3"}, "Indtast en gyldig dato."),
    ],
)
def test_a_bad_measurement_is_refused_with_a_clear_message(client_as, data, message) -> None:
    indicator = campus_indicator()
    before = Measurement.objects.count()
    response = client_as("konsulent").post(url("evaluation:indicator", CAMPUS, indicator.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Measurement.objects.count() == before


def test_deleting_the_latest_measurement_brings_back_the_one_before(client_as) -> None:
    indicator = campus_indicator()
    latest = indicator.measurements.order_by("-measured_on").first()
    assert indicator.latest_value == latest.value
    client_as("direktor").post(
        url("evaluation:measurement_delete", CAMPUS, indicator.pk, latest.pk)
    )
    indicator.refresh_from_db()
    assert indicator.latest_value == Decimal(6)
    assert indicator.latest_on == datetime.date(2013, 9, 30)


def test_an_indicator_of_another_network_is_not_found(client_as) -> None:
    indicator = campus_indicator()
    client = client_as("direktor")
    assert client.get(url("evaluation:indicator", ELDERLY, indicator.pk)).status_code == 404
    assert client.get(url("evaluation:indicator", CAMPUS, 999999)).status_code == 404


def test_stale_indicator_edit_is_a_conflict(client_as) -> None:
    indicator = campus_indicator()
    data = {
        "version": indicator.version,
        "level": indicator.level,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": "4",
        "target": "15",
        "direction": "up",
        "data_source": indicator.data_source,
        "responsible": "",
    }
    client = client_as("konsulent")
    path = url("evaluation:indicator_edit", CAMPUS, indicator.pk)
    assert client.post(path, {**data, "target": "16"}).status_code == 302
    response = client.post(path, {**data, "target": "18"})
    assert response.status_code == 409
    indicator.refresh_from_db()
    assert indicator.target == Decimal(16)


# --- the conclusion and the phase gate --------------------------------------------------------


def test_the_forums_conclusion_becomes_the_evaluation_result_the_gate_asks_for(client_as) -> None:
    campus = network(CAMPUS)
    assert not campus.evaluation_result
    client = client_as("direktor")
    response = client.post(
        url("evaluation:conclusion", CAMPUS),
        {
            "network_version": campus.version,
            "conclusion": "Direktørforum: Campus fortsætter og forankres i Center for Børn.",
            "decided_on": "2014-03-11",
            "meeting": "",
        },
    )
    assert response.status_code == 302
    campus.refresh_from_db()
    assert campus.evaluation_result.startswith("Direktørforum: Campus fortsætter")
    plan = EvaluationPlan.objects.get(network=campus)
    assert plan.concluded_on == datetime.date(2014, 3, 11)
    assert plan.decision_meeting is not None  # kept from the plan
    page = client.get(url("evaluation:overview", CAMPUS)).content.decode()
    assert "Campus fortsætter" in page and "11. marts 2014" in page


def test_a_conclusion_written_against_an_old_network_version_is_a_conflict(client_as) -> None:
    campus = network(CAMPUS)
    client = client_as("direktor")
    data = {
        "network_version": campus.version - 1,
        "conclusion": "Min konklusion",
        "decided_on": "2014-03-11",
    }
    response = client.post(url("evaluation:conclusion", CAMPUS), data)
    assert response.status_code == 409
    assert "Min konklusion" in response.content.decode()  # what was typed is kept
    campus.refresh_from_db()
    assert campus.evaluation_result == ""


def test_a_conclusion_in_the_future_is_refused(client_as) -> None:
    campus = network(CAMPUS)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_as("direktor").post(
        url("evaluation:conclusion", CAMPUS),
        {"network_version": campus.version, "conclusion": "x", "decided_on": tomorrow},
    )
    assert response.status_code == 400


# --- the effect report ------------------------------------------------------------------------


def test_the_effect_report_shows_plan_indicators_surveys_and_marked_notes(client_as) -> None:
    page = client_as("politiker").get(url("evaluation:report", CAMPUS)).content.decode()
    for heading in ("Konklusion", "Evalueringsplan", "Indikatorer", "Relationel koordinering"):
        assert heading in page
    assert "Virksomheder i praktiksamarbejde med skolerne" in page
    assert "Fra læringsloggen" in page


def test_the_effect_report_downloads_as_a_pdf_with_its_headings(client_as) -> None:
    from pypdf import PdfReader

    response = client_as("direktor").get(url("evaluation:report", CAMPUS) + "?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for heading in ("Effektrapport: Campus Albertslund", "Evalueringsplan", "Indikatorer"):
        assert heading in text
    assert "Virksomheder i praktiksamarbejde med skolerne" in text


def test_the_effect_report_downloads_as_a_word_document_with_its_headings(client_as) -> None:
    from docx import Document

    response = client_as("direktor").get(url("evaluation:report", CAMPUS) + "?format=docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Effektrapport: Campus Albertslund"
    for heading in ("Konklusion", "Evalueringsplan", "Indikatorer", "Relationel koordinering"):
        assert heading in headings
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("Virksomheder i praktiksamarbejde" in cell for cell in cells)


def test_an_unknown_report_format_is_a_clear_400(client_as) -> None:
    response = client_as("direktor").get(url("evaluation:report", CAMPUS) + "?format=exe")
    assert response.status_code == 400


# --- the portfolio ----------------------------------------------------------------------------


def test_the_portfolio_lists_every_network_with_its_indicator_status(client_as) -> None:
    client = client_as("konsulent")
    page = client.get(reverse("evaluation:portfolio")).content.decode()
    assert CAMPUS in page and ELDERLY in page and YOUNG in page
    welfare = client.get(reverse("evaluation:portfolio") + "?kind=innovation").content.decode()
    assert CAMPUS in welfare and ELDERLY not in welfare


def test_the_portfolio_exports_as_csv(client_as) -> None:
    response = client_as("direktor").get(reverse("evaluation:portfolio") + "?format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    campus = next(row for row in rows if row[0] == CAMPUS)
    header = rows[0]
    assert campus[header.index("Indikatorer")] == "3"
    assert campus[header.index("På vej mod målet")] == "1"  # companies: 4 → 9 of 15
    assert campus[header.index("Ikke målt endnu")] == "1"


def test_bad_portfolio_filters_are_a_clear_400(client_as) -> None:
    client = client_as("direktor")
    assert client.get(reverse("evaluation:portfolio") + "?kind=nonsense").status_code == 400
    assert client.get(reverse("evaluation:portfolio") + "?format=pdf").status_code == 400


def test_services_refuse_those_who_may_not_change_the_evaluation(client_as) -> None:
    from django.core.exceptions import PermissionDenied

    from netvaerk.core.models import User

    plan = EvaluationPlan.objects.get(network__title=ELDERLY)
    with pytest.raises(PermissionDenied):
        services.indicator_create(
            plan=plan,
            level="network",
            name="x",
            unit="y",
            target=Decimal(1),
            data_source="z",
            by=User.objects.get(username="medarbejder"),
        )


# --- personal data ----------------------------------------------------------------------------


def test_a_persons_data_export_says_they_were_invited_but_not_what_they_answered(
    client_as,
) -> None:
    import json

    from netvaerk.evaluation.surveys.models import TieAnswer, TieInvitation
    from netvaerk.organisation.models import Person

    answered = TieInvitation.objects.filter(finished=True).select_related("person").first()
    assert answered is not None, "the demo has finished tie-survey invitations"
    person: Person = answered.person
    response = client_as("direktor").get(reverse("organisation:person_data", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["person"]["name"] == person.name
    invitations = data["survey_invitations"]
    assert any(i["title"] == answered.wave.survey.title and i["finished"] for i in invitations)
    text = response.content.decode()
    assert answered.token not in text  # not the link either
    assert "value" not in text and "answers" not in text
    assert TieAnswer.objects.exists()


def test_the_overview_lists_the_surveys_waiting_for_the_persons_answer(client_as) -> None:
    from netvaerk.evaluation.questionnaires.models import QuestionnaireInvitation
    from netvaerk.evaluation.surveys.models import TieInvitation

    page = client_as("medarbejder").get("/").content.decode()
    assert "venter på dit svar" in page
    tie = TieInvitation.objects.get(person__user__username="medarbejder", finished=False)
    questionnaire = QuestionnaireInvitation.objects.filter(
        person__user__username="medarbejder", finished=False, questionnaire__state="open"
    ).first()
    assert questionnaire is not None
    assert f"/svar/{tie.token}/" in page and f"/svar/{questionnaire.token}/" in page
    # Someone else's links are never on another person's overview.
    assert tie.token not in client_as("leder").get("/").content.decode()


# --- the evaluation guide's templates


def test_the_secretariat_edits_a_template_and_new_plans_start_from_it(client_as) -> None:
    from netvaerk.evaluation.models import EvaluationTemplate

    template = EvaluationTemplate.objects.get(kind="welfare")
    path = reverse("evaluation:template_edit", args=[template.pk])
    data = {
        "title": template.title,
        "purpose": "Nyt formål fra skabelonen",
        "questions_citizens": "Hvad mærker borgeren?",
        "questions_network": "",
        "questions_participants": "",
        "indicators": "citizens | Ventetid | dage | Fagsystemet",
    }
    assert client_as("medarbejder").post(path, data).status_code == 403
    bad = client_as("konsulent").post(path, {**data, "indicators": "bare en linje"})
    assert bad.status_code == 400
    assert client_as("konsulent").post(path, data).status_code == 302
    assert AuditEntry.objects.filter(action="evaluation.template.update").exists()
    client_as("direktor").post(url("evaluation:plan_create", YOUNG))
    plan = EvaluationPlan.objects.get(network__title=YOUNG)
    assert plan.purpose == "Nyt formål fra skabelonen"
    form = client_as("direktor").get(url("evaluation:indicator_create", YOUNG)).content.decode()
    assert "Ventetid" in form  # the guide's suggestion is offered
