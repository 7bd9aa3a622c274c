"""The pages every visitor meets first: the home page and the institutional pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.page_privacy import CachedViewRestrictions
from core.page_routing import route_below
from home.accessibility import accessibility_statement
from home.selectors import home_page_highlights


class HomePage(CachedViewRestrictions, Page):
    """The town's front door: this year's festival, memories worth a look, two calls to act."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    hero_image = models.ForeignKey(
        "media.CustomImage",
        verbose_name=_("image d'en-tête"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Each call leads straight to its action (``home.selectors``): only its words are edited.
    contribute_text = models.TextField(
        _("appel à contribuer"),
        blank=True,
        default="Une photo de la fosse, un souvenir de la cité, la voix d'un mineur : "
        "confiez-les à la mémoire commune.",
    )
    volunteer_text = models.TextField(
        _("appel aux bénévoles"),
        blank=True,
        default="Accueil, buvette, balades sur les terrils : le festival vit grâce à celles "
        "et ceux qui donnent quelques heures.",
    )

    max_count = 1
    subpage_types = [
        "home.StandardPage",
        "archive.ArchiveIndexPage",
        "festival.FestivalIndexPage",
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        # The calls lead to their actions, found by ``home.selectors``: only their text is edited.
        FieldPanel("contribute_text"),
        FieldPanel("volunteer_text"),
    ]

    class Meta:
        verbose_name = _("page d'accueil")

    def route(self, request, path_components):
        # Every page of the site is found from here: the pages on the way read in one query,
        # not two a level (``core.page_routing``).
        if path_components:
            return route_below(self, request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_highlights())
        return context


class StandardPage(CachedViewRestrictions, Page):
    """A page of prose: about, legal notice, privacy policy, accessibility statement."""

    intro = models.TextField(_("chapô"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    subpage_types = ["home.StandardPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The footer's accessibility page carries the statement's checked sections.
        footer = FooterSettings.for_request(request)
        if footer.accessibility_page_id == self.pk:
            context["statement"] = accessibility_statement()
            context["contact_email"] = footer.contact_email
            context["organisation"] = footer.organisation
        return context

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """What the footer says on every page: who runs the site and how to reach them."""

    organisation = models.CharField(
        _("organisme"), max_length=255, default="Ville de Loos-en-Gohelle"
    )
    address = models.TextField(
        _("adresse"), blank=True, default="Place de la République\n62750 Loos-en-Gohelle"
    )
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    legal_page = models.ForeignKey(
        Page,
        verbose_name=_("mentions légales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("politique de confidentialité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("déclaration d'accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        FieldPanel("contact_email"),
        FieldPanel("legal_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("pied de page")
