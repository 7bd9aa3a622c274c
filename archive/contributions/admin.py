"""Contributions in the Wagtail admin: the lists editors work from (snippet viewsets), the
dashboard panel, and the actions Wagtail's own views do not cover (refuse, attach, withdraw,
publish or decline an addition), each viewset owning the addresses of its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from archive.contributions.additions import addition_review
from archive.contributions.admin_forms import AttachForm, DeclineForm
from archive.contributions.models import (
    Contribution,
    ResidentAddition,
    Withdrawal,
    WithdrawalInitiator,
)
from archive.contributions.selectors import (
    MAX_PROCESSING_ATTEMPTS,
    additions_pending_count,
    contributions_given_up,
    pending_contributions,
)
from archive.contributions.services import contribution_attach, contribution_decline
from archive.contributions.withdrawal import contribution_withdraw


class ContributionViewSet(SnippetViewSet):
    """Editors see what residents sent; personal data stays in this admin list."""

    model = Contribution
    icon = "mail"
    menu_label = gettext_lazy("Contributions")
    list_display = ["title", "status", "created_at", "item"]
    list_filter = ["status", "is_minor", "licence"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    panels = [
        HelpPanel(
            template="archive/admin/contribution_actions.html", heading=gettext_lazy("Actions")
        ),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("story"),
                FieldPanel("date_label"),
                FieldRowPanel([FieldPanel("place"), FieldPanel("proposed_place")]),
                FieldPanel("themes"),
            ],
            heading=gettext_lazy("Ce qui a été raconté"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("full_name", read_only=True),
                FieldPanel("name_display", read_only=True),
                FieldPanel("pseudonym", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
            ],
            heading=gettext_lazy("Personne (données privées)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("allow_web", read_only=True),
                FieldPanel("allow_festival", read_only=True),
                FieldPanel("allow_research", read_only=True),
                FieldPanel("licence", read_only=True),
                FieldPanel("image_rights_attested", read_only=True),
                FieldPanel("is_minor", read_only=True),
                FieldPanel("parent_name", read_only=True),
                FieldPanel("parent_consent", read_only=True),
                FieldPanel("embargo_until", read_only=True),
                FieldPanel("consented_at", read_only=True),
            ],
            heading=gettext_lazy("Consentement"),
        ),
        FieldPanel("editor_message"),
    ]


class AdditionReviewColumn(Column):
    """Publish / decline buttons in the list itself: each one a small POST form."""

    cell_template_name = "archive/admin/addition_review_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context.get("request")
        if request is not None:
            context["csrf_token"] = get_token(request)
            context["next"] = request.get_full_path()
        return context


class ResidentAdditionViewSet(SnippetViewSet):
    """« Vous reconnaissez quelqu'un ? »: editors publish or decline what residents add."""

    model = ResidentAddition
    icon = "user"
    menu_label = gettext_lazy("Compléments des habitants")
    list_display = [
        "credit_name",
        "item",
        "person_named",
        "status",
        "created_at",
        AdditionReviewColumn("review", label=gettext_lazy("Décision"), accessor="status"),
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["credit_name", "person_named", "comment"]
    ordering = ["-created_at"]
    panels = [
        HelpPanel(template="archive/admin/addition_actions.html", heading=gettext_lazy("Décision")),
        FieldPanel("item", read_only=True),
        FieldPanel("person_named"),
        FieldPanel("date_label"),
        FieldPanel("comment"),
        FieldPanel("credit_name"),
        FieldPanel("email", read_only=True),
        FieldPanel("status", read_only=True),
    ]

    def get_queryset(self, request):
        return ResidentAddition.objects.select_related("item")


class WithdrawalViewSet(SnippetViewSet):
    model = Withdrawal
    icon = "bin"
    menu_label = gettext_lazy("Retraits")
    list_display = [
        "withdrawn_at",
        "initiated_by",
        BooleanColumn(
            "had_published_item",
            label=gettext_lazy("L'élément était publié"),
            sort_key="had_published_item",
        ),
    ]
    inspect_view_enabled = True


def _list_url() -> str:
    return ContributionViewSet().get_url_name("list")


@permission_required("archive.change_contribution", raise_exception=True)
def decline(request, pk: int):
    contribution = get_object_or_404(Contribution, pk=pk)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        contribution_decline(
            contribution=contribution, message=form.cleaned_data["message"], user=request.user
        )
        messages.success(request, _("La contribution est refusée ; la personne est prévenue."))
        return redirect(_list_url())
    return TemplateResponse(
        request,
        "archive/admin/decline.html",
        {"contribution": contribution, "form": form, "header_icon": "mail"},
    )


@permission_required("archive.change_contribution", raise_exception=True)
def attach(request, pk: int):
    contribution = get_object_or_404(Contribution.objects.select_related("item"), pk=pk)
    form = AttachForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        item, collection = form.cleaned_data["item"], form.cleaned_data["collection"]
        try:
            contribution_attach(
                contribution=contribution, item=item, collection=collection, user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("« %(title)s » est rattachée ; l'élément attend votre relecture.")
                % {"title": contribution.title},
            )
            return redirect("wagtailadmin_pages:edit", contribution.item_id)
    return TemplateResponse(
        request,
        "archive/admin/attach.html",
        {"contribution": contribution, "form": form, "header_icon": "link"},
    )


@permission_required("archive.delete_contribution", raise_exception=True)
def withdraw(request, pk: int):
    contribution = get_object_or_404(Contribution, pk=pk)
    if request.method == "POST":
        contribution_withdraw(
            contribution=contribution, initiated_by=WithdrawalInitiator.EDITOR, user=request.user
        )
        messages.success(
            request, _("Le souvenir est retiré : fichiers et données personnelles effacés.")
        )
        return redirect(_list_url())
    return TemplateResponse(request, "archive/admin/withdraw.html", {"contribution": contribution})


# Resident additions ------------------------------------------------------------------------


def _additions_list_url(request) -> str:
    # Back to the list as it was filtered, when the form says so.
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse(ResidentAdditionViewSet().get_url_name("list"))


@require_POST
@permission_required("archive.change_residentaddition", raise_exception=True)
def addition_publish(request, pk: int):
    addition = get_object_or_404(ResidentAddition.objects.select_related("item"), pk=pk)
    addition_review(addition=addition, publish=True, user=request.user)
    messages.success(
        request,
        _("Le complément de %(name)s est publié sur « %(title)s ».")
        % {"name": addition.credit_name, "title": addition.item.title},
    )
    return redirect(_additions_list_url(request))


@require_POST
@permission_required("archive.change_residentaddition", raise_exception=True)
def addition_decline(request, pk: int):
    addition = get_object_or_404(ResidentAddition.objects.select_related("item"), pk=pk)
    addition_review(addition=addition, publish=False, user=request.user)
    messages.success(
        request,
        _("Le complément de %(name)s est refusé ; il ne sera pas affiché.")
        % {"name": addition.credit_name},
    )
    return redirect(_additions_list_url(request))


class ContributionActionsViewSet(ViewSet):
    """Refuse, attach, withdraw: ``/admin/archive/contributions/<pk>/…``."""

    name = "archive_admin"
    url_prefix = "archive/contributions"

    def get_urlpatterns(self):
        return [
            path("<id:pk>/refuser/", decline, name="decline"),
            path("<id:pk>/rattacher/", attach, name="attach"),
            path("<id:pk>/retirer/", withdraw, name="withdraw"),
        ]


class AdditionReviewViewSet(ViewSet):
    """Publish or decline a resident's addition: ``/admin/archive/complements/<pk>/…``."""

    name = "archive_additions"
    url_prefix = "archive/complements"

    def get_urlpatterns(self):
        return [
            path("<id:pk>/publier/", addition_publish, name="publish"),
            path("<id:pk>/refuser/", addition_decline, name="decline"),
        ]


class PendingContributionsPanel(Component):
    """The editors' dashboard: what residents sent and still waits for a decision."""

    name = "archive_pending_contributions"
    order = 50
    template_name = "archive/admin/pending_panel.html"

    def get_context_data(self, parent_context=None):
        pending = pending_contributions()
        viewset = ContributionViewSet()
        contributions = list(pending[:8])
        given_up = list(contributions_given_up()[:8])
        for contribution in [*contributions, *given_up]:
            contribution.edit_url = reverse(viewset.get_url_name("edit"), args=[contribution.pk])
        return {
            "contributions": contributions,
            "given_up": given_up,
            "max_attempts": MAX_PROCESSING_ATTEMPTS,
            "total": pending.count(),
            "list_url": reverse(viewset.get_url_name("list")),
            "additions": additions_pending_count(),
            "additions_url": reverse(ResidentAdditionViewSet().get_url_name("list")),
        }


def register_log_actions(actions) -> None:
    """The audit log's names for what editors do to contributions and additions."""
    actions.register_action(
        "archive.contribution.decline",
        gettext_lazy("Contribution refusée"),
        gettext_lazy("Contribution refusée"),
    )
    actions.register_action(
        "archive.withdrawal", gettext_lazy("Retrait effectué"), gettext_lazy("Retrait effectué")
    )
    actions.register_action(
        "archive.contribution.attach",
        gettext_lazy("Contribution rattachée"),
        gettext_lazy("Contribution rattachée"),
    )
    actions.register_action(
        "archive.addition.publish",
        gettext_lazy("Complément publié"),
        gettext_lazy("Complément publié"),
    )
    actions.register_action(
        "archive.addition.decline",
        gettext_lazy("Complément refusé"),
        gettext_lazy("Complément refusé"),
    )
