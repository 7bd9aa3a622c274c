"""Oral histories in the Wagtail admin: interviews and their transcripts, recordings, the
corrections visitors propose, and the transcript tools (import, split, merge, shift).

Wagtail discovers only an app's top-level ``wagtail_hooks``; this slice's admin is handed to
Wagtail by ``register()``, which ``ArchiveConfig.ready`` calls once."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from archive.models import AdditionStatus, ArchiveItemPage, Interview, SegmentCorrection
from archive.transcripts import admin_views
from archive.transcripts.forms import InterviewAdminForm, MediaFileAdminForm
from archive.transcripts.selectors import transcript_summary
from archive.transcripts.services import interview_duration, transcript_announce
from archive.transcripts.views import TRANSCRIPT_FORMATS
from media.models import MediaFile
from media.services import media_file_delete
from media.timecodes import format_timecode

ADD_INTERVIEW = "archive.add_interview"
CHANGE_INTERVIEW = "archive.change_interview"
REVIEW_CORRECTIONS = "archive.change_segmentcorrection"


class AnnounceTranscriptMixin:
    """After an admin save commits, the search index reads the item's segments again (and
    those of the item the interview was moved away from)."""

    def save_instance(self):
        instance = self.form.instance
        stored = (
            Interview.objects.filter(pk=instance.pk) if instance.pk else Interview.objects.none()
        )
        previous_page_id = stored.values_list("page_id", flat=True).first()
        instance = super().save_instance()
        for page_id in {previous_page_id, instance.page_id} - {None}:
            transcript_announce(page_id=page_id)
        return instance


class InterviewCreateView(AnnounceTranscriptMixin, CreateView):
    def get_initial(self):
        # Opened from an item's page in the admin: that item is already chosen.
        initial = super().get_initial()
        if page_id := self.request.GET.get("page", "").strip():
            initial["page"] = page_id
        return initial

    def get_success_url(self):
        # A new interview has no segments yet: its page offers the import and the editor.
        return self.get_edit_url()


class InterviewEditView(AnnounceTranscriptMixin, EditView):
    pass


class InterviewDeleteView(DeleteView):
    def delete_action(self):
        page_id = self.object.page_id
        super().delete_action()
        transcript_announce(page_id=page_id)


class TranscriptToolsPanel(HelpPanel):
    """In place of the segments, which an hour fills by hundreds: how many there are, over
    how long, and the way to the segment editor and the other tools."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "archive/admin/transcripts/interview_actions.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            interview = self.instance
            if interview.pk:
                summary = transcript_summary(interview=interview)
                duration = interview_duration(interview=interview)
                context.update(
                    summary=summary,
                    last_end=format_timecode(summary.last_end or 0),
                    duration=None if duration is None else format_timecode(duration),
                )
            return context


class InterviewViewSet(SnippetViewSet):
    model = Interview
    icon = "doc-full"
    menu_label = _("Entretiens")
    list_display = ["__str__", "speakers_note", "language", "updated_at"]
    search_fields = ["page__title", "speakers_note"]
    ordering = ["-updated_at"]
    add_view_class = InterviewCreateView
    edit_view_class = InterviewEditView
    delete_view_class = InterviewDeleteView
    edit_handler = ObjectList(
        [
            TranscriptToolsPanel(heading=_("Outils de la transcription")),
            *Interview.panels,
        ],
        base_form_class=InterviewAdminForm,
    )

    def get_queryset(self, request):
        return Interview.objects.select_related("page")


class MediaFileDeleteView(DeleteView):
    def delete_action(self):
        # The media service removes the stored file too; the audit log keeps the deletion.
        log(instance=self.object, action="wagtail.delete", user=self.request.user)
        media_file_delete(media_file=self.object)


class MediaFileViewSet(SnippetViewSet):
    """Recordings are checked by content like the public uploads; the length is read."""

    model = MediaFile
    icon = "media"
    menu_label = _("Sons et vidéos")
    list_display = ["title", "kind", "duration", "credit", "created_at"]
    list_filter = ["kind", "licence"]
    search_fields = ["title", "credit"]
    ordering = ["-created_at"]
    delete_view_class = MediaFileDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("file"),
            FieldPanel("credit"),
            FieldPanel("licence"),
            FieldPanel("kind", read_only=True),
            FieldPanel("duration", read_only=True),
        ],
        base_form_class=MediaFileAdminForm,
    )


