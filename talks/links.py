"""The speaker's private link: one salt, how it is made, read and written out.

The token names only the talk's random reference (``public_id``), with no timestamp: one link
per talk, the same in every mail and in « Renvoyer mes liens ». From it the speaker answers an
invitation, follows the proposal, writes the text, answers the remarks, evaluates the
cooperation and withdraws."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.links import SignedReference, site_root
from talks.models import Talk, TalkStatus

SPEAKER = SignedReference(salt="talks.talk.speaker")


def talk_speaker_token(*, talk: Talk) -> str:
    return SPEAKER.sign(talk.public_id)


def talk_from_token(*, token: str) -> Talk | None:
    """The talk a private link names; ``None`` if the link is forged or the talk gone."""
    reference = SPEAKER.read(token)
    if reference is None:
        return None
    return (
        Talk.objects.filter(public_id=reference)
        .select_related("evening", "project", "recording")
        .first()
    )


def talk_speaker_path(*, token: str) -> str:
    return reverse("talks:speaker", kwargs={"token": token})


def talk_speaker_url(*, talk: Talk, site_url: str | None = None) -> str:
    return f"{site_root(site_url)}{talk_speaker_path(token=talk_speaker_token(talk=talk))}"


def talk_private_links(*, email: str, site_root: str) -> list[tuple[str, str]]:
    """The speaker links of the talks this address gives (for « Renvoyer mes liens »)."""
    talks = (
        Talk.objects.filter(contact__email__iexact=email.strip())
        .exclude(status=TalkStatus.WITHDRAWN)
        .order_by("created_at", "pk")
    )
    return [
        (
            _("Votre intervention au Ch'ti TAIDx « %(title)s » (texte, remarques, évaluation)")
            % {"title": talk.title},
            talk_speaker_url(talk=talk, site_url=site_root),
        )
        for talk in talks
    ]
