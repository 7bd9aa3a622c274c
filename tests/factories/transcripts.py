"""Interviews, tapes and segments; a real WAV (silence, made here) for recordings."""

import io
import wave

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import IndexSegment, Interview, ItemKind, Segment, Tape
from media.services import media_file_create
from tests.factories.archive import ArchiveItemPageFactory


def wav_bytes(*, seconds: float = 2.0, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * int(seconds * rate))
    return buffer.getvalue()


def recording(*, seconds: float = 2.0, title: str = "Entretien", rate: int = 8000):
    """A MediaFile stored through the media service, as the admin would; a low ``rate``
    keeps an hour-long tape small (browsers play WAV from 3000 Hz)."""
    upload = SimpleUploadedFile("bande.wav", wav_bytes(seconds=seconds, rate=rate), "audio/wav")
    return media_file_create(upload=upload, title=title)


class OralHistoryPageFactory(ArchiveItemPageFactory):
    title = factory.Sequence(lambda n: f"Entretien avec un mineur {n}")
    kind = ItemKind.ORAL_HISTORY


class InterviewFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(OralHistoryPageFactory)
    speakers_note = "Marcel D., mineur ; Anne L., intervieweuse"

    class Meta:
        model = Interview


class TapeFactory(factory.django.DjangoModelFactory):
    interview = factory.SubFactory(InterviewFactory)
    title = factory.Sequence(lambda n: f"Bande {n + 1}")
    duration = 60_000

    class Meta:
        model = Tape


class SegmentFactory(factory.django.DjangoModelFactory):
    interview = factory.SubFactory(InterviewFactory)
    start = factory.Sequence(lambda n: n * 10_000)
    end = factory.LazyAttribute(lambda o: o.start + 9_000)
    speaker = "Marcel"
    text = factory.Sequence(lambda n: f"On descendait au fond, passage {n}.")

    class Meta:
        model = Segment


class IndexSegmentFactory(factory.django.DjangoModelFactory):
    interview = factory.SubFactory(InterviewFactory)
    start = 0
    title = "L'embauche à la fosse"
    synopsis = "Il raconte son premier jour au fond, à quatorze ans."
    keywords = "embauche, galibot"

    class Meta:
        model = IndexSegment


def segments(interview, count: int, *, step: int = 10_000) -> list[Segment]:
    return Segment.objects.bulk_create(
        Segment(
            interview=interview,
            start=i * step,
            end=i * step + step - 1_000,
            speaker="Marcel" if i % 2 else "Anne",
            text=f"Passage numéro {i} de l'entretien.",
        )
        for i in range(count)
    )