class DecidedByReviewPolicy(ModelPermissionPolicy):
    """A correction is typed by a visitor and decided with « Accepter » or « Refuser »: in the
    admin it can be read and deleted, never added or edited (that would bypass the review)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class SegmentCorrectionViewSet(SnippetViewSet):
    model = SegmentCorrection
    icon = "comment"
    menu_label = _("Corrections proposées")
    list_display = ["__str__", "status", "credit_name", "created_at"]
    list_filter = ["status"]
    ordering = ["-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return SegmentCorrection.objects.select_related("segment")


class OralHistoryGroup(SnippetViewSetGroup):
    menu_label = _("Témoignages oraux")
    menu_icon = "media"
    menu_order = 251
    items = (InterviewViewSet, SegmentCorrectionViewSet, MediaFileViewSet)


class TranscriptToolsViewSet(ViewSet):
    """The tools on one interview's transcript and the review of corrections, at their own
    admin URLs (``transcripts_admin:…``); reached from the interview's page, not the menu."""

    name = "transcripts_admin"
    url_prefix = "archive/transcriptions"

    def get_urlpatterns(self):
        return [
            path("<id:pk>/segments/", admin_views.segments_edit_view, name="segments"),
            path("<id:pk>/importer/", admin_views.TranscriptImportView.as_view(), name="import"),
            path("<id:pk>/couper/", admin_views.SegmentSplitView.as_view(), name="split"),
            path("<id:pk>/reunir/", admin_views.SegmentsMergeView.as_view(), name="merge"),
            path("<id:pk>/decaler/", admin_views.SegmentsShiftView.as_view(), name="shift"),
            *(
                path(
                    f"<id:pk>/transcription.{file_format}",
                    admin_views.transcript_export,
                    {"file_format": file_format},
                    name=f"export_{file_format}",
                )
                for file_format in TRANSCRIPT_FORMATS
            ),
            path("corrections/", admin_views.corrections_review_list, name="corrections"),
            path(
                "corrections/<id:pk>/accepter/",
                admin_views.correction_review_view,
                {"accept": True},
                name="correction_accept",
            ),
            path(
                "corrections/<id:pk>/refuser/",
                admin_views.correction_review_view,
                {"accept": False},
                name="correction_decline",
            ),
        ]


class PendingCorrectionsPanel(Component):
    """On the dashboard: how many corrections of transcripts wait for a decision."""

    name = "archive_pending_corrections"
    order = 60
    template_name = "archive/admin/transcripts/pending_corrections_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "total": SegmentCorrection.objects.filter(status=AdditionStatus.PENDING).count(),
            "review_url": reverse("transcripts_admin:corrections"),
        }


def add_pending_corrections_panel(request, panels):
    if request.user.has_perms([CHANGE_INTERVIEW, REVIEW_CORRECTIONS]):
        panels.append(PendingCorrectionsPanel())


def interview_page_header_button(page, user, view_name, next_url=None):
    """From an oral history's page in the admin, one click to its transcript."""
    if view_name != "edit" or not user.has_perm(CHANGE_INTERVIEW):
        return
    interview_pk = Interview.objects.filter(page_id=page.pk).values_list("pk", flat=True).first()
    viewset = Interview.snippet_viewset
    if interview_pk is not None:
        yield Button(
            _("Transcription de l'entretien"),
            url=reverse(viewset.get_url_name("edit"), args=[interview_pk]),
            icon_name="doc-full",
            priority=40,
        )
    elif issubclass(page.specific_class, ArchiveItemPage) and user.has_perm(ADD_INTERVIEW):
        yield Button(
            _("Ajouter une transcription"),
            url=f"{reverse(viewset.get_url_name('add'))}?page={page.pk}",
            icon_name="doc-full",
            priority=40,
        )


def register_transcript_log_actions(actions):
    for action, label in [
        ("archive.transcript.import", _("Transcription importée")),
        ("archive.transcript.edit", _("Segments modifiés")),
        ("archive.transcript.split", _("Segment coupé")),
        ("archive.transcript.merge", _("Segments réunis")),
        ("archive.transcript.shift", _("Temps décalés")),
        ("archive.correction.accept", _("Correction acceptée")),
        ("archive.correction.decline", _("Correction refusée")),
    ]:
        actions.register_action(action, label, label)


def register() -> None:
    """Hand the oral histories admin to Wagtail: the menu group and its views, the tools'
    URLs, the review policy, the dashboard panel, the page button and the log actions."""
    # Before the snippets: their views would otherwise make Wagtail's default policy first.
    register_permission_policy(SegmentCorrection, DecidedByReviewPolicy(SegmentCorrection))
    register_snippet(OralHistoryGroup)
    hooks.register("register_admin_viewset", TranscriptToolsViewSet)
    hooks.register("construct_homepage_panels", add_pending_corrections_panel)
    hooks.register("register_page_header_buttons", interview_page_header_button)
    hooks.register("register_log_actions", register_transcript_log_actions)
