"""Editors' actions on contributions that Wagtail's own views do not cover."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages as admin_messages
from wagtail.admin.views.pages.workflow import WorkflowActionView

from archive.forms import AttachForm, DeclineForm
from archive.models import Contribution, ResidentAddition, WithdrawalInitiator
from archive.models.pages import PublicationRefused
from archive.services import (
    addition_review,
    contribution_attach,
    contribution_decline,
    contribution_withdraw,
)


def _list_url() -> str:
    from archive.wagtail_hooks import ContributionViewSet

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
    from archive.wagtail_hooks import ResidentAdditionViewSet

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


# Moderation outside the edit page ----------------------------------------------------------


class ArchiveItemWorkflowActionView(WorkflowActionView):
    """« Approuver » from the dashboard or a moderation list: when publication is refused
    (consent, alt text), the editor reads why in French instead of Wagtail's generic
    « permission denied », and the item stays in moderation (the action is undone)."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except PublicationRefused as refused:
            admin_messages.error(
                request,
                _("« %(title)s » n'est pas publié et reste en modération. %(reasons)s")
                % {"title": self.object.get_admin_display_title(), "reasons": str(refused)},
                buttons=[
                    admin_messages.button(
                        reverse("wagtailadmin_pages:edit", args=[self.object.pk]),
                        _("Corriger l'élément"),
                    )
                ],
            )
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(
                    request, {"step": "success", "redirect": self.redirect_url}
                )
            return redirect(self.redirect_url)
