"""The archive's entrance page and the ways to browse it (themes, places, decades,
collections); the reads are ``archive.selectors``, the one rule of what the public sees."""

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from archive.contributions.models import Withdrawal
from archive.selectors import (
    collection_by_slug,
    collections_with_counts,
    decades_with_counts,
    featured_items,
    items_for_collection,
    items_for_decade,
    items_for_place,
    items_for_theme,
    place_by_slug,
    places_with_counts,
    recent_items,
    theme_by_slug,
    themes_with_counts,
)


class ArchiveIndexPage(RoutablePageMixin, Page):
    """The entrance to the archive: featured items, recent additions, and the ways to browse
    (themes, places on a map, decades, collections)."""

    intro = models.TextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["archive.ArchiveItemPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("index de l'archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_items"] = featured_items(limit=6)
        context["recent_items"] = recent_items(limit=12)
        return context

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

    # Browsing: these addresses come before items' own slugs.

    @path("themes/", name="themes")
    def themes_view(self, request):
        return self.render(
            request,
            template="archive/browse_themes.html",
            context_overrides={"themes": themes_with_counts()},
        )

    @path("themes/<slug:slug>/", name="theme")
    def theme_view(self, request, slug):
        theme = theme_by_slug(slug=slug)
        return self._list(
            request, title=theme.name, intro=theme.description, items=items_for_theme(theme=theme)
        )

    @path("lieux/", name="places")
    def places_view(self, request):
        places = places_with_counts()
        return self.render(
            request,
            template="archive/browse_places.html",
            context_overrides={"places": places},
        )

    @path("lieux/<slug:slug>/", name="place")
    def place_view(self, request, slug):
        place = place_by_slug(slug=slug)
        return self._list(
            request,
            title=place.name,
            intro=place.description,
            items=items_for_place(place=place),
            place=place,
        )

    @path("decennies/", name="decades")
    def decades_view(self, request):
        return self.render(
            request,
            template="archive/browse_decades.html",
            context_overrides={"decades": decades_with_counts()},
        )

    @re_path(r"^decennies/(?P<decade>\d{4})/$", name="decade")
    def decade_view(self, request, decade):
        decade = int(decade)
        if decade % 10:
            raise Http404
        return self._list(
            request,
            title=_("Les années %(decade)s") % {"decade": decade},
            intro="",
            items=items_for_decade(decade=decade),
        )

    @path("collections/", name="collections")
    def collections_view(self, request):
        return self.render(
            request,
            template="archive/browse_collections.html",
            context_overrides={"collections": collections_with_counts()},
        )

    @path("collections/<slug:slug>/", name="collection")
    def collection_view(self, request, slug):
        collection = collection_by_slug(slug=slug)
        return self._list(
            request,
            title=collection.name,
            intro=collection.description,
            items=items_for_collection(collection=collection),
        )

    def _list(self, request, *, title, intro, items, **extra):
        page_obj = Paginator(items, 24).get_page(request.GET.get("page"))
        return self.render(
            request,
            template="archive/browse_items.html",
            context_overrides={
                "list_title": title,
                "list_intro": intro,
                "page_obj": page_obj,
                **extra,
            },
        )
