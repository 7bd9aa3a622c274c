"""The call for speakers in the Wagtail admin, for the town's team (the « Ch'ti TAIDx » group
and superusers), under the « Ch'ti TAIDx » menu.

« Interventions » (``TalkViewSet``) lists the talks by evening and status; its edit form
corrects the talk's PUBLIC fields only, never the speaker's text (``TextVersion``, which no
admin form edits), the contact or the status. The talk's page and the invitations
(``CallReviewViewSet``, ``/admin/taidx/appel/…``) carry the team's actions: accept or decline a
proposal with a reason, invite a completed fifty-fifty's lead or anyone else. Each action is a
service of ``talks.call``; the views check the permission, read the form and say what happened.
The « Accompagnement » group reads talks but may neither decide nor invite."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from talks.call import (
    invitation_candidates,
    talk_decide,
    talk_invite,
    talks_awaiting_decision,
)
from talks.call_forms import DecisionForm, InvitationForm
from talks.models import Evening, Talk, TalkStatus

VIEW_PERMISSION = "talks.view_talk"
# Deciding on a proposal changes the talk; inviting adds one. « Accompagnement » has neither.
DECIDE_PERMISSION = "talks.change_talk"
INVITE_PERMISSION = "talks.add_talk"
CONTACT_PERMISSION = "talks.view_talkcontact"
# What the team may correct on a talk: never the speaker's words (summary, text), the
# contact, nor the status (which moves only through ``talks.call``).
TALK_PUBLIC_FIELDS = ["title", "speaker_name", "position", "project", "initiative", "recording"]


def talk_file_url(talk_id: int) -> str:
    return reverse("taidx_call:talk", args=[talk_id])


# The list ------------------------------------------------------------------------------------


class TalkFilterSet(WagtailFilterSet):
    evening = ModelChoiceFilter(
        label=gettext_lazy("Soirée"), queryset=Evening.objects.order_by("-starts_at")
    )
    status = ChoiceFilter(label=gettext_lazy("État"), choices=TalkStatus.choices)

    class Meta:
        model = Talk
        fields = ["evening", "status"]


class TalkIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("evening")


class TalkPermissionPolicy(ModelPermissionPolicy):
    """Talks come from the call (a proposal, an invitation) and leave by withdrawal: the
    generic admin neither adds nor deletes one, whoever asks."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Talk, TalkPermissionPolicy(Talk))


class TalkViewSet(ModelViewSet):
    """The talks; the title opens the talk's page, where the team decides."""

    model = Talk
    name = "taidx_talks"
    url_prefix = "taidx/interventions"
    icon = "openquote"
    add_to_admin_menu = False
    menu_label = gettext_lazy("Interventions")
    index_view_class = TalkIndexView
    filterset_class = TalkFilterSet
    ordering = ["-created_at", "pk"]
    list_per_page = 20
    list_display = [
        TitleColumn(
            "title",
            label=gettext_lazy("Intervention"),
            get_url=lambda talk: talk_file_url(talk.pk),
        ),
        Column("speaker_name", label=gettext_lazy("Intervenant")),
        Column("evening", label=gettext_lazy("Soirée")),
        Column("status", label=gettext_lazy("État"), accessor="get_status_display"),
        Column("origin", label=gettext_lazy("Origine"), accessor="get_origin_display"),
        DateColumn("created_at", label=gettext_lazy("Reçue le")),
    ]
    form_fields = TALK_PUBLIC_FIELDS


# The talk's page and the invitations -----------------------------------------------------


class TeamMixin(WagtailAdminTemplateMixin):
    """Each view names the permission it needs on top of reading talks."""

    header_icon = "openquote"
    permission = VIEW_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.has_perm(VIEW_PERMISSION) and user.has_perm(self.permission)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("taidx_talks:index"), "label": _("Interventions")},
            {"url": "", "label": self.get_page_title()},
        ]


