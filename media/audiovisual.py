"""Caption tracks of a sound or video, beside the recording itself (``MediaFile``).

The recording's kind and duration are read from its content when it is stored
(``media.sanitise.sanitise_audio_video``, with mutagen). Captions of an oral history are
served from its transcript; a track here is for the rest: a translation, a talk's own
subtitles, a recording without a transcript."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from media.webvtt import WebVTTError, from_webvtt, to_webvtt


class CaptionKind(models.TextChoices):
    SUBTITLES = "subtitles", _("Sous-titres (traduction)")
    CAPTIONS = "captions", _("Sous-titres pour sourds et malentendants")


class CaptionTrack(models.Model):
    """A WebVTT file read in full before it is stored: a broken track never reaches a player."""

    media_file = models.ForeignKey(
        "media.MediaFile",
        verbose_name=_("son ou vidéo"),
        on_delete=models.CASCADE,
        related_name="caption_tracks",
    )
    kind = models.CharField(
        _("nature"), max_length=16, choices=CaptionKind.choices, default=CaptionKind.CAPTIONS
    )
    language = models.CharField(_("langue"), max_length=16, default="fr")
    label = models.CharField(_("libellé"), max_length=100, help_text=_("Par exemple « Français »."))
    file = models.FileField(_("fichier WebVTT"), upload_to="captions/")

    class Meta:
        verbose_name = _("piste de sous-titres")
        verbose_name_plural = _("pistes de sous-titres")

    def __str__(self) -> str:
        return f"{self.media_file} — {self.label}"


def caption_track_create(
    *, media_file, upload, label: str, language: str = "fr", kind: str = CaptionKind.CAPTIONS
) -> CaptionTrack:
    """Check ``upload`` is WebVTT, then store it re-written from its cues (nothing else kept)."""
    upload.seek(0)
    try:
        cues = from_webvtt(upload.read())
    except WebVTTError as error:
        raise ValidationError({"file": str(error)}) from error
    track = CaptionTrack(media_file=media_file, label=label, language=language, kind=kind)
    track.file.save(
        f"{media_file.pk}-{language}.vtt", ContentFile(to_webvtt(cues).encode()), save=False
    )
    track.save()
    return track
