"""The carriers' public views: propose, thanks, and the private follow page with its actions.

Every action is a POST that answers with a French message; the rules live in the services
(``proposals``, ``progress``, ``reports``, ``agreements``)."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from archive.contributions.views import upload_limits
from core.form_protection import Verdict, public_form_guard
from projects.agreements import AgreementError, agreement_agree
from projects.forms import (
    ProgressForm,
    ProjectFieldsForm,
    ProposalForm,
    ReportForm,
    town_requests_cleaned,
    town_requests_formset,
)
from projects.links import (
    project_confirm_code_valid,
    project_follow_path,
    project_follow_token,
    project_from_token,
)
from projects.models import UNDER_WAY_STATUSES, ProjectStatus, Side
from projects.photos import ProjectFilesUnavailable
from projects.progress import ProgressError, progress_post
from projects.proposals import (
    ProjectNotEditable,
    project_confirm,
    project_edit,
    project_propose,
    project_withdraw,
)
from projects.reports import REPORT_STATUSES, ReportError, report_residents_write
from projects.selectors import project_for_follow

STORAGE_DOWN_MESSAGE = _lazy(
    "Nous n'avons pas pu enregistrer vos photos : notre espace de stockage ne répond pas pour "
    "le moment. Rien n'est perdu de ce que vous avez écrit, tout est ci-dessous : choisissez à "
    "nouveau vos photos et renvoyez le formulaire dans quelques minutes."
)
LAST_PROPOSAL = "projects_last_proposal"


def _private(response):
    # The carriers' pages: never in a search engine, never in a shared cache.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def propose(request):
    status = 200
    files_were_sent = False
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES)
        formset = town_requests_formset(data=request.POST)
        lines_valid = formset.is_valid()
        verdict = public_form_guard(
            request=request, form=form, scope="project_proposal", email_field="email"
        )
        if verdict is Verdict.ROBOT:
            return redirect("projects:thanks")
        if verdict is Verdict.PASSED and not lines_valid:
            verdict = Verdict.INVALID
        if verdict is Verdict.PASSED:
            data = form.cleaned_data
            try:
                project = project_propose(
                    data=data,
                    requests=town_requests_cleaned(formset),
                    photos=data.get("photos") or [],
                    site_url=request.build_absolute_uri("/"),
                )
            except ProjectFilesUnavailable:
                form.add_error(None, STORAGE_DOWN_MESSAGE)
                status = 503
            else:
                request.session[LAST_PROPOSAL] = project_follow_token(project=project)
                return redirect("projects:thanks")
        files_were_sent = bool(request.FILES)
        if verdict is Verdict.LIMITED:
            status = 429
    else:
        form = ProposalForm()
        formset = town_requests_formset()
    return _private(
        render(
            request,
            "projects/propose.html",
            {
                "form": form,
                "formset": formset,
                "files_were_sent": files_were_sent,
                **upload_limits(),
            },
            status=status,
        )
    )


def thanks(request):
    """The private link itself, shown at once: a lost or late e-mail never loses it."""
    token = request.session.get(LAST_PROPOSAL)
    follow_url = request.build_absolute_uri(project_follow_path(token=token)) if token else ""
    return _private(render(request, "projects/thanks.html", {"follow_url": follow_url}))


def carrier_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open ``view(request, project, token, **kwargs)`` from the private link: 404 for a forged
    link, 410 once the carriers withdrew the project, private headers on every answer."""

    @wraps(view)
    def wrapper(request, token: str, **kwargs) -> HttpResponse:
        project = project_from_token(token=token)
        if project is None:
            raise Http404
        if project.status == ProjectStatus.WITHDRAWN:
            return _private(
                render(request, "projects/withdraw_done.html", {"project": project}, status=410)
            )
        return _private(view(request, project, token, **kwargs))

    return wrapper


def _follow_page(request, project, token, *, forms=None, status=200):
    forms = forms or {}
    running = project.status in UNDER_WAY_STATUSES
    context = {
        "view": project_for_follow(project=project),
        "project": project,
        "token": token,
        "progress_form": forms.get("progress") or (ProgressForm() if running else None),
        "report_form": forms.get("report")
        or (ReportForm() if project.status in REPORT_STATUSES else None),
        "statuses": ProjectStatus,
    }
    return render(request, "projects/follow.html", context, status=status)


