"""Public views of the contribution flow; the rules live in the slice's services."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_safe

from archive.contributions.additions import addition_create
from archive.contributions.forms import (
    ContributionEditForm,
    ContributionForm,
    LinksResendForm,
    ResidentAdditionForm,
    upload_limits,
)
from archive.contributions.links import (
    contribution_from_token,
    contribution_status_path,
    contribution_status_token,
)
from archive.contributions.selectors import SENT_PHOTO_SPEC, contribution_sent_files
from archive.contributions.services import (
    ContributionFilesUnavailable,
    contribution_create,
    contribution_update,
    links_resend,
)
from archive.contributions.withdrawal import contribution_withdraw
from archive.selectors import public_items
from core.form_protection import Verdict, public_form_guard

STORAGE_DOWN_MESSAGE = _lazy(
    "Nous n'avons pas pu enregistrer vos fichiers : notre espace de stockage ne répond pas "
    "pour le moment. Rien n'est perdu de ce que vous avez écrit, tout est ci-dessous : "
    "choisissez à nouveau vos fichiers et renvoyez le formulaire dans quelques minutes."
)


def _no_index(response):
    # Private pages: never in a search engine, never cached by a shared cache.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def contribute(request):
    status = 200
    if request.method == "POST":
        form = ContributionForm(request.POST, request.FILES)
        verdict = public_form_guard(
            request=request, form=form, scope="contribution", email_field="email"
        )
        if verdict is Verdict.ROBOT:
            return redirect("archive:thanks")
        if verdict is Verdict.PASSED:
            data = form.cleaned_data
            try:
                contribution = contribution_create(
                    data=data,
                    photos=data.get("photos") or [],
                    media_upload=data.get("media"),
                    site_url=request.build_absolute_uri("/"),
                )
            except ContributionFilesUnavailable:
                # Nothing was kept; the form comes back with everything typed.
                form.add_error(None, STORAGE_DOWN_MESSAGE)
                status = 503
            else:
                request.session["archive_last_contribution"] = contribution_status_token(
                    contribution=contribution
                )
                return redirect("archive:thanks")
        files_were_sent = bool(request.FILES)
        if verdict is Verdict.LIMITED:
            status = 429
    else:
        form = ContributionForm()
        files_were_sent = False
    return _no_index(
        render(
            request,
            "archive/contribute.html",
            {"form": form, "files_were_sent": files_were_sent, **upload_limits()},
            status=status,
        )
    )


def thanks(request):
    """The private link itself, shown at once: a lost or late e-mail never loses it."""
    token = request.session.get("archive_last_contribution")
    status_url = request.build_absolute_uri(contribution_status_path(token=token)) if token else ""
    return _no_index(render(request, "archive/thanks.html", {"status_url": status_url}))


@require_http_methods(["GET", "POST"])
def links(request):
    """« Renvoyer mes liens »: the same answer whatever the address, so it reveals nothing."""
    form = LinksResendForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        verdict = public_form_guard(
            request=request, form=form, scope="links_resend", email_field="email"
        )
        if verdict is Verdict.PASSED:
            links_resend(email=form.cleaned_data["email"], site_url=request.build_absolute_uri("/"))
        if verdict in (Verdict.PASSED, Verdict.ROBOT):
            messages.success(
                request,
                _(
                    "C'est parti. Si cette adresse a servi sur le site, elle reçoit dans "
                    "quelques minutes un courriel avec tous ses liens privés. Rien reçu ? "
                    "Regardez dans les courriers indésirables."
                ),
            )
            return redirect("archive:links")
        if verdict is Verdict.LIMITED:
            status = 429
    return _no_index(render(request, "archive/links.html", {"form": form}, status=status))


def status(request, token):
    contribution, withdrawal = contribution_from_token(token=token)
    if contribution is None and withdrawal is None:
        raise Http404
    return _no_index(
        render(
            request,
            "archive/status.html",
            {
                "contribution": contribution,
                "withdrawal": withdrawal,
                "token": token,
                "sent_files": contribution_sent_files(contribution=contribution)
                if contribution is not None
                else [],
            },
        )
    )


@require_safe
def status_photo(request, token, file_id):
    """A photo the contributor sent, shown back on their private page only: it may still wait
    in the moderators' private collection, which the public file server refuses."""
    contribution, _withdrawal = contribution_from_token(token=token)
    if contribution is None:
        raise Http404
    sent = get_object_or_404(contribution.files.select_related("image"), pk=file_id)
    if sent.image is None:
        raise Http404
    rendition = sent.image.get_rendition(SENT_PHOTO_SPEC)
    response = FileResponse(rendition.file.open("rb"), content_type="image/jpeg")
    return _no_index(response)


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
    verdict = None
    if request.method == "POST":
        verdict = public_form_guard(request=request, form=form, scope="contribution_edit")
    if verdict is Verdict.ROBOT:
        return redirect("archive:status", token=token)
    if verdict is Verdict.PASSED:
        contribution_update(contribution=contribution, data=form.cleaned_data)
        messages.success(request, _("Vos modifications sont enregistrées et seront relues."))
        return redirect("archive:status", token=token)
    return _no_index(
        render(
            request,
            "archive/edit.html",
            {"form": form, "contribution": contribution, "token": token},
            status=429 if verdict is Verdict.LIMITED else 200,
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


@require_http_methods(["GET", "POST"])
def addition(request, item_id):
    item = get_object_or_404(public_items(), pk=item_id)
    if request.method == "GET":
        return _no_index(
            render(
                request,
                "archive/addition_errors.html",
                {"item": item, "addition_form": ResidentAdditionForm()},
            )
        )
    form = ResidentAdditionForm(request.POST)
    verdict = public_form_guard(request=request, form=form, scope="addition", email_field="email")
    if verdict in (Verdict.PASSED, Verdict.ROBOT):
        if verdict is Verdict.PASSED:
            addition_create(item=item, data=form.cleaned_data)
        messages.success(
            request, _("Merci ! Votre complément sera affiché après relecture par l'équipe.")
        )
        return redirect(item.url + "#additions-title")
    return _no_index(
        render(
            request,
            "archive/addition_errors.html",
            {"item": item, "addition_form": form},
            status=429 if verdict is Verdict.LIMITED else 200,
        )
    )
