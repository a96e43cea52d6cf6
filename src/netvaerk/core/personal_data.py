"""What the platform holds about a person, gathered for a data export (GDPR art. 15).

Each app contributes its part. Survey answers are stored pseudonymously (evaluation/tokens.py):
the export says which surveys the person was invited to and whether they finished, never what
they answered, since nothing links the answers to them.
"""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse

from netvaerk.organisation.models import Person


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def person_data_download(person: Person, filename: str) -> JsonResponse:
    """The export as a JSON file to download, readable as it is (æøå kept, indented)."""
    response = JsonResponse(
        person_data(person), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def person_data(person: Person) -> dict[str, Any]:
    from netvaerk.evaluation.selectors import person_invitations
    from netvaerk.ideas.models import Idea, Support
    from netvaerk.networks.models import Participation

    return {
        "person": {
            "name": person.name,
            "email": person.email,
            "job_title": person.title,
            "unit": str(person.unit) if person.unit_id else None,
            "kind": person.kind,
            "external_id": person.external_id,
            "active": person.is_active,
            "user": person.user.get_username() if person.user else None,
        },
        "networks": [
            {
                "network": p.network.title,
                "role": p.role,
                "joined_on": _iso(p.joined_on),
                "left_on": _iso(p.left_on),
                "hours_per_week": str(p.hours_per_week) if p.hours_per_week is not None else None,
            }
            for p in Participation.objects.filter(person=person).select_related("network")
        ],
        "ideas": [
            {"title": idea.title, "state": idea.state, "created_at": _iso(idea.created_at)}
            for idea in Idea.objects.filter(proposer=person).only("title", "state", "created_at")
        ],
        "supported_ideas": list(
            Support.objects.filter(person=person).values_list("idea__title", flat=True)
        ),
        "training": [
            {
                "kind": t.kind,
                "title": t.title,
                "provider": t.provider,
                "started_on": _iso(t.started_on),
                "completed_on": _iso(t.completed_on),
            }
            for t in person.trainings.all()
        ],
        "survey_invitations": person_invitations(person),
        **_contributions_and_account(person),
    }


def _contributions_and_account(person: Person) -> dict[str, Any]:
    """What the person wrote, their places in forums and the secretariat, and their account."""
    from netvaerk.api.models import ApiToken
    from netvaerk.ideas.models import Comment
    from netvaerk.networks.logbook.models import LearningNote

    from .notifications import settings_of

    user = person.user
    return {
        "comments": [
            {"idea": c.idea.title, "written_at": _iso(c.created_at), "text": c.body}
            for c in Comment.objects.filter(author=person).select_related("idea")
        ],
        "learning_notes": [
            {
                "network": n.network.title,
                "kind": n.kind,
                "written_on": _iso(n.written_on),
                "text": n.text,
            }
            for n in LearningNote.objects.filter(author=person).select_related("network")
        ],
        "forums": [
            {"forum": m.forum.name, "role": m.role}
            for m in person.forum_memberships.select_related("forum")
        ],
        "secretariat": [
            {
                "role": a.role,
                "hours_per_week": str(a.hours_per_week),
                "starts_on": _iso(a.starts_on),
                "ends_on": _iso(a.ends_on),
            }
            for a in person.secretariat_assignments.all()
        ],
        "account": {
            "user": user.get_username(),
            "email": user.email,
            "preferred_language": user.preferred_language,
            "created_at": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        }
        if user
        else None,
        "notification_settings": [
            {"kind": kind, "delivery": delivery} for kind, delivery in settings_of(person).items()
        ],
        "api_tokens": [
            {
                "name": t.name,
                "scope": t.scope,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in (ApiToken.objects.filter(user=user) if user else ApiToken.objects.none())
        ],
    }
