"""The archive's entrance page and the ways to browse it (themes, places, decades,
collections): its routes hand over to ``archive.views``, which read ``archive.selectors``.

Views and selectors read pages, so the page reaches them through one declared seam each
(imported when a page is served), as the festival's pages do."""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from archive.contributions.models import Withdrawal
from core.page_privacy import CachedViewRestrictions


def _views():
    from archive import views  # noqa: PLC0415 -- thin method: views read pages

    return views


def _timeline_views():
    from archive.timeline import views  # noqa: PLC0415 -- thin method: views read pages

    return views


def _selectors():
    from archive import selectors  # noqa: PLC0415 -- thin method: selectors read pages

    return selectors


class ArchiveIndexPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """The entrance to the archive: featured items, recent additions, and the ways to browse
    (themes, places on a map, decades, collections, the timeline)."""

    intro = models.TextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["archive.ArchiveItemPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("index de l'archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_items"] = _selectors().featured_items(limit=6)
        context["recent_items"] = _selectors().recent_items(limit=12)
        return context

    # When the next slug names a child, it is routed to as Wagtail does (``core.page_routing``).
    ROUTES_FOUND_CHILD_AS_WAGTAIL = True

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            # A withdrawn item's address says so (410), rather than "never existed" (404).
            if (
                len(path_components) == 1
                and Withdrawal.objects.filter(
                    url_path=f"{self.url_path}{path_components[0]}/"
                ).exists()
            ):
                return RouteResult(self, args=(self.serve_withdrawn, (), {}))
            raise

    def serve_withdrawn(self, request):
        return TemplateResponse(
            request, "archive/withdrawn.html", {"page": self, "self": self}, status=410
        )

    # Browsing (``archive.views``): these addresses come before items' own slugs.

    @path("themes/", name="themes")
    def themes_view(self, request):
        return _views().browse_themes(request, index=self)

    @path("themes/<slug:slug>/", name="theme")
    def theme_view(self, request, slug):
        return _views().browse_theme(request, index=self, slug=slug)

    @path("lieux/", name="places")
    def places_view(self, request):
        return _views().browse_places(request, index=self)

    @path("lieux/<slug:slug>/", name="place")
    def place_view(self, request, slug):
        return _views().browse_place(request, index=self, slug=slug)

    @path("decennies/", name="decades")
    def decades_view(self, request):
        return _views().browse_decades(request, index=self)

    @re_path(r"^decennies/(?P<decade>\d{4})/$", name="decade")
    def decade_view(self, request, decade):
        return _views().browse_decade(request, index=self, decade=int(decade))

    @path("frise/", name="timeline")
    def timeline_view(self, request):
        return _timeline_views().timeline_page(request, index=self)

    @re_path(r"^frise/(?P<year>\d{4})/$", name="timeline_year")
    def timeline_year_view(self, request, year):
        return _timeline_views().timeline_year_page(request, index=self, year=int(year))

    @path("collections/", name="collections")
    def collections_view(self, request):
        return _views().browse_collections(request, index=self)

    @path("collections/<slug:slug>/", name="collection")
    def collection_view(self, request, slug):
        return _views().browse_collection(request, index=self, slug=slug)

    @path("natures/", name="kinds")
    def kinds_view(self, request):
        return _views().browse_kinds(request, index=self)

    @path("natures/<slug:slug>/", name="kind")
    def kind_view(self, request, slug):
        return _views().browse_kind(request, index=self, slug=slug)