@carrier_page
def follow(request, project, token):
    code = request.GET.get("confirmer")
    if code and project_confirm_code_valid(project=project, code=code):
        if project_confirm(project=project):
            messages.success(
                request,
                _(
                    "Merci, votre adresse est confirmée : la proposition est transmise à "
                    "l'équipe de la ville."
                ),
            )
        # The address bar and the bookmark keep the plain private link.
        return redirect("projects:follow", token=token)
    return _follow_page(request, project, token)


@require_http_methods(["GET", "POST"])
@carrier_page
def follow_edit(request, project, token):
    if not project.is_editable_by_residents:
        messages.error(request, _("La convention est signée : la proposition ne se modifie plus."))
        return redirect("projects:follow", token=token)
    status = 200
    if request.method == "POST":
        form = ProjectFieldsForm(request.POST, instance=project)
        formset = town_requests_formset(data=request.POST)
        lines_valid = formset.is_valid()
        verdict = public_form_guard(request=request, form=form, scope="project_follow")
        if verdict is Verdict.ROBOT:
            return redirect("projects:follow", token=token)
        if verdict is Verdict.PASSED and lines_valid:
            try:
                project_edit(
                    project=project,
                    data=form.cleaned_data,
                    requests=town_requests_cleaned(formset),
                )
            except ProjectNotEditable as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Vos modifications sont enregistrées."))
            return redirect("projects:follow", token=token)
        if verdict is Verdict.LIMITED:
            status = 429
    else:
        form = ProjectFieldsForm(instance=project)
        formset = town_requests_formset(
            initial=[
                {"kind": line.kind, "description": line.description, "amount": line.amount}
                for line in project.requests.all()
            ]
        )
    return render(
        request,
        "projects/follow_edit.html",
        {"form": form, "formset": formset, "project": project, "token": token},
        status=status,
    )


@require_POST
@carrier_page
def follow_agree(request, project, token, number):
    version = project.agreements.filter(number=number).first()
    if version is None:
        raise Http404
    try:
        agreement_agree(version=version, side=Side.RESIDENTS)
    except AgreementError as error:
        messages.error(request, str(error))
    else:
        version.refresh_from_db()
        if version.is_agreed:
            messages.success(
                request,
                _("Merci : la convention est signée des deux côtés. Elle est téléchargeable."),
            )
        else:
            messages.success(
                request,
                _(
                    "Merci, votre accord est enregistré. La convention sera signée quand la "
                    "ville aura donné le sien sur cette même version."
                ),
            )
    return redirect("projects:follow", token=token)


@require_POST
@carrier_page
def follow_progress(request, project, token):
    form = ProgressForm(request.POST, request.FILES)
    verdict = public_form_guard(request=request, form=form, scope="project_follow")
    if verdict is Verdict.ROBOT:
        return redirect("projects:follow", token=token)
    if verdict is Verdict.PASSED:
        data = form.cleaned_data
        try:
            progress_post(
                project=project,
                side=Side.RESIDENTS,
                text=data["text"],
                happened_on=data["happened_on"],
                photos=data.get("photos") or [],
            )
        except ProgressError as error:
            messages.error(request, str(error))
        except ProjectFilesUnavailable:
            form.add_error(None, STORAGE_DOWN_MESSAGE)
            return _follow_page(request, project, token, forms={"progress": form}, status=503)
        else:
            messages.success(
                request,
                _(
                    "Merci pour ces nouvelles ! Elles paraîtront sur la page du projet une "
                    "fois relues par l'équipe de la ville."
                ),
            )
        return redirect("projects:follow", token=token)
    status = 429 if verdict is Verdict.LIMITED else 200
    return _follow_page(request, project, token, forms={"progress": form}, status=status)


@require_POST
@carrier_page
def follow_report(request, project, token):
    form = ReportForm(request.POST)
    verdict = public_form_guard(request=request, form=form, scope="project_follow")
    if verdict is Verdict.ROBOT:
        return redirect("projects:follow", token=token)
    if verdict is Verdict.PASSED:
        try:
            report_residents_write(project=project, account=form.cleaned_data["residents_account"])
        except ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Merci, votre récit est enregistré dans le bilan."))
        return redirect("projects:follow", token=token)
    status = 429 if verdict is Verdict.LIMITED else 200
    return _follow_page(request, project, token, forms={"report": form}, status=status)


@require_http_methods(["GET", "POST"])
@carrier_page
def withdraw(request, project, token):
    if request.method == "POST":
        project_withdraw(project=project)
        messages.success(request, _("Votre projet est retiré ; vos coordonnées sont effacées."))
        return redirect("projects:follow", token=token)
    return render(request, "projects/withdraw.html", {"project": project, "token": token})
