"""What many items refer to: places, themes and collections (snippets editors manage)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class PlaceKind(models.TextChoices):
    PIT = "fosse", _("Fosse (puits de mine)")
    CITE = "cite", _("Cité minière")
    SLAG_HEAP = "terril", _("Terril")
    STREET = "rue", _("Rue ou place")
    BUILDING = "batiment", _("Bâtiment")
    OTHER = "autre", _("Autre lieu")


class Place(index.Indexed, models.Model):
    """A pit, a cité, a slag heap, a street: where memories happened, pinned on the map."""

    name = models.CharField(_("nom"), max_length=255)
    slug = models.SlugField(_("adresse"), max_length=255, unique=True, allow_unicode=False)
    kind = models.CharField(_("nature"), max_length=16, choices=PlaceKind.choices)
    alternative_names = models.TextField(
        _("autres noms"),
        blank=True,
        help_text=_("Un nom par ligne : « Base 11/19 », « Fosse 11/19 »…"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    outline = models.JSONField(
        _("contour"),
        null=True,
        blank=True,
        help_text=_("Pour un terril ou une cité : liste de points [latitude, longitude]."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("kind"),
        FieldPanel("alternative_names"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("outline"),
            ],
            heading=_("Sur la carte"),
        ),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("alternative_names"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def alternative_name_list(self) -> list[str]:
        return [line.strip() for line in self.alternative_names.splitlines() if line.strip()]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class NamedGroup(index.Indexed, models.Model):
    """What items are gathered under, by name: a theme, a collection."""

    name = models.CharField(_("nom"), max_length=255)
    slug = models.SlugField(_("adresse"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(NamedGroup):
    """A subject that crosses places and times: la Sainte-Barbe, les grèves, le travail au fond."""

    class Meta(NamedGroup.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class ArchiveCollection(NamedGroup):
    """A body of items kept together: a festival edition, a family's or an association's fonds."""

    class Meta(NamedGroup.Meta):
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
