"""Uploaded files: the site's own image model (credit, licence, date taken, alt text)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Licence(models.TextChoices):
    """What others may do with a work; CC BY 4.0 unless the author chose otherwise."""

    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("Tous droits réservés (consultation seule)")


class CustomImage(AbstractImage):
    """An image of the archive or the festival, with what is needed to show it fairly."""

    credit = models.CharField(_("crédit"), max_length=255, blank=True)
    licence = models.CharField(
        _("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY
    )
    date_taken = models.CharField(
        _("date de prise de vue"),
        max_length=64,
        blank=True,
        help_text=_("Une date, un mois, une année ou « vers 1960 »."),
    )

    # Wagtail's own ``description`` field is the alt text: what a person who cannot see the
    # image needs to know. Publishing an archive item requires it.
    admin_form_fields = (*Image.admin_form_fields, "credit", "licence", "date_taken")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
