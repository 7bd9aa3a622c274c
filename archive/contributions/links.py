"""The contributor's private status link: one salt, how it is made, read and written out.

The token names only the contribution's random reference (``public_id``): unguessable and
tamper-proof, and still readable after a withdrawal, whose record keeps that reference."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from archive.contributions.models import Contribution, Withdrawal
from core.links import site_root

STATUS_SALT = "archive.contribution.status"


def contribution_status_token(*, contribution: Contribution) -> str:
    """A signed token naming the contribution's random reference."""
    return signing.dumps(str(contribution.public_id), salt=STATUS_SALT, compress=True)


def contribution_from_token(*, token: str) -> tuple[Contribution | None, Withdrawal | None]:
    """``(contribution, withdrawal)`` named by a status link; both ``None`` if it is forged."""
    try:
        reference = signing.loads(token, salt=STATUS_SALT)
    except signing.BadSignature:
        return None, None
    contribution = (
        Contribution.objects.filter(public_id=reference)
        .select_related("item", "place")
        .prefetch_related("themes")
        .first()
    )
    if contribution is not None:
        return contribution, None
    return None, Withdrawal.objects.filter(reference=reference).first()


def contribution_status_path(*, token: str) -> str:
    return reverse("archive:status", kwargs={"token": token})


def contribution_status_url(*, contribution: Contribution, site_url: str | None = None) -> str:
    path = contribution_status_path(token=contribution_status_token(contribution=contribution))
    return f"{site_root(site_url)}{path}"