class TalkFileView(TeamMixin, TemplateView):
    """The proposal, the private contact, the project told, and the team's decision."""

    template_name = "talks/call/admin/talk.html"

    def dispatch(self, request, *args, **kwargs):
        self.talk = (
            Talk.objects.filter(pk=kwargs["pk"])
            .select_related("evening", "project", "recording", "contact")
            .first()
        )
        if self.talk is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.talk.title

    def get_context_data(self, **kwargs):
        user = self.request.user
        talk = self.talk
        can_decide = user.has_perm(DECIDE_PERMISSION) and talk.status == TalkStatus.PROPOSED
        kwargs.setdefault("decision_form", DecisionForm() if can_decide else None)
        return super().get_context_data(
            talk=talk,
            contact=getattr(talk, "contact", None) if user.has_perm(CONTACT_PERMISSION) else None,
            can_edit=user.has_perm(DECIDE_PERMISSION),
            statuses=TalkStatus,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in ("accept", "decline"):
            raise Http404
        if not request.user.has_perm(DECIDE_PERMISSION):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        form.is_valid()  # the reason is optional here; the service says when it is needed
        accept = action == "accept"
        try:
            talk_decide(
                talk=self.talk,
                accept=accept,
                reason=form.cleaned_data.get("reason", ""),
                user=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "reason" in error.error_dict:
                form.add_error("reason", error.error_dict["reason"])
            else:
                form.add_error(None, error)
            return self.render_to_response(self.get_context_data(decision_form=form))
        messages.success(
            request,
            _("Intervention retenue ; l'intervenant est prévenu par courriel.")
            if accept
            else _("Intervention non retenue ; l'intervenant reçoit le motif par courriel."),
        )
        return redirect(talk_file_url(self.talk.pk))


class InviteIndexView(TeamMixin, TemplateView):
    """The evenings still to come, each with its invitation page."""

    template_name = "talks/call/admin/invite_index.html"
    permission = INVITE_PERMISSION

    def get_page_title(self):
        return _("Inviter des intervenants")

    def get_context_data(self, **kwargs):
        evenings = Evening.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")
        return super().get_context_data(evenings=list(evenings), **kwargs)


class InviteView(TeamMixin, TemplateView):
    """Invite for one evening: the completed fifty-fifties no talk tells yet, each suggesting
    its lead (« Préparer l'invitation » prefills the form), and the form for anyone else."""

    template_name = "talks/call/admin/invite.html"
    permission = INVITE_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        # Only evenings still to come take invitations (``talk_invite`` says so too).
        self.evening = Evening.objects.filter(
            pk=kwargs["evening_pk"], starts_at__gt=timezone.now()
        ).first()
        if self.evening is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Inviter pour « %(evening)s »") % {"evening": self.evening.title}

    def _initial(self, candidates) -> dict:
        chosen = self.request.GET.get("projet", "")
        candidate = next((c for c in candidates if str(c.project.pk) == chosen), None)
        if candidate is None:
            return {}
        return {
            "project": candidate.project,
            "name": candidate.name,
            "email": candidate.email,
            "phone": candidate.phone,
            "speaker_name": candidate.project.carrier_name,
            "title": candidate.project.title,
        }

    def get_context_data(self, **kwargs):
        candidates = invitation_candidates(evening=self.evening)
        kwargs.setdefault("form", InvitationForm(initial=self._initial(candidates)))
        return super().get_context_data(evening=self.evening, candidates=candidates, **kwargs)

    def post(self, request, *args, **kwargs):
        form = InvitationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                talk = talk_invite(
                    evening=self.evening,
                    title=data["title"],
                    speaker_name=data["speaker_name"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    project=data["project"],
                    initiative=data["initiative"],
                    message=data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Invitation envoyée à %(name)s, avec son lien privé.")
                    % {"name": data["name"]},
                )
                return redirect(talk_file_url(talk.pk))
        return self.render_to_response(self.get_context_data(form=form))


class CallReviewViewSet(ViewSet):
    """The talk's page and the invitations: ``/admin/taidx/appel/…``."""

    name = "taidx_call"
    url_prefix = "taidx/appel"

    def get_urlpatterns(self):
        return [
            path("<id:pk>/", TalkFileView.as_view(), name="talk"),
            path("inviter/", InviteIndexView.as_view(), name="invite_index"),
            path("soirees/<id:evening_pk>/inviter/", InviteView.as_view(), name="invite"),
        ]


@hooks.register("register_admin_viewset")
def register_call_viewsets():
    return [TalkViewSet(), CallReviewViewSet()]


# The « Ch'ti TAIDx » menu --------------------------------------------------------------------


class PermissionMenuItem(MenuItem):
    """Shown to whoever holds ``permission``."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_taidx_menu_item")
def register_talks_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Interventions"),
        reverse_lazy("taidx_talks:index"),
        name="taidx-interventions",
        icon_name="openquote",
        order=200,
        permission=VIEW_PERMISSION,
    )


@hooks.register("register_taidx_menu_item")
def register_invite_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Inviter"),
        reverse_lazy("taidx_call:invite_index"),
        name="taidx-inviter",
        icon_name="mail",
        order=210,
        permission=INVITE_PERMISSION,
    )


# The dashboard -------------------------------------------------------------------------------


class AwaitingDecisionPanel(Component):
    """On the team's dashboard: the residents' proposals waiting for a decision."""

    name = "talks_awaiting_decision"
    order = 70
    template_name = "talks/call/admin/awaiting_panel.html"
    shown = 8

    def get_context_data(self, parent_context=None):
        awaiting = talks_awaiting_decision()
        talks = list(awaiting[: self.shown])
        for talk in talks:
            talk.file_url = talk_file_url(talk.pk)
        return {
            "talks": talks,
            "total": awaiting.count() if len(talks) == self.shown else len(talks),
            "list_url": f"{reverse('taidx_talks:index')}?status={TalkStatus.PROPOSED}",
        }


@hooks.register("construct_homepage_panels")
def add_awaiting_decision_panel(request, panels):
    if request.user.has_perm(DECIDE_PERMISSION):
        panels.append(AwaitingDecisionPanel())
