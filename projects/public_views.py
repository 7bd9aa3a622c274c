"""What visitors see of the fifty-fifty: the list, a project's page, the agreed version as a
PDF, the tally, the open data and the work days' calendar. Reads live in ``selectors``."""

from csp import constants as csp
from csp.decorators import csp_replace
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.links import site_root
from projects import selectors
from projects.calendar import work_days_ical
from projects.opendata import projects_csv, projects_json
from projects.pdf import agreement_pdf
from projects.tally import programme_tally, tally_chart_svg

PROJECTS_PER_PAGE = 20


def _root(request) -> str:
    return site_root(request.build_absolute_uri("/"))


@require_safe
def project_list(request):
    filters = selectors.ProjectFilters.from_query(request.GET)
    page_obj = Paginator(selectors.public_projects(filters=filters), PROJECTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    projects = list(page_obj)
    # The filters ride along the pagination links.
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/public/list.html",
        {
            "page_obj": page_obj,
            "projects": [(project, selectors.project_where(project)) for project in projects],
            "pins": selectors.project_pins(projects),
            "filters": filters,
            "choices": selectors.project_filter_choices(),
            "filter_query": query.urlencode(),
        },
    )


@require_safe
def project_detail(request, slug: str):
    project = selectors.public_project(slug=slug)
    if project is None:
        # Withdrawn by its carriers: the address says so (410) rather than "never existed".
        trace = selectors.withdrawn_project_trace(slug=slug)
        if trace is not None:
            return render(
                request, "projects/public/withdrawn.html", {"decisions": trace}, status=410
            )
        raise Http404
    return render(
        request,
        "projects/public/detail.html",
        {
            "project": project,
            "where": selectors.project_where(project),
            "pins": selectors.project_pins([project]),
            **selectors.project_page_data(project=project),
        },
    )


@require_safe
def project_agreement_pdf(request, slug: str, number: int):
    project = selectors.public_project(slug=slug)
    version = project and selectors.agreed_version_numbered(project=project, number=number)
    if not version:
        raise Http404
    content = agreement_pdf(
        version=version, page_url=f"{_root(request)}{project.get_absolute_url()}"
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="convention-{project.slug}-v{version.number}.pdf"'
    )
    return response


@require_safe
def tally(request):
    return render(request, "projects/public/tally.html", {"tally": programme_tally()})


# The chart is an image: matplotlib writes its colours as inline styles, which the site's
# policy refuses in pages; this response holds no script, only the drawing.
@require_safe
@csp_replace({"style-src": [csp.SELF, csp.UNSAFE_INLINE]})
def tally_chart(request):
    return HttpResponse(tally_chart_svg(tally=programme_tally()), content_type="image/svg+xml")


@require_safe
def opendata_csv(request):
    response = HttpResponse(
        projects_csv(site_root=_root(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="projets-fifty-fifty.csv"'
    return response


@require_safe
def opendata_json(request):
    return HttpResponse(
        projects_json(site_root=_root(request)), content_type="application/json; charset=utf-8"
    )


@require_safe
def work_days_calendar(request):
    content = work_days_ical(
        work_days=selectors.upcoming_public_work_days(), site_root=_root(request)
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="chantiers-fifty-fifty.ics"'
    return response
