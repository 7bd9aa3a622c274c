"""Editors' tools on one interview's transcript, and the review of visitors' corrections.

Each view reads a form, calls one service and goes back to the interview; what the service
refuses is shown next to the field that caused it, in the service's own French words."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.http import require_POST

from archive.models import AdditionStatus, Interview, SegmentCorrection
from archive.transcripts.forms import (
    InterviewSplitForm,
    MergeForm,
    SegmentWindowFormSet,
    ShiftForm,
    TranscriptImportForm,
    WindowJumpForm,
)
from archive.transcripts.selectors import segment_window
from archive.transcripts.services import (
    SegmentsEditRefused,
    correction_review,
    interview_duration,
    segment_split,
    segments_edit,
    segments_merge,
    segments_shift,
    transcript_import,
)
from archive.transcripts.views import transcript_file_response
from media.timecodes import format_timecode, short_timecode

CHANGE_INTERVIEW = "archive.change_interview"
REVIEW = ["archive.change_interview", "archive.change_segmentcorrection"]
CORRECTIONS_PER_PAGE = 50


def _interview(pk: int) -> Interview:
    return get_object_or_404(Interview.objects.select_related("page"), pk=pk)


def interview_edit_url(interview: Interview) -> str:
    # Wagtail attaches the registered snippet viewset to its model.
    return reverse(Interview.snippet_viewset.get_url_name("edit"), args=[interview.pk])


@method_decorator(permission_required(CHANGE_INTERVIEW, raise_exception=True), name="dispatch")
class TranscriptToolView(View):
    """Every tool's one shape: a valid form goes to ``apply``, which calls the service and
    returns what to say and where to go; a refusal is shown next to ``error_field``."""

    form_class: type[forms.Form]
    error_field: str
    title: str
    submit_label: str
    intro: str

    def get_form(self, interview: Interview) -> forms.Form:
        return self.form_class(self.request.POST or None, interview=interview)

    def apply(self, interview: Interview, form: forms.Form) -> tuple[str, str]:
        raise NotImplementedError

    def get(self, request, pk: int):
        interview = _interview(pk)
        return self.render(interview, self.get_form(interview))

    def post(self, request, pk: int):
        interview = _interview(pk)
        form = self.get_form(interview)
        if form.is_valid():
            try:
                message, next_url = self.apply(interview, form)
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(self.error_field, text)
            else:
                messages.success(request, message)
                return redirect(next_url)
        return self.render(interview, form)

    def render(self, interview: Interview, form: forms.Form) -> TemplateResponse:
        return TemplateResponse(
            self.request,
            "archive/admin/transcripts/action.html",
            {
                "interview": interview,
                "form": form,
                "page_title": self.title,
                "page_subtitle": str(interview),
                "header_title": f"{self.title} — {interview}",
                "header_icon": "doc-full",
                "submit_label": self.submit_label,
                "intro": self.intro,
                "back_url": interview_edit_url(interview),
            },
        )


class TranscriptImportView(TranscriptToolView):
    form_class = TranscriptImportForm
    error_field = "file"
    title = gettext_lazy("Importer un fichier WebVTT ou texte")
    submit_label = gettext_lazy("Importer")
    intro = gettext_lazy(
        "Rien n'est enregistré si le fichier a un problème : chaque erreur est indiquée "
        "avec le temps du segment concerné."
    )

    def get_form(self, interview):
        return self.form_class(self.request.POST or None, self.request.FILES or None)

    def apply(self, interview, form):
        result = transcript_import(
            interview=interview,
            source=form.cleaned_data["file"].read(),
            file_format=form.file_format(),
            mode=form.cleaned_data["mode"],
            user=self.request.user,
        )
        message = ngettext(
            "%(created)s segment importé, %(removed)s remplacé(s).",
            "%(created)s segments importés, %(removed)s remplacé(s).",
            result.created,
        ) % {"created": result.created, "removed": result.removed}
        return message, interview_edit_url(interview)


class SegmentSplitView(TranscriptToolView):
    form_class = InterviewSplitForm
    error_field = "at"
    title = gettext_lazy("Couper un segment")
    submit_label = gettext_lazy("Couper")
    intro = gettext_lazy(
        "Le segment en cours au temps donné est coupé en deux. Sans texte saisi, le texte "
        "est coupé entre les mots, au plus près de la même proportion."
    )

    def apply(self, interview, form):
        data = form.cleaned_data
        texts = {}
        if data["text_before"].strip():
            texts = {"text_before": data["text_before"], "text_after": data["text_after"]}
        segment_split(segment=form.segment, at=data["at"], user=self.request.user, **texts)
        message = _("Le segment est coupé à %(at)s.") % {"at": format_timecode(data["at"])}
        # Back to the two halves, in the segment editor, to check their texts.
        return message, segments_edit_url(interview, data["at"])


class SegmentsMergeView(TranscriptToolView):
    form_class = MergeForm
    error_field = "segments"
    title = gettext_lazy("Réunir des segments")
    submit_label = gettext_lazy("Réunir")
    intro = gettext_lazy(
        "Les textes se suivent dans le premier segment, qui finit où finit le dernier."
    )

    def apply(self, interview, form):
        merged = segments_merge(segments=form.cleaned_data["segments"], user=self.request.user)
        message = _("Les segments sont réunis en un seul, de %(start)s à %(end)s.") % {
            "start": format_timecode(merged.start),
            "end": format_timecode(merged.end),
        }
        return message, segments_edit_url(interview, merged.start)


class SegmentsShiftView(TranscriptToolView):
    form_class = ShiftForm
    error_field = "offset"
    title = gettext_lazy("Décaler les temps")
    submit_label = gettext_lazy("Décaler")
    intro = gettext_lazy(
        "Les segments qui commencent dans l'intervalle avancent ou reculent ensemble, "
        "avec les chapitres de l'index ; rien ne bouge si cela créait un chevauchement."
    )

    def get_form(self, interview):
        return self.form_class(self.request.POST or None)

    def apply(self, interview, form):
        data = form.cleaned_data
        start_from = data["start_from"] or 0
        moved = segments_shift(
            interview=interview,
            offset=data["offset"],
            start_from=start_from,
            until=data["until"],
            user=self.request.user,
        )
        message = ngettext(
            "%(count)s segment a été décalé.",
            "%(count)s segments ont été décalés.",
            moved,
        ) % {"count": moved}
        return message, segments_edit_url(interview, max(0, start_from + data["offset"]))


def segments_edit_url(interview: Interview, at: int = 0) -> str:
    url = reverse("transcripts_admin:segments", args=[interview.pk])
    return f"{url}?t={short_timecode(at)}" if at else url


@permission_required(CHANGE_INTERVIEW, raise_exception=True)
def segments_edit_view(request, pk: int):
    """Ten minutes of the transcript at a time, each row editable; one save checks the
    whole time line and stays on the same window."""
    interview = _interview(pk)
    jump = WindowJumpForm(request.GET)
    at = (jump.cleaned_data["t"] or 0) if jump.is_valid() else 0
    window = segment_window(interview=interview, at=at)
    formset = SegmentWindowFormSet(
        request.POST or None, queryset=window.segments, prefix="segments"
    )
    here = segments_edit_url(interview, window.start)
    if request.method == "POST" and formset.is_valid():
        try:
            result = segments_edit(
                interview=interview, changes=formset.changes(), user=request.user
            )
        except SegmentsEditRefused as refused:
            formset.add_problems(refused.problems)
        else:
            if result.total:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s segment est enregistré.",
                        "%(count)s segments sont enregistrés.",
                        result.total,
                    )
                    % {"count": result.total},
                )
            else:
                messages.info(request, _("Aucun segment n'a changé."))
            return redirect(here)
    page = interview.page
    page_url = page.get_url(request) if page.live else None
    rows = [
        {
            "form": form,
            "public_url": f"{page_url}?t={short_timecode(form.instance.start)}"
            if page_url and form.instance.pk
            else None,
            "timecode": short_timecode(form.instance.start) if form.instance.pk else "",
        }
        for form in formset.forms
    ]
    duration = interview_duration(interview=interview)
    title = gettext_lazy("Modifier les segments")
    return TemplateResponse(
        request,
        "archive/admin/transcripts/segments.html",
        {
            "interview": interview,
            "formset": formset,
            "rows": rows,
            "jump": jump,
            "window": window,
            "window_label": _("entre %(start)s et %(end)s")
            % {"start": format_timecode(window.start), "end": format_timecode(window.end)},
            "action_url": here,
            "previous_url": None
            if window.previous_start is None
            else segments_edit_url(interview, window.previous_start),
            "next_url": None
            if window.next_start is None
            else segments_edit_url(interview, window.next_start),
            "duration": format_timecode(duration) if duration is not None else None,
            "other_problems": [
                {"message": problem.message, "url": segments_edit_url(interview, problem.start)}
                for problem in getattr(formset, "other_problems", [])
            ],
            "page_title": title,
            "page_subtitle": str(interview),
            "header_title": f"{title} — {interview}",
            "header_icon": "doc-full",
            "back_url": interview_edit_url(interview),
        },
    )


def transcript_export(request, pk: int, file_format: str):
    """The transcript as a file, published or not (the public download needs a live page)."""
    if not request.user.has_perm(CHANGE_INTERVIEW) and not request.user.has_perm(
        "archive.view_interview"
    ):
        raise PermissionDenied
    return transcript_file_response(interview=_interview(pk), file_format=file_format)


@permission_required(REVIEW, raise_exception=True)
def corrections_review_list(request):
    pending = (
        SegmentCorrection.objects.filter(status=AdditionStatus.PENDING)
        .select_related("segment__interview__page")
        .order_by("created_at", "pk")
    )
    page = Paginator(pending, CORRECTIONS_PER_PAGE).get_page(request.GET.get("p"))
    rows = [
        {
            "correction": correction,
            "item": correction.segment.interview.page,
            "timecode": short_timecode(correction.segment.start),
            "interview_url": interview_edit_url(correction.segment.interview),
        }
        for correction in page
    ]
    title = gettext_lazy("Corrections à relire")
    return TemplateResponse(
        request,
        "archive/admin/transcripts/corrections.html",
        {
            "rows": rows,
            "page_obj": page,
            "page_title": title,
            "header_title": title,
            "header_icon": "comment",
        },
    )


@require_POST
@permission_required(REVIEW, raise_exception=True)
def correction_review_view(request, pk: int, accept: bool):
    correction = get_object_or_404(SegmentCorrection.objects.select_related("segment"), pk=pk)
    if correction.status != AdditionStatus.PENDING:
        messages.warning(request, _("Cette correction a déjà été relue."))
    else:
        correction_review(correction=correction, accept=accept, user=request.user)
        if accept:
            messages.success(request, _("La correction est acceptée : le texte est remplacé."))
        else:
            messages.success(request, _("La correction est refusée : le texte reste tel quel."))
    return redirect("transcripts_admin:corrections")
