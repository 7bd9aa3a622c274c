"""The Gohelliades, every year since 1984: editions and their events.

Routable pages delegate each route to a function of ``festival/views.py`` through a declared
seam (a thin method importing the views when a route is served): views read pages, so a
module-level import either way would close an import circle."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.page_privacy import CachedViewRestrictions, public_pages


def _views():
    from festival import views  # noqa: PLC0415 -- thin method: views read pages

    return views


class EditionQuerySet(PageQuerySet):
    def published(self) -> "EditionQuerySet":
        """Editions visitors may see, newest first, their image joined."""
        return public_pages(self.live()).select_related("image").order_by("-year")


class FestivalIndexPage(CachedViewRestrictions, Page):
    """Every edition of the festival, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["festival.EditionPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("index du festival")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = EditionPage.objects.published()
        return context


class EditionPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """One year of the festival: its dates, its theme, its programme.

    Editors add one event page per show, walk or workshop under it; the programme, the map
    and the calendar feed are built from those events."""

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
    partners = RichTextField(
        _("partenaires"), features=["bold", "italic", "link", "ul"], blank=True
    )
    volunteer_call = RichTextField(
        _("appel aux bénévoles"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Quelques lignes pour donner envie de rejoindre l'équipe des bénévoles."),
    )
    archive_collection = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("collection de l'archive"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La page de l'archive qui rassemble les photos et enregistrements."),
    )

    parent_page_types = ["festival.FestivalIndexPage"]
    subpage_types = ["festival.EventPage"]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("theme"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("partners"),
        FieldPanel("volunteer_call"),
        PageChooserPanel("archive_collection"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("theme"), index.SearchField("intro")]

    objects = PageManager.from_queryset(EditionQuerySet)()

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["-year"]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Le dernier jour doit suivre le premier jour (ou être le même).")}
            )

    @property
    def volunteer_signup_url(self) -> str:
        """Where volunteers choose their shifts (the edition as an occasion of the shifts)."""
        return reverse("festival_volunteers:signup", args=[self.year])

    @path("")
    def overview(self, request):
        return _views().edition_overview(request, edition=self)

    @path("programme/")
    def programme(self, request):
        return _views().edition_programme(request, edition=self)

    @path("calendrier/")
    def calendar(self, request):
        return _views().edition_calendar(request, edition=self)

    @path("mon-programme/")
    def my_programme(self, request):
        return _views().edition_my_programme(request, edition=self)

    @path("mon-programme/agenda/")
    def my_calendar(self, request):
        return _views().edition_my_calendar(request, edition=self)


class EventCategory(models.TextChoices):
    CONCERT = "concert", _("Concert")
    THEATRE = "theatre", _("Théâtre")
    EXHIBITION = "exhibition", _("Exposition")
    WALK = "walk", _("Balade")
    WORKSHOP = "workshop", _("Atelier")
    LAND_ART = "land_art", _("Land art")
    TALK = "talk", _("Ch'ti TAIDx talk")
    SCREENING = "screening", _("Projection")
    FEAST = "feast", _("Fête et repas")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Tout public")
    CHILDREN = "children", _("Jeune public")
    FAMILIES = "families", _("En famille")
    ADULTS = "adults", _("Adultes")


class PerformerKind(models.TextChoices):
    RESIDENT = "resident", _("Habitant·e")
    ASSOCIATION = "association", _("Association")
    ARTIST = "artist", _("Artiste")


class EventPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """A show, walk, workshop or talk of one edition, held once or on several dates."""

    category = models.CharField(_("catégorie"), max_length=20, choices=EventCategory.choices)
    summary = models.TextField(
        _("en bref"),
        blank=True,
        help_text=_("Une ou deux phrases pour le programme et le partage."),
    )
    body = RichTextField(
        _("présentation"), features=["bold", "italic", "link", "ul", "ol", "h3"], blank=True
    )
    venue = models.ForeignKey(
        "festival.Venue",
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    audience = models.CharField(
        _("public"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    is_free = models.BooleanField(_("gratuit"), default=True)
    price = models.CharField(
        _("tarif"), max_length=255, blank=True, help_text=_("Par exemple « 5 €, réduit 3 € ».")
    )
    booking_required = models.BooleanField(_("réservation obligatoire"), default=False)
    booking_details = models.TextField(
        _("comment réserver"),
        blank=True,
        help_text=_("Téléphone, adresse, lieu de vente…"),
    )
    booking_url = models.URLField(_("lien de réservation"), blank=True)
    capacity = models.PositiveIntegerField(_("jauge"), null=True, blank=True)
    wheelchair_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    sign_language = models.BooleanField(_("interprété en langue des signes (LSF)"), default=False)
    audio_description = models.BooleanField(_("audiodescription"), default=False)
    quiet_space = models.BooleanField(_("espace calme"), default=False)
    accessibility_notes = models.TextField(_("précisions sur l'accessibilité"), blank=True)
    image = models.ForeignKey(
        "media.CustomImage",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["festival.EditionPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("audience")]),
        FieldPanel("summary"),
        InlinePanel("occurrences", label=_("Dates et horaires"), min_num=1),
        FieldPanel("venue"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldRowPanel([FieldPanel("booking_required"), FieldPanel("capacity")]),
                FieldPanel("booking_details"),
                FieldPanel("booking_url"),
            ],
            heading=_("Tarif et réservation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("wheelchair_access"), FieldPanel("sign_language")]),
                FieldRowPanel([FieldPanel("audio_description"), FieldPanel("quiet_space")]),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibilité"),
        ),
        InlinePanel("performers", label=_("Avec")),
        InlinePanel("gallery_images", label=_("Autres images")),
        InlinePanel("archive_links", label=_("Dans l'archive")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("audience"),
    ]

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        if not self.is_free and not self.price:
            raise ValidationError({"price": _("Indiquez le tarif, ou cochez « gratuit ».")})

    @property
    def has_accessibility_info(self) -> bool:
        return any(
            (
                self.wheelchair_access,
                self.sign_language,
                self.audio_description,
                self.quiet_space,
                self.accessibility_notes.strip(),
            )
        )

    @property
    def accessibility_labels(self) -> list[str]:
        flags = ("wheelchair_access", "sign_language", "audio_description", "quiet_space")
        return [
            str(self._meta.get_field(name).verbose_name) for name in flags if getattr(self, name)
        ]

    @path("")
    def detail(self, request):
        return _views().event_detail(request, event=self)

    @path("agenda/")
    def calendar(self, request):
        return _views().event_calendar(request, event=self)


class EventOccurrence(models.Model):
    """One date of an event; stored in UTC, entered and shown in Europe/Paris."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["start"]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self) -> str:
        return f"{self.event_id} {self.start:%Y-%m-%d %H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("La fin doit venir après le début.")})


class EventPerformer(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="performers")
    name = models.CharField(_("nom"), max_length=255)
    kind = models.CharField(_("qui"), max_length=20, choices=PerformerKind.choices)
    description = models.CharField(_("en quelques mots"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")


class EventGalleryImage(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "media.CustomImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("légende"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class EventArchiveLink(Orderable):
    """An archive item the event grows from or echoes: a memory, a photo, an interview."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="archive_links")
    item = models.ForeignKey(
        "archive.ArchiveItemPage",
        verbose_name=_("élément d'archive"),
        on_delete=models.CASCADE,
        related_name="festival_event_links",
    )

    panels = [PageChooserPanel("item")]
