"""Public views of the contribution flow; the rules live in ``archive.services``."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive.forms import (
    MAX_PHOTOS,
    ContributionEditForm,
    ContributionForm,
    ResidentAdditionForm,
)
from archive.selectors import contribution_from_token, public_items
from archive.services import (
    addition_create,
    contribution_create,
    contribution_status_token,
    contribution_update,
    contribution_withdraw,
)
from media.sanitise import audio_video_max_bytes, image_max_bytes


def _no_index(response):
    # Private pages: never in a search engine, never cached by a shared cache.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def upload_limits() -> dict:
    """The server's limits, handed to the form's script so it can warn before sending."""
    return {
        "max_photo_bytes": image_max_bytes(),
        "max_media_bytes": audio_video_max_bytes(),
        "max_request_bytes": settings.CONTRIBUTION_MAX_REQUEST_BYTES,
        "max_photos": MAX_PHOTOS,
    }


def contribute(request):
    if request.method == "POST":
        form = ContributionForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            contribution = contribution_create(
                data=data,
                photos=data.get("photos") or [],
                media_upload=data.get("media"),
                site_url=request.build_absolute_uri("/"),
            )
            request.session["archive_last_contribution"] = contribution_status_token(
                contribution=contribution
            )
            return redirect("archive:thanks")
        files_were_sent = bool(request.FILES)
    else:
        form = ContributionForm()
        files_were_sent = False
    return _no_index(
        render(
            request,
            "archive/contribute.html",
            {"form": form, "files_were_sent": files_were_sent, **upload_limits()},
        )
    )


def thanks(request):
    return _no_index(render(request, "archive/thanks.html", {}))


def status(request, token):
    contribution, withdrawal = contribution_from_token(token=token)
    if contribution is None and withdrawal is None:
        raise Http404
    return _no_index(
        render(
            request,
            "archive/status.html",
            {"contribution": contribution, "withdrawal": withdrawal, "token": token},
        )
    )


def edit(request, token):
    contribution, _withdrawal = contribution_from_token(token=token)
    if contribution is None:
        raise Http404
    if not contribution.is_editable:
        messages.error(request, _("Ce souvenir ne peut plus être modifié."))
        return redirect("archive:status", token=token)
    form = ContributionEditForm(
        request.POST if request.method == "POST" else None, instance=contribution
    )
    if request.method == "POST" and form.is_valid():
        contribution_update(contribution=contribution, data=form.cleaned_data)
        messages.success(request, _("Vos modifications sont enregistrées et seront relues."))
        return redirect("archive:status", token=token)
    return _no_index(
        render(
            request,
            "archive/edit.html",
            {"form": form, "contribution": contribution, "token": token},
        )
    )


def withdraw(request, token):
    contribution, _withdrawal = contribution_from_token(token=token)
    if contribution is None:
        return redirect("archive:status", token=token)
    if request.method == "POST":
        contribution_withdraw(contribution=contribution)
        return redirect("archive:status", token=token)
    return _no_index(
        render(
            request,
            "archive/withdraw.html",
            {"contribution": contribution, "token": token},
        )
    )


@require_POST
def addition(request, item_id):
    item = get_object_or_404(public_items(), pk=item_id)
    form = ResidentAdditionForm(request.POST)
    if form.is_valid():
        addition_create(item=item, data=form.cleaned_data)
        messages.success(
            request, _("Merci ! Votre complément sera affiché après relecture par l'équipe.")
        )
        return redirect(item.url + "#additions-title")
    return _no_index(
        render(request, "archive/addition_errors.html", {"item": item, "addition_form": form})
    )
