"""Writing the audit log. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AuditEntry
from .notifications import KINDS

if TYPE_CHECKING:
    from netvaerk.organisation.models import Person

    from .models import User

Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold and a reader can read."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> Snapshot:
    """The readable values of `fields` on `obj`, for a before/after comparison."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    """{"field": [before, after]} for every field whose value differs."""
    before = before or {}
    after = after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return {
        key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)
    }


def actor_label(actor: User | None) -> str:
    if actor is None:
        return "system"
    return actor.get_full_name() or actor.get_username()


def audit_entry(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    changes: dict[str, list[Any]],
    subject: Person | None = None,
) -> AuditEntry:
    """An unsaved entry, for services that write many at once with bulk_create."""
    return AuditEntry(
        actor=actor,
        actor_name=actor_label(actor),
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk or ""),
        object_repr=str(target)[:300],
        changes=changes,
        subject=subject,
    )


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    subject: Person | None = None,
) -> AuditEntry:
    """Write one audit entry; call it inside the service's transaction."""
    entry = audit_entry(
        actor=actor, action=action, target=target, changes=diff(before, after), subject=subject
    )
    entry.save()
    return entry


# How actions and changed fields read in the log. An unknown code is shown as it is.
ACTION_LABELS = {
    "core.user.create": _("Account created"),
    "core.user.set_language": _("Language changed"),
    "sso.user.create": _("Account created at single sign-on"),
    "organisation.unit.create": _("Unit created"),
    "organisation.unit.update": _("Unit changed"),
    "organisation.unit.remove": _("Unit removed"),
    "organisation.person.create": _("Person created"),
    "organisation.person.update": _("Person changed"),
    "organisation.person.remove": _("Person removed"),
    "organisation.person.link_user": _("Account connected"),
    "organisation.forum.create": _("Forum created"),
    "organisation.forum_member.add": _("Forum member added"),
    "organisation.secretariat.assign": _("Placed in the secretariat"),
    "organisation.import.upload": _("Import uploaded"),
    "organisation.import.apply": _("Import applied"),
    "organisation.import.recheck": _("Import checked again"),
    "organisation.forum_meeting.create": _("Forum meeting scheduled"),
    "ideas.idea.create": _("Idea created"),
    "ideas.idea.update": _("Idea changed"),
    "ideas.idea.submit": _("Idea submitted"),
    "ideas.idea.screen": _("Screening started"),
    "ideas.idea.put_on_agenda": _("Put on the agenda"),
    "ideas.idea.take_off_agenda": _("Taken off the agenda"),
    "ideas.idea.merge": _("Idea merged"),
    "ideas.idea.reopen": _("Idea taken up again"),
    "ideas.idea.decide": _("Decision recorded"),
    "ideas.idea.support": _("Idea supported"),
    "ideas.idea.unsupport": _("Support withdrawn"),
    "ideas.idea.follow": _("Idea followed"),
    "ideas.idea.unfollow": _("Idea no longer followed"),
    "ideas.idea.comment": _("Comment written"),
    "ideas.idea.question": _("Question asked"),
    "ideas.idea.score": _("Idea scored"),
    "ideas.round.create": _("Round created"),
    "ideas.round.update": _("Round changed"),
    "ideas.scale.generate": _("Scale data generated"),
    "networks.network.create": _("Network created"),
    "networks.network.update": _("Network changed"),
    "networks.network.move_phase": _("Network moved to a new phase"),
    "networks.participation.add": _("Participant added"),
    "networks.participation.update": _("Participation changed"),
    "networks.participation.end": _("Participant left the network"),
    "networks.invitation.create": _("Guest invited"),
    "networks.invitation.accept": _("Invitation accepted"),
    "networks.committee.create": _("Committee created"),
    "contracts.template.create": _("Contract template created"),
    "contracts.template.update": _("Contract template changed"),
    "contracts.contract.create": _("Contract created"),
    "contracts.contract.update": _("Contract changed (new version)"),
    "contracts.contract.approve": _("Contract approved"),
    "contracts.participation.approve_hours": _("Hours approved"),
    "logbook.involvement.create": _("Involvement recorded"),
    "logbook.involvement.update": _("Involvement changed"),
    "logbook.involvement.delete": _("Involvement deleted"),
    "logbook.learning_note.create": _("Learning note written"),
    "logbook.learning_note.update": _("Learning note changed"),
    "logbook.learning_note.mark": _("Status report marking changed"),
    "logbook.learning_note.delete": _("Learning note deleted"),
    "logbook.document.upload": _("Document uploaded"),
    "logbook.document.delete": _("Document deleted"),
    "meetings.design.create": _("Workshop design created"),
    "meetings.design.update": _("Workshop design changed"),
    "meetings.meeting.schedule": _("Meeting scheduled"),
    "meetings.meeting.update": _("Meeting changed"),
    "meetings.meeting.minutes": _("Minutes written"),
    "meetings.agenda_item.add": _("Agenda item added"),
    "meetings.agenda_item.update": _("Agenda item changed"),
    "meetings.agenda_item.remove": _("Agenda item removed"),
    "meetings.agenda_item.move": _("Agenda item moved"),
    "meetings.feed.create": _("Calendar address created"),
    "meetings.feed.renew": _("New calendar address"),
    "networks.scale.generate": _("Network scale data generated"),
    # --- evaluation
    "evaluation.plan.create": _("Evaluation plan created"),
    "evaluation.plan.update": _("Evaluation plan changed"),
    "evaluation.plan.conclude": _("Evaluation conclusion recorded"),
    "evaluation.indicator.create": _("Indicator added"),
    "evaluation.indicator.update": _("Indicator changed"),
    "evaluation.indicator.delete": _("Indicator deleted"),
    "evaluation.measurement.create": _("Measurement recorded"),
    "evaluation.measurement.delete": _("Measurement deleted"),
    "evaluation.template.update": _("Evaluation template changed"),
    # --- surveys
    "surveys.instrument.import": _("Tie survey instrument imported"),
    "surveys.instrument.set_default": _("Default tie survey instrument chosen"),
    "surveys.survey.create": _("Tie survey created"),
    "surveys.members.assign": _("Participants placed in tie survey groups"),
    "surveys.wave.launch": _("Tie survey wave launched"),
    "surveys.wave.remind": _("Tie survey reminder sent"),
    "surveys.wave.close": _("Tie survey wave closed"),
    "surveys.scale.generate": _("Tie survey scale data generated"),
    # --- questionnaires
    "questionnaires.questionnaire.create": _("Questionnaire created"),
    "questionnaires.questionnaire.update": _("Questionnaire changed"),
    "questionnaires.questionnaire.open": _("Questionnaire opened and sent"),
    "questionnaires.questionnaire.remind": _("Questionnaire reminder sent"),
    "questionnaires.questionnaire.close": _("Questionnaire closed"),
    "questionnaires.question.create": _("Question added"),
    "questionnaires.question.update": _("Question changed"),
    "questionnaires.question.move": _("Question moved"),
    "questionnaires.question.delete": _("Question deleted"),
    # --- api
    "api.token.create": _("API token created"),
    "api.token.revoke": _("API token revoked"),
    # --- notification settings (core/notifications.py)
    "core.notification_settings.update": _("Notification settings changed"),
    # --- privacy
    "privacy.person.anonymise": _("Person anonymised"),
    "privacy.retention.apply": _("Retention rules applied"),
    "privacy.notice.update": _("Privacy notice changed"),
    # --- handbook
    "handbook.page.create": _("Handbook page created"),
    "handbook.page.update": _("Handbook page changed"),
    "handbook.page.restore": _("Handbook page restored to an earlier version"),
    "handbook.template.link": _("Template linked to a handbook page"),
    # --- insights
    # --- silos
    # --- reports
    "reports.status_report.update": _("Status report text changed"),
    # --- organisation (career)
    "organisation.training.add": _("Training added to the portfolio"),
    "organisation.training.remove": _("Training removed from the portfolio"),
}
TITLE_LABEL = pgettext_lazy("name of a thing", "title")
FIELD_LABELS = {
    "name": _("name"),
    "title": _("job title"),
    "email": _("e-mail"),
    "level": _("level"),
    "unit_external_id": _("unit"),
    "parent_external_id": _("parent unit"),
    "is_manager": _("manager"),
    "is_active": _("active"),
    "is_innovator": _("innovator"),
    "kind": _("kind"),
    "role": _("role"),
    "forum": _("forum"),
    "hours_per_week": _("hours per week"),
    "starts_on": _("from"),
    "user": _("user account"),
    "username": _("user name"),
    "preferred_language": _("language"),
    "status": _("status"),
    "problem": _("the problem"),
    "perspective": _("seen from"),
    "benefit": _("expected benefit"),
    "state": _("state"),
    "round": _("round"),
    "comment": _("comment"),
    "deadline": _("submission deadline"),
    "decision_meeting": _("decision meeting"),
    "description": _("description"),
    "criteria": _("criteria"),
    "phase": _("phase"),
    "proposer": _("proposer"),
    "starts_at": _("time"),
    "location": _("place"),
    "is_private": _("private"),
    "citizen_service": _("citizen-facing service"),
    "political_vision": _("political vision"),
    "committee": _("committee"),
    "test_plan": _("test plan"),
    "evaluation_result": _("evaluation result"),
    "closing_summary": _("closing summary"),
    "phases": _("phases"),
    "expected_contribution": _("expected contribution"),
    "application_plan": _("how I will apply the learning"),
    "left_on": _("left"),
    "network": _("network"),
    "group": _("who was involved"),
    "who": _("more precisely"),
    "method": _("method"),
    "happened_on": _("date"),
    "people_count": _("number of people"),
    "what_changed": _("what it changed"),
    "written_on": _("date"),
    "text": _("text"),
    "for_status_report": _("use in the status report"),
    "filename": _("file name"),
    "size": _("size"),
    "purpose": _("purpose"),
    "questions_citizens": _("questions about citizens and community"),
    "questions_network": _("questions about the network"),
    "questions_participants": _("questions about the participants"),
    "baseline_on": _("baseline measurement"),
    "mid_on": _("midway measurement"),
    "end_on": _("final measurement"),
    "follow_up_on": _("follow-up after the test phase"),
    "responsible": _("responsible"),
    "concluded_on": _("conclusion decided on"),
    "unit": _("unit"),
    "baseline": _("baseline"),
    "target": _("target"),
    "direction": _("direction"),
    "data_source": _("data source"),
    "measured_on": _("date"),
    "value": _("value"),
    "note": _("note"),
    "indicators": _("suggested indicators"),
    "summary": _("summary"),
    "body": _("text"),
    "chapter": _("chapter"),
    "order": _("order"),
    "slug": _("address"),
    "handbook_page": _("handbook page"),
    "background": _("background"),
    "next_steps": _("next steps"),
    # Notification settings: a field per kind, named as on /konto/.
    **{code: kind.label for code, kind in KINDS.items()},
    # Anonymising and retention (privacy).
    "anonymised_at": _("anonymised"),
    "copies_replaced": _("rows where the name was replaced"),
    "api_tokens_revoked": _("API tokens revoked"),
    "guests_removed": _("guest accounts removed"),
    "notifications_deleted": _("notifications deleted"),
    "import_files_deleted": _("organisation import files deleted"),
    "guest_idle_days": _("guest accounts idle for (days)"),
    "notification_days": _("notifications older than (days)"),
    "import_file_days": _("import files older than (days)"),
}
