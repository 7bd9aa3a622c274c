"""The speaker's text: numbered versions, what changed between two, final and reopened.

The one rule of independence: **only the speaker writes a version**, from the private link,
through ``text_version_write`` (or ``remarks.remark_accept``, which calls it when the speaker
accepts a suggestion). No admin view, group or superuser calls these services; a version, once
written, never changes (``TextVersion.save`` refuses an update). Everything else the town or
the « Accompagnement » helper does reads the versions, or adds a remark beside them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from talks.models import Remark, Talk, TalkStatus, TextVersion

# The speaker may start writing as soon as the talk is proposed (or the invitation sent): the
# text often helps the team decide, and an invited resident may want to see what they'd say.
WRITING_STATUSES = (TalkStatus.PROPOSED, TalkStatus.INVITED, TalkStatus.ACCEPTED)


class TextError(Exception):
    """Why the text cannot be changed now; its message is meant for the speaker."""


def text_clean(value: str) -> str:
    """A text as stored: one kind of line break, no blank lines or spaces at either end, so
    that re-sending the same words from another browser is no new version."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_latest(*, talk: Talk) -> TextVersion | None:
    return talk.text_versions.order_by("-number").first()


def text_can_write(*, talk: Talk) -> bool:
    """Whether the speaker may write a version now (the pages offer the form only then)."""
    return talk.status in WRITING_STATUSES and not talk.text_is_final


def talk_lock(talk: Talk) -> Talk:
    # One writer at a time per talk: two tabs saving at once get versions n and n+1.
    return Talk.objects.select_for_update().select_related("evening").get(pk=talk.pk)


def _check_writable(talk: Talk) -> None:
    if talk.status not in WRITING_STATUSES:
        raise TextError(
            _("Cette intervention n'est plus en préparation : le texte ne change plus.")
        )
    if talk.text_is_final:
        raise TextError(
            _(
                "Vous avez déclaré ce texte final. Pour le modifier, reprenez-le d'abord "
                "(« Reprendre mon texte »)."
            )
        )


@transaction.atomic
def text_version_write(
    *, talk: Talk, body: str, note: str = "", from_remark: Remark | None = None
) -> TextVersion | None:
    """A new version numbered after the last; ``None`` when the body did not change.

    Refused (``TextError``) while the text is final, or once the talk is no longer in
    preparation (declined, withdrawn)."""
    locked = talk_lock(talk)
    _check_writable(locked)
    body = text_clean(body)
    if not body:
        raise TextError(_("Le texte est vide : écrivez au moins quelques mots."))
    latest = text_latest(talk=locked)
    if latest is not None and latest.body == body:
        return None
    last = locked.text_versions.aggregate(last=Max("number"))["last"] or 0
    return TextVersion.objects.create(
        talk=locked,
        number=last + 1,
        body=body,
        note=text_clean(note)[:255],
        from_remark=from_remark,
    )


@transaction.atomic
def text_mark_final(*, talk: Talk, publish: bool) -> Talk:
    """The speaker declares the latest version final, and says whether it is published with
    the talk (``publish_text``: their consent, never given on their behalf)."""
    locked = talk_lock(talk)
    _check_writable(locked)
    if text_latest(talk=locked) is None:
        raise TextError(_("Écrivez d'abord votre texte : il n'y a encore rien à déclarer final."))
    locked.text_final_at = timezone.now()
    locked.publish_text = publish
    locked.save(update_fields=["text_final_at", "publish_text", "updated_at"])
    return locked


@transaction.atomic
def text_reopen(*, talk: Talk) -> Talk:
    """The speaker takes the text back to change it, until the evening starts. The consent to
    publish goes with it: it is given again with the next final text."""
    locked = talk_lock(talk)
    if not locked.text_is_final:
        return locked
    if locked.status not in WRITING_STATUSES:
        raise TextError(
            _("Cette intervention n'est plus en préparation : le texte ne change plus.")
        )
    if locked.evening.starts_at <= timezone.now():
        raise TextError(_("La soirée a eu lieu : le texte final ne se reprend plus."))
    locked.text_final_at = None
    locked.publish_text = False
    locked.save(update_fields=["text_final_at", "publish_text", "updated_at"])
    return locked


# Reading: what changed, and where the remarks are ------------------------------------------


@dataclass(frozen=True)
class DiffPart:
    """A run of text that is the same in both versions, added in the new or removed from the
    old one (``kind``: ``equal``, ``insert``, ``delete``)."""

    kind: str
    text: str


# Words, and the spaces or line breaks between them, so the diff keeps the paragraphs.
_TOKENS = re.compile(r"\s+|[^\s]+")


def text_versions_diff(*, old: TextVersion | None, new: TextVersion) -> list[DiffPart]:
    """What changed from ``old`` to ``new``, word by word (all added for a first version)."""
    before = _TOKENS.findall(old.body) if old is not None else []
    after = _TOKENS.findall(new.body)
    parts: list[DiffPart] = []

    def add(kind: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if parts and parts[-1].kind == kind:
            parts[-1] = DiffPart(kind, parts[-1].text + text)
        else:
            parts.append(DiffPart(kind, text))

    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", after[j1:j2])
        else:
            add("delete", before[i1:i2])
            add("insert", after[j1:j2])
    return parts


@dataclass(frozen=True)
class Passage:
    """A run of the text, with the remark that points at it (``None`` for plain text)."""

    text: str
    remark: Remark | None = None


def text_passages(*, body: str, remarks: Iterable[Remark]) -> list[Passage]:
    """The text cut where the given remarks point, for highlighting them: each remark marks
    the first place its passage occurs; one overlapping an earlier mark is left unmarked
    (it is still listed beside the text)."""
    marks: list[tuple[int, int, Remark]] = []
    for remark in remarks:
        start = body.find(remark.passage) if remark.passage else -1
        if start < 0:
            continue
        end = start + len(remark.passage)
        if any(start < other_end and other_start < end for other_start, other_end, _r in marks):
            continue
        marks.append((start, end, remark))
    marks.sort(key=lambda mark: mark[0])
    passages: list[Passage] = []
    position = 0
    for start, end, remark in marks:
        if start > position:
            passages.append(Passage(body[position:start]))
        passages.append(Passage(body[start:end], remark))
        position = end
    if position < len(body):
        passages.append(Passage(body[position:]))
    return passages


def text_for_the_public(*, talk: Talk) -> TextVersion | None:
    """The text visitors may read with the talk: the final version, only if the speaker
    consented, on a public talk (``Talk.is_public``). The one rule for the public pages."""
    if not (talk.is_public and talk.text_is_final and talk.publish_text):
        return None
    return text_latest(talk=talk)


def text_for_the_public_exists() -> Exists:
    """``text_for_the_public`` for a list of public talks, as one expression: a final version
    the speaker let publish (annotate or filter ``Talk.objects.for_the_public()`` with it)."""
    return Exists(
        TextVersion.objects.filter(
            talk=OuterRef("pk"), talk__publish_text=True, talk__text_final_at__isnull=False
        )
    )
