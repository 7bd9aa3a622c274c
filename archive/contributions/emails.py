"""E-mails about contributions and additions, in French in ``archive/templates/archive/email/``.

Services queue them with the ``*_mail_queue`` functions below, inside their own transaction;
``outbox`` sends them once it commits, and again later if the mail server failed. The
builders (``@mail_builder``) run at sending time and read the rows afresh: a contribution
withdrawn in between is not mailed about."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from archive.contributions.links import contribution_status_url
from archive.contributions.models import Contribution, ResidentAddition
from archive.contributions.selectors import additions_for_email, contributions_for_email
from core.links import private_links_for_email, site_root
from festival.volunteers.emails import volunteer_links
from festival.volunteers.selectors import volunteers_for_email
from outbox.messages import message_from_template
from outbox.services import mail_builder, mail_queue

# Sent once per contribution whatever happens (a retry, a second publication): their key.
ONCE = ("received", "published", "declined")


_message = partial(message_from_template, folder="archive/email")


def _subjects() -> dict[str, str]:
    return {
        "received": _("Votre souvenir est bien arrivé"),
        "published": _("Votre souvenir est publié"),
        "changes_requested": _("L'équipe de l'archive vous demande une précision"),
        "declined": _("Votre souvenir n'a pas été retenu"),
    }


# Contributors ----------------------------------------------------------------------------


def contribution_mail_queue(
    *, contribution: Contribution, template: str, site_url: str | None = None
) -> None:
    """Tell the contributor (``template``: received, published, changes_requested,
    declined) once the caller's transaction commits."""
    mail_queue(
        builder=contribution_mail,
        object_id=contribution.pk,
        payload={"template": template, "site_root": site_root(site_url)},
        key=f"archive.contribution.{template}:{contribution.pk}" if template in ONCE else None,
    )


@mail_builder
def contribution_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contribution = Contribution.objects.filter(pk=object_id).first()
    if contribution is None or not contribution.email:
        return None
    template = payload["template"]
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "contribution": contribution,
            "status_url": contribution_status_url(
                contribution=contribution, site_url=payload.get("site_root")
            ),
        }
        return _message(
            template=template, subject=_subjects()[template], to=contribution.email, context=context
        )


# Residents' additions --------------------------------------------------------------------


def addition_mail_queue(*, addition: ResidentAddition, published: bool) -> None:
    """Tell the resident what became of their addition, once (if they left an address)."""
    if not addition.email:
        return
    outcome = "published" if published else "declined"
    mail_queue(
        builder=addition_mail,
        object_id=addition.pk,
        payload={"published": published},
        key=f"archive.addition.{outcome}:{addition.pk}",
    )


@mail_builder
def addition_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    addition = ResidentAddition.objects.filter(pk=object_id).select_related("item").first()
    if addition is None or not addition.email:
        return None
    published = payload["published"]
    item = addition.item
    with translation.override(settings.LANGUAGE_CODE):
        item_url = (item.get_full_url() or "") if item.live else ""
        return _message(
            template="addition_published" if published else "addition_declined",
            subject=(
                _("Votre complément est publié")
                if published
                else _("Votre complément n'a pas été retenu")
            ),
            to=addition.email,
            context={"addition": addition, "item_url": item_url},
        )


# « Renvoyer mes liens » ------------------------------------------------------------------


def links_mail_queue(*, email: str, site_url: str | None = None) -> None:
    """Queue the mail of every private link of ``email``, to that address only. Whether the
    address is known is decided at sending time, out of the request: the answer to the
    person asking is the same either way."""
    mail_queue(
        builder=links_mail,
        payload={"email": email.strip(), "site_root": site_root(site_url)},
    )


@mail_builder
def links_mail(*, object_id: None, payload: dict) -> EmailMessage | None:
    """``None`` (nothing sent) for an address the site does not know: a stranger's mailbox
    gets nothing from this form."""
    email, site_root = payload["email"], payload["site_root"]
    contributions = [
        (contribution, contribution_status_url(contribution=contribution, site_url=site_root))
        for contribution in contributions_for_email(email=email)
    ]
    additions = additions_for_email(email=email)
    volunteers = [
        volunteer_links(volunteer=volunteer, site_root=site_root)
        for volunteer in volunteers_for_email(email=email)
    ]
    others = private_links_for_email(email=email, site_root=site_root)
    if not (contributions or additions or volunteers or others):
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="links",
            subject=_("Vos liens privés sur le site des Gohelliades"),
            to=email,
            context={
                "contributions": contributions,
                "additions": additions,
                "volunteers": volunteers,
                "others": others,
            },
        )
