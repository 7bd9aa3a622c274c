"""The audit log after a withdrawal: an anonymous reference, never what was withdrawn.

Wagtail's log entries keep a copy of their object's name (``label``, the title of a memory or
of its photos) and sometimes more in ``data``. Once a memory is withdrawn, what the log said
about it before (refused, attached, edited, its photos described…) would still hold its
title, and maybe its author's name or address: those entries keep their action, date and
author, and lose the rest."""

from __future__ import annotations

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry

from archive.contributions.models import Contribution
from media.models import CustomImage, MediaFile


def withdrawn_reference(*, contribution: Contribution) -> str:
    """What the log may say of a withdrawn memory."""
    return _("Contribution n° %(number)s retirée") % {"number": contribution.pk}


def _what_identifies(contribution: Contribution) -> list[str]:
    """The words that would tell who sent it or what it was. Too short a word would match
    unrelated entries: a pseudonym of two letters is left alone."""
    words = {
        contribution.title,
        contribution.full_name,
        contribution.email,
        contribution.pseudonym,
        contribution.phone,
    }
    return sorted(word.strip() for word in words if word and len(word.strip()) >= 4)


def audit_log_forget(
    *, contribution: Contribution, image_ids: set[int], media_file_ids: set[int]
) -> None:
    """Rewrite every log entry about ``contribution``, its photos and recordings, and any
    other entry that names its title or its author, to the anonymous reference. Call it in
    the withdrawal's transaction, before the contribution is deleted."""
    reference = withdrawn_reference(contribution=contribution)
    about_it = Q()
    for model, ids in (
        (Contribution, {contribution.pk}),
        (CustomImage, image_ids),
        (MediaFile, media_file_ids),
    ):
        if ids:
            about_it |= Q(
                content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
                object_id__in=[str(pk) for pk in ids],
            )
    naming_it = Q()
    for word in _what_identifies(contribution):
        # ``data`` is JSON: SQLite keeps accents escaped (\u00e0), PostgreSQL does not.
        escaped = json.dumps(word)[1:-1]
        naming_it |= (
            Q(label__icontains=word)
            | Q(data_text__icontains=word)
            | Q(data_text__icontains=escaped)
        )
    for model, condition in ((ModelLogEntry, about_it | naming_it), (PageLogEntry, naming_it)):
        if not condition:
            continue
        entries = model.objects.annotate(data_text=Cast("data", TextField())).filter(condition)
        model.objects.filter(pk__in=list(entries.values_list("pk", flat=True))).update(
            label=reference, data={}
        )
