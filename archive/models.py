"""The memory archive: items residents and the town keep of the pits and the cités."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from media.models import Licence


class ArchiveIndexPage(Page):
    """The entrance to the archive: featured items and recent additions."""

    intro = models.TextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["archive.ArchiveItemPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("index de l'archive")

    def get_context(self, request, *args, **kwargs):
        from archive.selectors import featured_items, recent_items

        context = super().get_context(request, *args, **kwargs)
        context["featured_items"] = featured_items(limit=6)
        context["recent_items"] = recent_items(limit=12)
        return context


class ItemKind(models.TextChoices):
    MEMORY = "memory", _("Souvenir écrit")
    PHOTO = "photo", _("Photographie")
    ORAL_HISTORY = "oral_history", _("Témoignage oral")
    OBJECT = "object", _("Objet ou document")


class ArchiveItemPage(Page):
    """One memory, photo, interview or object, with what is known of its date and origin."""

    kind = models.CharField(_("nature"), max_length=20, choices=ItemKind.choices)
    summary = models.TextField(_("résumé"), blank=True)
    story = StreamField(BodyBlock(), verbose_name=_("récit"), blank=True)
    date_label = models.CharField(
        _("date telle qu'on la dit"),
        max_length=64,
        blank=True,
        help_text=_("« 12 mai 1968 », « été 1975 », « vers 1960 », « années 1950 »…"),
    )
    year_start = models.PositiveSmallIntegerField(_("de l'année"), null=True, blank=True)
    year_end = models.PositiveSmallIntegerField(_("à l'année"), null=True, blank=True)
    cover_image = models.ForeignKey(
        "media.CustomImage",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credit = models.CharField(_("crédit"), max_length=255, blank=True)
    licence = models.CharField(
        _("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY
    )
    featured = models.BooleanField(_("à la une"), default=False)

    parent_page_types = ["archive.ArchiveIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("story"),
        MultiFieldPanel(
            [
                FieldPanel("date_label"),
                FieldRowPanel([FieldPanel("year_start"), FieldPanel("year_end")]),
            ],
            heading=_("Date"),
        ),
        FieldPanel("cover_image"),
        FieldRowPanel([FieldPanel("credit"), FieldPanel("licence")]),
        FieldPanel("featured"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("story"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("élément d'archive")
        verbose_name_plural = _("éléments d'archive")
