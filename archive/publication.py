"""What may go on the web: every contributor's consent, and alt text on every image.

Publishing is refused while a problem is left (``ArchiveItemPage.publish``); the editor's form
and the « Avant publication » panel show the same reasons, in French, next to the fields."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from archive.contributions.selectors import contributions_not_for_the_web


@dataclass(frozen=True)
class PublicationProblem:
    """Why an item may not go on the web yet, said to the editor in French.

    ``field`` names what to fix: ``cover_image``, ``gallery_images`` (``position`` is then the
    gallery entry, from 0) or ``""`` for the item as a whole."""

    field: str
    message: str
    position: int | None = None


def item_publication_problems(
    *, item, cover_image=None, gallery_images: list | None = None
) -> list[PublicationProblem]:
    """What prevents ``item`` from being published: consent, and alt text on every image.

    ``cover_image`` and ``gallery_images`` (images in gallery order, ``None`` for an empty
    entry) are what the editor is about to publish; left out, they are read from ``item``."""
    problems: list[PublicationProblem] = []
    if item.pk:
        for contribution in contributions_not_for_the_web(item_id=item.pk):
            if contribution.allow_research:
                message = _(
                    "La personne qui a confié « %(title)s » a choisi « recherche seulement » : "
                    "ce souvenir ne peut pas être publié sur le site."
                )
            else:
                message = _(
                    "La personne qui a confié « %(title)s » n'a pas autorisé la publication "
                    "sur le site : ce souvenir peut servir au festival ou à la recherche, "
                    "pas être publié."
                )
            problems.append(PublicationProblem("", message % {"title": contribution.title}))
    if cover_image is None and gallery_images is None:
        cover_image = item.cover_image
        gallery_images = [entry.image for entry in item.gallery_images.all()]
    if cover_image is not None and not (cover_image.description or "").strip():
        problems.append(
            PublicationProblem(
                "cover_image",
                _(
                    "L'image principale « %(title)s » n'a pas de texte alternatif. Décrivez-la "
                    "dans la médiathèque (Images, champ « Description ») avant de publier."
                )
                % {"title": cover_image.title},
            )
        )
    for position, image in enumerate(gallery_images or []):
        if image is not None and not (image.description or "").strip():
            problems.append(
                PublicationProblem(
                    "gallery_images",
                    _(
                        "L'image %(number)s de la galerie, « %(title)s », n'a pas de texte "
                        "alternatif. Décrivez-la dans la médiathèque (Images, champ "
                        "« Description ») avant de publier."
                    )
                    % {"number": position + 1, "title": image.title},
                    position=position,
                )
            )
    return problems
