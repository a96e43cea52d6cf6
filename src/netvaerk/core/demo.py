"""The first-run demo of DESIGN.md §9; each app contributes its part in order."""

from __future__ import annotations

from django.db import transaction

from netvaerk.evaluation import demo as evaluation_demo
from netvaerk.evaluation.questionnaires import demo as questionnaires_demo
from netvaerk.evaluation.surveys import demo as surveys_demo
from netvaerk.handbook import demo as handbook_demo
from netvaerk.ideas import demo as ideas_demo
from netvaerk.insights import demo as insights_demo
from netvaerk.insights.reports import demo as reports_demo
from netvaerk.networks import demo as networks_demo
from netvaerk.networks.contracts import demo as contracts_demo
from netvaerk.networks.logbook import demo as logbook_demo
from netvaerk.networks.meetings import demo as meetings_demo
from netvaerk.organisation import demo as organisation_demo
from netvaerk.privacy import demo as privacy_demo


def load_demo() -> bool:
    """Load the demo data unless it is there already; True when it was loaded now."""
    if organisation_demo.is_loaded():
        return False
    with transaction.atomic():
        organisation_demo.load()
        ideas_demo.load()
        networks_demo.load()
        contracts_demo.load()
        meetings_demo.load()
        logbook_demo.load()
        evaluation_demo.load()
        surveys_demo.load()
        questionnaires_demo.load()
        handbook_demo.load()
        insights_demo.load()
        reports_demo.load()
        privacy_demo.load()
    return True


DEMO_USERS = organisation_demo.DEMO_USERS
DEMO_PASSWORD = organisation_demo.DEMO_PASSWORD
