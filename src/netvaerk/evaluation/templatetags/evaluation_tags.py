"""Template tags of the evaluation app."""

from __future__ import annotations

from typing import Any

from django import template

from netvaerk.organisation.rules import person_of

register = template.Library()


@register.inclusion_tag("evaluation/_pending.html", takes_context=True)
def pending_surveys(context: Any) -> dict[str, Any]:
    """The surveys and questionnaires waiting for the signed-in person's answer."""
    from netvaerk.evaluation.questionnaires.selectors import (
        pending_invitations as pending_questionnaires,
    )
    from netvaerk.evaluation.surveys.selectors import pending_invitations as pending_ties

    person = person_of(getattr(context.get("request"), "user", None))
    if person is None:
        return {"surveys": []}
    surveys = [
        (invitation, invitation.wave.survey.network) for invitation in pending_ties(person)
    ] + [
        (invitation, invitation.questionnaire.network)
        for invitation in pending_questionnaires(person)
    ]
    return {"surveys": surveys}
