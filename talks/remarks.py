"""The « Accompagnement » helper's remarks on the speaker's text, and the speaker's answers.

The helper (``talks.permissions.user_is_helper``) comments on a passage of the latest version
or suggests a replacement for it; the text does not change. Only the speaker, from the private
link, accepts a suggestion (which writes a new version through ``texts.text_version_write``),
refuses it, or marks a comment as read, each with a reply if they wish."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talks.emails import text_remarks_mail_queue
from talks.models import Remark, RemarkKind, RemarkStatus, Talk
from talks.permissions import user_is_helper
from talks.texts import (
    WRITING_STATUSES,
    TextError,
    talk_lock,
    text_clean,
    text_latest,
    text_version_write,
)


class RemarkError(TextError):
    """Why a remark cannot be added or answered; ``field`` names the form field it is about."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@transaction.atomic
def remark_add(
    *,
    talk: Talk,
    user: AbstractBaseUser,
    kind: str,
    passage: str,
    comment: str = "",
    replacement: str = "",
    site_url: str | None = None,
) -> Remark:
    """A remark on a passage of the latest version, signed with the helper's full name; the
    speaker is told by mail (one mail a day at most, however many remarks)."""
    if not user_is_helper(user):
        raise PermissionDenied
    if kind not in RemarkKind.values:
        raise RemarkError(_("Choisissez un commentaire ou une suggestion."), field="kind")
    locked = talk_lock(talk)
    if locked.status not in WRITING_STATUSES:
        raise RemarkError(
            _("Cette intervention n'est plus en préparation : le texte ne change plus.")
        )
    if locked.text_is_final:
        raise RemarkError(
            _("L'intervenant a déclaré son texte final : il ne reçoit plus de remarques.")
        )
    latest = text_latest(talk=locked)
    if latest is None:
        raise RemarkError(_("L'intervenant n'a pas encore écrit de texte."))
    passage, comment, replacement = text_clean(passage), comment.strip(), text_clean(replacement)
    if not passage:
        raise RemarkError(_("Copiez le passage dont vous parlez."), field="passage")
    if passage not in latest.body:
        raise RemarkError(
            _(
                "Ce passage ne se trouve pas tel quel dans la dernière version du texte "
                "(version %(number)s) : copiez-le exactement, sans rien y changer."
            )
            % {"number": latest.number},
            field="passage",
        )
    if kind == RemarkKind.SUGGESTION and not replacement:
        raise RemarkError(
            _("Une suggestion propose un texte à mettre à la place du passage."),
            field="replacement",
        )
    if kind == RemarkKind.COMMENT and not comment:
        raise RemarkError(_("Écrivez votre commentaire."), field="comment")
    remark = Remark.objects.create(
        talk=locked,
        version=latest,
        kind=kind,
        passage=passage,
        comment=comment,
        replacement=replacement if kind == RemarkKind.SUGGESTION else "",
        author=user,
        author_name=user.get_full_name() or user.get_username(),
    )
    text_remarks_mail_queue(talk=locked, site_url=site_url)
    return remark


def _open(remark: Remark) -> Remark:
    locked = Remark.objects.select_for_update().get(pk=remark.pk)
    if locked.status != RemarkStatus.OPEN:
        raise RemarkError(_("Vous avez déjà répondu à cette remarque."))
    return locked


def _close(remark: Remark, *, status: str, reply: str) -> Remark:
    remark.status = status
    remark.speaker_reply = reply.strip()
    remark.decided_at = timezone.now()
    remark.save(update_fields=["status", "speaker_reply", "decided_at"])
    return remark


@transaction.atomic
def remark_accept(*, remark: Remark, reply: str = "") -> Remark:
    """The speaker accepts a suggestion: a new version with the passage replaced, linked to
    the remark. Only when the passage occurs exactly once in the latest version; otherwise the
    speaker applies it by hand (nothing is guessed in their text)."""
    talk = talk_lock(remark.talk)
    remark = _open(remark)
    if remark.kind != RemarkKind.SUGGESTION:
        raise RemarkError(_("Un commentaire ne s'accepte pas : marquez-le comme lu."))
    latest = text_latest(talk=talk)
    if latest is None or latest.body.count(remark.passage) != 1:
        raise RemarkError(
            _(
                "Le passage « %(passage)s » n'apparaît plus exactement une fois dans votre "
                "dernière version : nous ne pouvons pas le remplacer à coup sûr. Appliquez la "
                "suggestion à la main dans votre texte, puis marquez-la comme refusée (votre "
                "réponse peut dire que vous l'avez reprise)."
            )
            % {"passage": remark.passage[:80]}
        )
    text_version_write(
        talk=talk,
        body=latest.body.replace(remark.passage, remark.replacement, 1),
        note=_("Suggestion de %(name)s acceptée") % {"name": remark.author_name},
        from_remark=remark,
    )
    return _close(remark, status=RemarkStatus.ACCEPTED, reply=reply)


@transaction.atomic
def remark_refuse(*, remark: Remark, reply: str = "") -> Remark:
    """The speaker refuses a suggestion; the text stays as it is."""
    remark = _open(remark)
    if remark.kind != RemarkKind.SUGGESTION:
        raise RemarkError(_("Un commentaire ne se refuse pas : marquez-le comme lu."))
    return _close(remark, status=RemarkStatus.REFUSED, reply=reply)


@transaction.atomic
def remark_mark_seen(*, remark: Remark, reply: str = "") -> Remark:
    """The speaker has read a comment (and may answer it)."""
    remark = _open(remark)
    if remark.kind != RemarkKind.COMMENT:
        raise RemarkError(_("Une suggestion s'accepte ou se refuse."))
    return _close(remark, status=RemarkStatus.SEEN, reply=reply)
