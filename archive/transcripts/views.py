"""Public views of transcripts: captions, downloads, and proposing a correction."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from archive.models import Interview, Segment, Tape
from archive.transcripts.forms import CorrectionForm
from archive.transcripts.plaintext import to_plain_text
from archive.transcripts.selectors import captions_cues, public_interviews, segment_url
from archive.transcripts.services import correction_propose, interview_cues
from core.form_protection import Verdict, public_form_guard
from media.timecodes import spoken_timecode
from media.webvtt import to_webvtt

# What a transcript downloads as: WebVTT, or time-coded plain text.
TRANSCRIPT_FORMATS = ("vtt", "txt")


def _public_interview(pk: int) -> Interview:
    # The archive's one rule (live, public, web consent): nothing of a hidden item is served.
    return get_object_or_404(public_interviews(), pk=pk)


def captions(request, interview_pk: int, tape_pk: int | None = None):
    """The ``<track>`` of a tape, made from the transcript (nothing else to keep in step)."""
    interview = _public_interview(interview_pk)
    tape = get_object_or_404(Tape, pk=tape_pk, interview=interview) if tape_pk else None
    response = HttpResponse(
        to_webvtt(captions_cues(interview=interview, tape=tape)),
        content_type="text/vtt; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def download(request, interview_pk: int, file_format: str):
    return transcript_file_response(
        interview=_public_interview(interview_pk), file_format=file_format
    )


def transcript_file_response(*, interview, file_format: str) -> HttpResponse:
    """The whole transcript as a WebVTT (``vtt``) or time-coded text file to save."""
    cues = interview_cues(interview=interview)
    if file_format == "vtt":
        body, content_type = to_webvtt(cues), "text/vtt; charset=utf-8"
    else:
        body, content_type = to_plain_text(cues), "text/plain; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{interview.page.slug}-transcription.{file_format}"'
    )
    return response


@require_http_methods(["GET", "POST"])
def propose_correction(request, segment_pk: int):
    segment = get_object_or_404(
        Segment.objects.filter(interview__in=public_interviews()).select_related("interview__page"),
        pk=segment_pk,
    )
    item = segment.interview.page
    form = CorrectionForm(request.POST or None, initial={"proposed_text": segment.text})
    back_url = segment_url(item=item, start=segment.start)
    verdict = None
    if request.method == "POST":
        verdict = public_form_guard(request=request, form=form, scope="correction")
    if verdict is Verdict.ROBOT:
        return redirect(f"{back_url}&correction=merci#segment-{segment.pk}")
    if verdict is Verdict.PASSED:
        try:
            correction_propose(segment=segment, **form.cleaned_data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field != "__all__" else None, messages)
        else:
            return redirect(f"{back_url}&correction=merci#segment-{segment.pk}")
    return TemplateResponse(
        request,
        "archive/transcripts/correction.html",
        {
            "form": form,
            "segment": segment,
            "item": item,
            "spoken": spoken_timecode(segment.start),
            "back_url": f"{back_url}#segment-{segment.pk}",
        },
        status=429 if verdict is Verdict.LIMITED else 400 if form.errors else 200,
    )
