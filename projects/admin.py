"""The fifty-fifty in the Wagtail admin, for the town's team (the « Fifty-fifty » group).

A « Fifty-fifty » menu with the list of projects (``ProjectViewSet``: filters by status, kind
and year; unconfirmed proposals hidden unless asked for), and the project's file with every
action the team takes on it (``ProjectReviewViewSet``, which owns ``/admin/fifty-fifty/
projets/<pk>/…``): answer publicly, write internal notes, draft the agreement and agree to it,
review and post progress, record delivery, sign the town's account. Each action is a service;
the views only check the permission, read the form and say what happened.

Nothing registers on import: ``projects/wagtail_hooks.py`` does."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from projects.admin_forms import (
    AgreementLineFormSet,
    DecisionForm,
    DeliveryForm,
    NoteForm,
    TownAccountForm,
    TownUpdateForm,
    VersionSummaryForm,
)
from projects.agreements import (
    AgreementError,
    agreement_agree,
    agreement_agreed,
    agreement_can_draft,
    agreement_delivery_record,
    agreement_diff,
    agreement_draft_lines,
    agreement_version_create,
)
from projects.archiving import (
    ProjectNotArchivable,
    project_archive,
    project_archive_refusal,
)
from projects.decisions import project_decide, project_statuses_allowed
from projects.models import (
    Project,
    ProjectKind,
    ProjectStatus,
    Side,
    UpdateStatus,
)
from projects.notes import internal_note_add
from projects.progress import ProgressError, progress_review, progress_town_post
from projects.reports import ReportError, report_town_write
from projects.team_selectors import (
    project_for_review,
    projects_awaiting_answer,
    projects_with_pending_updates,
)

# The town's team (made by migration 0002 with exactly the permissions below need).
TEAM_GROUP = "Fifty-fifty"
VIEW_PERMISSION = "projects.view_project"
# What each action of the project's file needs, on top of reading it.
ACTION_PERMISSIONS = {
    "decide": "projects.add_decision",
    "note": "projects.add_internalnote",
    "update": "projects.add_progressupdate",
    "review": "projects.change_progressupdate",
    "agree": "projects.change_agreementversion",
    "account": "projects.change_completionreport",
    # The team publishes the item on the town's behalf: no page permission is needed.
    "archive": "projects.change_project",
}
DRAFT_PERMISSION = "projects.add_agreementversion"
DELIVERY_PERMISSION = "projects.change_agreementline"


def file_url(project_id: int) -> str:
    return reverse("projects_admin:file", args=[project_id])


# The list ----------------------------------------------------------------------------------


def _years() -> list[tuple[int, int]]:
    # The programme started in 2015; no query, so the filter costs nothing to draw.
    return [(year, str(year)) for year in range(timezone.localdate().year, 2014, -1)]


class ProjectFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("État"), choices=ProjectStatus.choices)
    kind = ChoiceFilter(label=gettext_lazy("Nature"), choices=ProjectKind.choices)
    year = ChoiceFilter(
        label=gettext_lazy("Année"), field_name="created_at", lookup_expr="year", choices=_years
    )

    class Meta:
        model = Project
        fields = ["status", "kind"]


class ProjectIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        # A proposal whose address is not confirmed may be a typo or spam: not the team's work
        # until confirmed, unless the team asks for them by their status.
        if self.request.GET.get("status") != ProjectStatus.UNCONFIRMED:
            queryset = queryset.exclude(status=ProjectStatus.UNCONFIRMED)
        return queryset


class ProjectPermissionPolicy(ModelPermissionPolicy):
    """Projects come from residents and leave by withdrawal: the admin neither adds nor
    deletes them, whoever asks."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class ProjectViewSet(ModelViewSet):
    """The list of projects; the title opens the project's file. The edit form corrects the
    proposal's public text (a typo, a place), never the contact or the status."""

    model = Project
    name = "fifty_fifty"
    url_prefix = "fifty-fifty"
    icon = "tick-inverse"
    menu_label = gettext_lazy("Projets")
    index_view_class = ProjectIndexView
    filterset_class = ProjectFilterSet
    search_fields = ["title", "carrier_name"]
    ordering = ["-created_at", "pk"]
    list_per_page = 20
    list_display = [
        TitleColumn("title", label=gettext_lazy("Projet"), get_url=lambda p: file_url(p.pk)),
        Column("status", label=gettext_lazy("État"), accessor="get_status_display"),
        Column("kind", label=gettext_lazy("Nature"), accessor="get_kind_display"),
        Column("carrier_name", label=gettext_lazy("Porté par")),
        DateColumn("created_at", label=gettext_lazy("Proposé le")),
    ]
    form_fields = [
        "title",
        "kind",
        "need",
        "carrier_kind",
        "carrier_name",
        "place",
        "address",
        "commitment",
        "upkeep",
        "start_on",
        "end_on",
    ]


class FiftyFiftyGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Fifty-fifty")
    menu_icon = "tick-inverse"
    menu_name = "fifty-fifty"
    menu_order = 260
    items = (ProjectViewSet,)


# The project's file --------------------------------------------------------------------------


class TeamMixin(WagtailAdminTemplateMixin):
    """Reading a project needs ``projects.view_project``; each view checks the rest."""

    header_icon = "tick-inverse"
    permission = VIEW_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.has_perm(VIEW_PERMISSION) and request.user.has_perm(self.permission)):
            raise PermissionDenied
        self.project = self.get_project(kwargs["pk"])
        if self.project is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_project(self, pk: int) -> Project | None:
        return Project.objects.filter(pk=pk).first()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(ProjectViewSet().get_url_name("index")), "label": _("Fifty-fifty")},
            {"url": file_url(self.project.pk), "label": self.project.title},
            {"url": "", "label": self.get_page_title()},
        ]


class ProjectFileView(TeamMixin, TemplateView):
    """The proposal beside what it asks of the town, the private contact, the photos, the
    public answers, the internal notes, the agreement's versions and the progress."""

    template_name = "projects/admin/file.html"

    def get_project(self, pk):
        return project_for_review(pk=pk)

    def get_page_title(self):
        return self.project.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(ProjectViewSet().get_url_name("index")), "label": _("Fifty-fifty")},
            {"url": "", "label": self.project.title},
        ]

    def forms(self, data=None, action: str | None = None) -> dict:
        """Each form bound only when it is the one sent, so the others stay blank."""

        def bound(name):
            return data if action == name else None

        return {
            "decision_form": DecisionForm(
                bound("decide"), statuses=project_statuses_allowed(project=self.project)
            ),
            "note_form": NoteForm(bound("note")),
            "update_form": TownUpdateForm(bound("update")),
            "account_form": TownAccountForm(
                bound("account"), initial=self._account_initial(), prefix="account"
            ),
        }

    def _account_initial(self) -> dict:
        report = getattr(self.project, "report", None)
        if report is None:
            return {}
        return {"account": report.town_account, "signed_by": report.town_signed_by}

    def get_context_data(self, **kwargs):
        project = self.project
        user = self.request.user
        versions = list(project.agreements.all())  # prefetched, by number
        latest = versions[-1] if versions else None
        previous = versions[-2] if len(versions) > 1 else None
        agreed = next((v for v in reversed(versions) if v.is_agreed), None)
        for name, form in self.forms().items():
            kwargs.setdefault(name, form)
        updates = list(project.updates.all())
        return super().get_context_data(
            project=project,
            contact=getattr(project, "contact", None)
            if user.has_perm("projects.view_projectcontact")
            else None,
            requests=list(project.requests.all()),
            photos=list(project.photos.all()),
            decisions=list(project.decisions.all()),
            notes=list(project.internal_notes.all()),
            pending_updates=[u for u in updates if u.status == UpdateStatus.PENDING],
            published_updates=[u for u in updates if u.status == UpdateStatus.PUBLISHED],
            versions=versions,
            latest=latest,
            agreed=agreed,
            diff=agreement_diff(old=previous, new=latest) if previous else None,
            can={
                **{action: user.has_perm(perm) for action, perm in ACTION_PERMISSIONS.items()},
                "draft": user.has_perm(DRAFT_PERMISSION) and agreement_can_draft(project=project),
                "deliver": user.has_perm(DELIVERY_PERMISSION) and agreed is not None,
                "edit": user.has_perm("projects.change_project"),
            },
            report_open=project.status in (ProjectStatus.RUNNING, ProjectStatus.COMPLETED),
            # « Verser dans l'archive » is offered only where the service would accept it.
            archivable=not project.archive_item_id and not project_archive_refusal(project=project),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in ACTION_PERMISSIONS:
            raise Http404
        if not request.user.has_perm(ACTION_PERMISSIONS[action]):
            raise PermissionDenied
        handled = getattr(self, f"_{action}")(request)
        if handled is not None:
            return handled
        return redirect(file_url(self.project.pk))

    def _rerender(self, forms: dict):
        return self.render_to_response(self.get_context_data(**forms))

    def _decide(self, request):
        forms = self.forms(request.POST, "decide")
        form = forms["decision_form"]
        if form.is_valid():
            try:
                decision = project_decide(
                    project=self.project,
                    status=form.cleaned_data["status"],
                    answer=form.cleaned_data["answer"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Le projet est « %(status)s » ; les porteurs sont prévenus par courriel.")
                    % {"status": decision.get_status_display()},
                )
                return None
        return self._rerender(forms)

    def _note(self, request):
        forms = self.forms(request.POST, "note")
        if not forms["note_form"].is_valid():
            return self._rerender(forms)
        internal_note_add(
            project=self.project, text=forms["note_form"].cleaned_data["text"], author=request.user
        )
        messages.success(request, _("Note ajoutée : seule l'équipe la voit."))
        return None

    def _update(self, request):
        forms = self.forms(request.POST, "update")
        form = forms["update_form"]
        if not form.is_valid():
            return self._rerender(forms)
        try:
            progress_town_post(
                project=self.project,
                text=form.cleaned_data["text"],
                happened_on=form.cleaned_data["happened_on"],
                photo=form.cleaned_data["photo"],
                caption=form.cleaned_data["caption"],
            )
        except ProgressError as error:
            form.add_error("text", str(error))
            return self._rerender(forms)
        messages.success(request, _("Nouvelle publiée sur la page du projet."))
        return None

    def _review(self, request):
        update = next(
            (
                u
                for u in self.project.updates.all()
                if str(u.pk) == request.POST.get("update") and u.status == UpdateStatus.PENDING
            ),
            None,
        )
        if update is None:
            messages.error(request, _("Cette nouvelle a déjà été relue."))
            return None
        publish = request.POST.get("publish") == "yes"
        progress_review(update=update, publish=publish)
        messages.success(
            request,
            _("Nouvelle publiée sur la page du projet.")
            if publish
            else _("Nouvelle refusée : elle ne sera pas affichée."),
        )
        return None

    def _agree(self, request):
        version = next(
            (
                v
                for v in self.project.agreements.all()
                if str(v.number) == request.POST.get("number")
            ),
            None,
        )
        if version is None:
            raise Http404
        try:
            version = agreement_agree(version=version, side=Side.TOWN, user=request.user)
        except AgreementError as error:
            messages.error(request, str(error))
            return None
        if version.is_agreed:
            messages.success(
                request,
                _("La convention est signée des deux côtés (version %(n)s).")
                % {"n": version.number},
            )
        else:
            messages.success(
                request,
                _("La ville accepte la version %(n)s ; il reste l'accord des porteurs.")
                % {"n": version.number},
            )
        return None

    def _account(self, request):
        forms = self.forms(request.POST, "account")
        form = forms["account_form"]
        if not form.is_valid():
            return self._rerender(forms)
        try:
            report_town_write(
                project=self.project,
                account=form.cleaned_data["account"].strip(),
                signed_by=form.cleaned_data["signed_by"].strip(),
            )
        except ReportError as error:
            form.add_error("account", str(error))
            return self._rerender(forms)
        messages.success(request, _("Le point de vue de la ville est enregistré dans le bilan."))
        return None

    def _archive(self, request):
        try:
            item = project_archive(project=self.project, user=request.user)
        except ProjectNotArchivable as error:
            messages.error(request, str(error))
            return None
        messages.success(
            request,
            _("Le projet est dans l'archive : « %(title)s » est publié.") % {"title": item.title},
        )
        return None


class AgreementDraftView(TeamMixin, TemplateView):
    """A new version of the agreement, line by line, starting from the latest one."""

    template_name = "projects/admin/agreement_draft.html"
    permission = DRAFT_PERMISSION

    def get_page_title(self):
        return _("Nouvelle version de la convention")

    def get(self, request, *args, **kwargs):
        if not agreement_can_draft(project=self.project):
            return self._refused()
        initial = agreement_draft_lines(project=self.project)
        return self.render_to_response(
            self.get_context_data(
                formset=AgreementLineFormSet(initial=initial, prefix="lines"),
                summary_form=VersionSummaryForm(first=self._first()),
            )
        )

    def post(self, request, *args, **kwargs):
        if not agreement_can_draft(project=self.project):
            return self._refused()
        formset = AgreementLineFormSet(request.POST, prefix="lines")
        summary_form = VersionSummaryForm(request.POST, first=self._first())
        if formset.is_valid() and summary_form.is_valid():
            lines = [
                form.cleaned_data
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if lines:
                version = agreement_version_create(
                    project=self.project, lines=lines, summary=summary_form.cleaned_data["summary"]
                )
                messages.success(
                    request,
                    _("Version %(n)s rédigée : relisez-la, puis acceptez-la au nom de la ville.")
                    % {"n": version.number},
                )
                return redirect("projects_admin:version", self.project.pk, version.number)
            formset._non_form_errors = formset.error_class(
                [_("La convention a au moins une ligne.")]
            )
        return self.render_to_response(
            self.get_context_data(formset=formset, summary_form=summary_form)
        )

    def _first(self) -> bool:
        return not self.project.agreements.exists()

    def _refused(self):
        messages.error(
            self.request,
            _("On rédige la convention d'un projet accepté, ou pour la modifier une fois signée."),
        )
        return redirect(file_url(self.project.pk))

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, sides=Side, **kwargs)


class AgreementVersionView(TeamMixin, TemplateView):
    """One version's lines and what changed since the one before."""

    template_name = "projects/admin/agreement_version.html"

    def get_page_title(self):
        return _("Convention, version %(n)s") % {"n": self.kwargs["number"]}

    def get_context_data(self, **kwargs):
        number = kwargs["number"]
        versions = {
            v.number: v
            for v in self.project.agreements.filter(
                number__in=[number, number - 1]
            ).prefetch_related("lines")
        }
        version = versions.get(number)
        if version is None:
            raise Http404
        latest_number = (
            self.project.agreements.order_by("-number").values_list("number", flat=True).first()
        )
        return super().get_context_data(
            project=self.project,
            version=version,
            previous=versions.get(number - 1),
            diff=agreement_diff(old=versions.get(number - 1), new=version),
            is_latest=number == latest_number,
            can_agree=self.request.user.has_perm(ACTION_PERMISSIONS["agree"]),
            **kwargs,
        )


class DeliveryView(TeamMixin, TemplateView):
    """What each side actually provided, recorded against the agreed version's lines."""

    template_name = "projects/admin/delivery.html"
    permission = DELIVERY_PERMISSION

    def get_page_title(self):
        return _("Ce qui a été fait")

    def _rows(self, data=None):
        agreed = agreement_agreed(project=self.project)
        if agreed is None:
            raise Http404
        return agreed, [(line, DeliveryForm.for_line(line, data)) for line in agreed.lines.all()]

    def get(self, request, *args, **kwargs):
        agreed, rows = self._rows()
        return self.render_to_response(self.get_context_data(version=agreed, rows=rows))

    def post(self, request, *args, **kwargs):
        agreed, rows = self._rows(request.POST)
        if not all(form.is_valid() for _line, form in rows):
            return self.render_to_response(self.get_context_data(version=agreed, rows=rows))
        recorded = 0
        for line, form in rows:
            if form.has_changed():
                agreement_delivery_record(line=line, **form.cleaned_data)
                recorded += 1
        messages.success(request, _("%(count)s ligne(s) mise(s) à jour.") % {"count": recorded})
        return redirect(file_url(self.project.pk))

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, **kwargs)


class ProjectReviewViewSet(ViewSet):
    """The project's file and the team's actions: ``/admin/fifty-fifty/projets/<pk>/…``."""

    name = "projects_admin"
    url_prefix = "fifty-fifty/projets"

    def get_urlpatterns(self):
        return [
            path("<id:pk>/", ProjectFileView.as_view(), name="file"),
            path(
                "<id:pk>/convention/nouvelle/", AgreementDraftView.as_view(), name="agreement_draft"
            ),
            path(
                "<id:pk>/convention/v<int:number>/",
                AgreementVersionView.as_view(),
                name="version",
            ),
            path("<id:pk>/convention/fait/", DeliveryView.as_view(), name="delivery"),
        ]


# The dashboard -------------------------------------------------------------------------------


class AwaitingAnswerPanel(Component):
    """The team's dashboard: proposals waiting for an answer, updates waiting for review."""

    name = "projects_awaiting_answer"
    order = 60
    template_name = "projects/admin/awaiting_panel.html"

    def get_context_data(self, parent_context=None):
        awaiting = projects_awaiting_answer()
        projects = list(awaiting[:8])
        for project in projects:
            project.file_url = file_url(project.pk)
        with_updates = list(projects_with_pending_updates()[:8])
        for project in with_updates:
            project.file_url = file_url(project.pk)
        return {
            "projects": projects,
            "total": awaiting.count() if len(projects) == 8 else len(projects),
            "with_updates": with_updates,
            "list_url": reverse(ProjectViewSet().get_url_name("index")),
        }


def can_view(user) -> bool:
    return user.has_perm(VIEW_PERMISSION)
