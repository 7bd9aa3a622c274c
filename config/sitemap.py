"""The sitemap crawlers read: Wagtail's pages, through the archive's one visibility rule, so an
item without web consent is left out in the same single query as every other page; then the
fifty-fifty section (its list, its tally, every public project's page), which is no Wagtail
page and goes through the projects' own rule, ``Project.objects.for_the_public()``; then the
Ch'ti TAIDx (its page, every public evening and talk), through the talks' rules."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from archive.models.pages import pages_for_the_public
from core.links import site_root
from opendata.api.links import public_url
from projects.models import Project
from talks import selectors as talks_selectors
from talks.models import Evening


class SiteAddressMixin:
    """Every address on the configured site (``SITE_URL``), not the host a request or the
    Wagtail ``Site`` row names (a fresh install's is ``localhost``)."""

    def get_protocol(self, protocol=None):
        return urlsplit(site_root()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_root()).netloc


class PublicSitemap(SiteAddressMixin, Sitemap):
    def items(self):
        return pages_for_the_public(super().items())

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = public_url(url["location"])
        return urls


class ProjectSectionSitemap(SiteAddressMixin, DjangoSitemap):
    """The section's own pages: the list of projects and the programme's tally."""

    def items(self):
        return ["projects:list", "projects:tally"]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(SiteAddressMixin, DjangoSitemap):
    """Every public project's page, with the date of its last change."""

    def items(self):
        # A list, not a queryset: the paginator then counts it without a query of its own.
        return list(Project.objects.for_the_public().only("slug", "updated_at").order_by("pk"))

    def lastmod(self, project):
        return project.updated_at


class TalksSectionSitemap(SiteAddressMixin, DjangoSitemap):
    """The Ch'ti TAIDx page and every public evening's page."""

    def items(self):
        evenings = list(Evening.objects.for_the_public().only("slug").order_by("starts_at", "pk"))
        return ["talks:list", *evenings]

    def location(self, item):
        if isinstance(item, str):
            return reverse(item)
        return reverse("talks:evening", kwargs={"slug": item.slug})


class TalkSitemap(SiteAddressMixin, DjangoSitemap):
    """Every public talk's page, with the date of its last change."""

    def items(self):
        return talks_selectors.sitemap_talks()

    def location(self, talk):
        return reverse("talks:talk", kwargs={"slug": talk.evening.slug, "talk_slug": talk.slug})

    def lastmod(self, talk):
        return talk.updated_at


SITEMAPS = {
    "pages": PublicSitemap,
    "projects_section": ProjectSectionSitemap,
    "projects": ProjectSitemap,
    "talks_section": TalksSectionSitemap,
    "talks": TalkSitemap,
}
