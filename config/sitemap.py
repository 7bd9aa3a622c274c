"""The sitemap crawlers read: Wagtail's, through the archive's one visibility rule, so an item
without web consent is left out in the same single query as every other page."""

from wagtail.contrib.sitemaps import Sitemap

from archive.models.pages import pages_for_the_public


class PublicSitemap(Sitemap):
    def items(self):
        return pages_for_the_public(super().items())
