"""The timeline's pages, routed by the archive's index (``frise/`` and ``frise/<year>/``)."""

from django.core.paginator import Paginator
from django.http import Http404

from archive.timeline.selectors import (
    decade_of,
    items_for_year,
    timeline,
    timeline_chart,
)
from archive.views import ITEMS_PER_PAGE


def timeline_page(request, *, index):
    decades = timeline()
    return index.render(
        request,
        template="archive/timeline/timeline.html",
        context_overrides={"decades": decades, "chart": timeline_chart(decades=decades)},
    )


def timeline_year_page(request, *, index, year: int):
    """One year's items, with its decade's other years to move along the timeline."""
    decade = next((d for d in timeline() if d.decade == decade_of(year)), None)
    entry = next((y for y in decade.years if y.year == year), None) if decade else None
    if entry is None:
        raise Http404
    page_obj = Paginator(items_for_year(year=year), ITEMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return index.render(
        request,
        template="archive/timeline/year.html",
        context_overrides={"decade": decade, "entry": entry, "page_obj": page_obj},
    )
