"""Uploaded files: the site's own image model (credit, licence, date taken, alt text)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.models import AbstractImage, AbstractRendition, Image, WagtailImageFieldFile

from media.sanitise import sanitise_image


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

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._clean_file_name = instance.__dict__.get("file")
        return instance

    def save(self, *args, **kwargs):
        # Every way a file arrives (public form, admin upload, multiple upload, replace,
        # code) ends here: a file not yet cleaned by us is re-encoded without metadata.
        if self.file and str(self.file.name) != str(getattr(self, "_clean_file_name", None)):
            self._replace_with_clean_file()
        super().save(*args, **kwargs)
        self._clean_file_name = self.file.name

    def _replace_with_clean_file(self) -> None:
        committed = self.file._committed
        stored_name, storage = self.file.name, self.file.storage
        self.file.open("rb")
        try:
            clean = sanitise_image(self.file)
        finally:
            self.file.close()
        self.file = clean.content
        if committed:
            storage.delete(stored_name)
        self.width, self.height = clean.width, clean.height
        self._set_image_file_metadata()

    def generate_rendition_file(self, filter, *, source=None):
        # A rendition far smaller than a JPEG original is made from a copy decoded at 1/2,
        # 1/4 or 1/8 (libjpeg's draft mode), not from the full picture each time.
        if source is None:
            # Renditions import Wagtail's image forms, which need the models loaded.
            from media.renditions import reduced_source  # noqa: PLC0415 -- models must be loaded

            reduced = reduced_source(image=self, filter=filter)
            if reduced is not None:
                proxy, reduced_file = reduced
                return super(CustomImage, proxy).generate_rendition_file(
                    filter, source=reduced_file
                )
        return super().generate_rendition_file(filter, source=source)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class HeaderSizeImageFieldFile(WagtailImageFieldFile):
    """Reads an image's size from its header: Wagtail's own way decodes every pixel."""

    def get_image_dimensions(self):
        close = self.closed
        try:
            self.open()
            with PILImage.open(self) as image:
                return image.size
        finally:
            if close:
                self.close()
            else:
                self.seek(0)


# Assigning a file to an image reads its size (Django's width/height fields): by the header.
CustomImage._meta.get_field("file").attr_class = HeaderSizeImageFieldFile


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class MediaKind(models.TextChoices):
    AUDIO = "audio", _("Son")
    VIDEO = "video", _("Vidéo")


class MediaFile(models.Model):
    """A sound or video recording, stored under a generated name once checked by content.

    Create it with ``media.services.media_file_create`` so the checks always run."""

    title = models.CharField(_("titre"), max_length=255)
    kind = models.CharField(_("nature"), max_length=8, choices=MediaKind.choices)
    file = models.FileField(_("fichier"), upload_to="audio_video/")
    mime_type = models.CharField(_("type"), max_length=64)
    file_size = models.PositiveBigIntegerField(_("taille"), default=0)
    duration = models.FloatField(_("durée (secondes)"), null=True, blank=True)
    credit = models.CharField(_("crédit"), max_length=255, blank=True)
    licence = models.CharField(
        _("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("son ou vidéo")
        verbose_name_plural = _("sons et vidéos")

    def __str__(self) -> str:
        return self.title


from media.audiovisual import CaptionKind, CaptionTrack  # noqa: E402, F401
