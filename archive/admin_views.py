"""Editors' actions on contributions that Wagtail's own views do not cover."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from archive.forms import DeclineForm
from archive.models import Contribution, WithdrawalInitiator
from archive.services import contribution_decline, contribution_withdraw


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
