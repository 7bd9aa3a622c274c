"""Where the festival happens: places referenced by events (and by volunteer shifts)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class Venue(index.Indexed, models.Model):
    """A place of the festival: an editor enters it once, every edition reuses it."""

    name = models.CharField(_("nom"), max_length=255)
    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=80,
        unique=True,
        help_text=_("Utilisé dans les filtres du programme, par exemple « base-11-19 »."),
    )
    description = models.TextField(_("présentation"), blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, default="62750")
    town = models.CharField(_("commune"), max_length=100, default="Loos-en-Gohelle")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    wheelchair_accessible = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    accessibility_details = models.TextField(
        _("informations d'accessibilité"),
        blank=True,
        help_text=_(
            "Accès, stationnement, toilettes adaptées, sol, pente, boucle magnétique… "
            "Ce qu'une personne doit savoir avant de venir."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse et position"),
        ),
        MultiFieldPanel(
            [FieldPanel("wheelchair_accessible"), FieldPanel("accessibility_details")],
            heading=_("Accessibilité"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("address"),
    ]

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def full_address(self) -> str:
        return ", ".join(part for part in (self.address, f"{self.postcode} {self.town}") if part)

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None
