"""The Gohelliades, every year since 1984: editions and what they offer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class FestivalIndexPage(Page):
    """Every edition of the festival, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["festival.EditionPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("index du festival")

    def get_context(self, request, *args, **kwargs):
        from festival.selectors import published_editions

        context = super().get_context(request, *args, **kwargs)
        context["editions"] = published_editions()
        return context


class EditionPage(Page):
    """One year of the festival: its dates, its theme, its programme."""

    year = models.PositiveSmallIntegerField(_("année"), unique=True)
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    theme = models.CharField(_("thème"), max_length=255, blank=True)
    intro = RichTextField(_("présentation"), features=["bold", "italic", "link"], blank=True)
    image = models.ForeignKey(
        "media.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["festival.FestivalIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("theme"),
        FieldPanel("intro"),
        FieldPanel("image"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("theme"), index.SearchField("intro")]

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["-year"]
