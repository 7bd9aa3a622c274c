"""The call for speakers: a resident proposes a talk, the town's team invites one, the team
decides, the invited speaker answers.

Every change of a talk's status goes through ``talk_status_check`` against ``ALLOWED_MOVES``,
the one statement of which move may follow which. What a person sends is stored (talk and
private contact) before the mail is queued; mails leave after the commit, through the outbox."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from projects.models import Project, ProjectContact, ProjectStatus
from talks import emails
from talks.models import Evening, EveningQuerySet, Talk, TalkContact, TalkOrigin, TalkStatus

logger = logging.getLogger(__name__)

# For each status, the statuses a talk may move to from it. Withdrawal is the speaker's,
# from any status (``talks.withdrawal``); a decision is final.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    TalkStatus.PROPOSED: frozenset(
        {TalkStatus.ACCEPTED, TalkStatus.DECLINED, TalkStatus.WITHDRAWN}
    ),
    TalkStatus.INVITED: frozenset(
        {TalkStatus.ACCEPTED, TalkStatus.INVITATION_DECLINED, TalkStatus.WITHDRAWN}
    ),
    TalkStatus.ACCEPTED: frozenset({TalkStatus.WITHDRAWN}),
    TalkStatus.DECLINED: frozenset({TalkStatus.WITHDRAWN}),
    TalkStatus.INVITATION_DECLINED: frozenset({TalkStatus.WITHDRAWN}),
    TalkStatus.WITHDRAWN: frozenset(),
}


def talk_can_move(*, talk: Talk, to: str) -> bool:
    return to in ALLOWED_MOVES[talk.status]


def talk_status_check(*, talk: Talk, to: str) -> None:
    """Raise a French ``ValidationError`` unless ``talk`` may move to ``to``."""
    if not talk_can_move(talk=talk, to=to):
        raise ValidationError(
            _("L'intervention est « %(current)s » : elle ne peut plus passer à « %(wanted)s ».")
            % {"current": talk.get_status_display(), "wanted": TalkStatus(to).label}
        )


# Reads ----------------------------------------------------------------------------------------


def evenings_open_for_call() -> EveningQuerySet:
    """Published evenings still to come whose call for speakers is open (not past its end).

    The one rule, also read on one evening by ``evening_call_is_open``: keep them together."""
    now = timezone.now()
    return (
        Evening.objects.for_the_public()
        .filter(call_open=True, starts_at__gt=now)
        .filter(Q(call_closes_on__isnull=True) | Q(call_closes_on__gte=timezone.localdate()))
        .order_by("starts_at", "pk")
    )


def evening_call_is_open(*, evening: Evening) -> bool:
    """Whether residents may propose a talk for ``evening`` now: ``evenings_open_for_call``
    read on one instance, without a query (the public pages ask it of every evening)."""
    return (
        evening.published
        and evening.call_open
        and evening.starts_at > timezone.now()
        and (evening.call_closes_on is None or evening.call_closes_on >= timezone.localdate())
    )


def talks_awaiting_decision() -> QuerySet[Talk]:
    """Residents' proposals the team has not decided on yet, oldest first."""
    return (
        Talk.objects.filter(status=TalkStatus.PROPOSED)
        .select_related("evening")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Candidate:
    """A completed fifty-fifty whose story no talk tells yet, with its lead to invite."""

    project: Project
    name: str
    email: str
    phone: str


def invitation_candidates(*, evening: Evening) -> list[Candidate]:
    """Completed fifty-fifty projects no talk tells (withdrawn talks aside), each suggesting
    its lead (the proposal's contact) to prefill the invitation. ``evening`` is where the
    invitation is for: a project told at any evening is not suggested again."""
    told = Talk.objects.filter(project=OuterRef("pk")).exclude(status=TalkStatus.WITHDRAWN)
    projects = (
        Project.objects.filter(status=ProjectStatus.COMPLETED)
        .filter(~Exists(told))
        .select_related("contact")
        .order_by("-completed_at", "title", "pk")
    )
    candidates = []
    for project in projects:
        contact: ProjectContact | None = getattr(project, "contact", None)
        candidates.append(
            Candidate(
                project=project,
                name=contact.name if contact else "",
                email=contact.email if contact else "",
                phone=contact.phone if contact else "",
            )
        )
    return candidates


# Writes ---------------------------------------------------------------------------------------


def talk_slug(*, evening: Evening, title: str) -> str:
    """A free address within the evening: « notre-jardin », then « notre-jardin-2 »…"""
    base = slugify(title)[:72].strip("-") or "intervention"
    taken = set(
        Talk.objects.filter(evening=evening, slug__startswith=base).values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def talk_told_error(*, project: Project | None, initiative: str) -> str | None:
    """What is wrong with what a talk tells, or ``None``: a fifty-fifty project, or another
    initiative in a few lines, exactly one of them."""
    if (project is None) == (not (initiative or "").strip()):
        return _(
            "Choisissez le projet fifty-fifty raconté, ou décrivez l'initiative en quelques "
            "lignes : l'un ou l'autre, pas les deux."
        )
    return None


def _told_check(*, project: Project | None, initiative: str) -> None:
    if error := talk_told_error(project=project, initiative=initiative):
        raise ValidationError({"initiative": error})


def _talk_store(
    *,
    evening: Evening,
    status: str,
    origin: str,
    title: str,
    speaker_name: str,
    summary: str,
    project: Project | None,
    initiative: str,
    name: str,
    email: str,
    phone: str,
) -> Talk:
    _told_check(project=project, initiative=initiative)
    # Locks the evening so two sendings never take the same address.
    Evening.objects.select_for_update().filter(pk=evening.pk).first()
    talk = Talk.objects.create(
        evening=evening,
        slug=talk_slug(evening=evening, title=title),
        status=status,
        origin=origin,
        title=title.strip(),
        speaker_name=speaker_name.strip(),
        summary=summary.strip(),
        project=project,
        initiative=initiative.strip() if project is None else "",
    )
    TalkContact.objects.create(
        talk=talk, name=name.strip(), email=email.strip(), phone=(phone or "").strip()
    )
    return talk


@transaction.atomic
def talk_propose(
    *,
    evening: Evening,
    title: str,
    speaker_name: str,
    summary: str,
    project: Project | None,
    initiative: str,
    name: str,
    email: str,
    phone: str = "",
    site_url: str | None = None,
) -> Talk:
    """A resident's proposal, without an account: stored with its private contact, then the
    « bien reçu » mail with the private link is queued. Raises ``ValidationError`` when the
    evening's call is closed or the talk tells both or neither a project and an initiative."""
    if not evening_call_is_open(evening=evening):
        raise ValidationError({"evening": _("L'appel à intervenants de cette soirée est fermé.")})
    talk = _talk_store(
        evening=evening,
        status=TalkStatus.PROPOSED,
        origin=TalkOrigin.PROPOSED,
        title=title,
        speaker_name=speaker_name,
        summary=summary,
        project=project,
        initiative=initiative,
        name=name,
        email=email,
        phone=phone,
    )
    emails.call_received_mail_queue(talk=talk, site_url=site_url)
    return talk


@transaction.atomic
def talk_invite(
    *,
    evening: Evening,
    title: str,
    speaker_name: str,
    name: str,
    email: str,
    phone: str = "",
    project: Project | None = None,
    initiative: str = "",
    message: str = "",
    site_url: str | None = None,
) -> Talk:
    """The town's team invites a resident to an evening still to come: the talk waits for
    the answer (INVITED), the invitation leaves by mail with the team's message and the
    private link."""
    if evening.starts_at <= timezone.now():
        raise ValidationError(_("Cette soirée a déjà eu lieu : on n'y invite plus."))
    talk = _talk_store(
        evening=evening,
        status=TalkStatus.INVITED,
        origin=TalkOrigin.INVITED,
        title=title,
        speaker_name=speaker_name,
        summary="",
        project=project,
        initiative=initiative,
        name=name,
        email=email,
        phone=phone,
    )
    emails.call_invitation_mail_queue(talk=talk, message=message.strip(), site_url=site_url)
    return talk


@transaction.atomic
def talk_invitation_answer(*, talk: Talk, accept: bool, reason: str = "") -> Talk:
    """The invited speaker accepts (the talk is on the programme) or declines, from the
    private link; a decline may say why, for the team."""
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    target = TalkStatus.ACCEPTED if accept else TalkStatus.INVITATION_DECLINED
    if talk.status != TalkStatus.INVITED:
        raise ValidationError(_("Cette invitation a déjà reçu sa réponse."))
    talk_status_check(talk=talk, to=target)
    talk.status = target
    talk.decided_at = timezone.now()
    talk.decision_reason = "" if accept else reason.strip()
    talk.save(update_fields=["status", "decided_at", "decision_reason", "updated_at"])
    return talk


@transaction.atomic
def talk_decide(
    *, talk: Talk, accept: bool, reason: str = "", user: AbstractBaseUser | None = None
) -> Talk:
    """The team accepts or declines a resident's proposal; declining needs a reason, which
    the speaker receives with the decision, by mail, once. ``user`` (who decided) is logged:
    the talk keeps the decision, not the team member."""
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    target = TalkStatus.ACCEPTED if accept else TalkStatus.DECLINED
    if talk.status != TalkStatus.PROPOSED:
        raise ValidationError(
            _("L'intervention est « %(current)s » : la décision est déjà prise.")
            % {"current": talk.get_status_display()}
        )
    talk_status_check(talk=talk, to=target)
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Dites pourquoi l'intervention n'est pas retenue : le motif est envoyé "
                    "à l'intervenant."
                )
            }
        )
    talk.status = target
    talk.decided_at = timezone.now()
    talk.decision_reason = reason
    talk.save(update_fields=["status", "decided_at", "decision_reason", "updated_at"])
    emails.call_decision_mail_queue(talk=talk)
    logger.info("Intervention %s : %s par %s", talk.pk, target, getattr(user, "pk", None))
    return talk
