"""The memory archive: items residents and the town keep of the pits and the cités."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.permissions import policy_registry
from wagtail.query import PageQuerySet
from wagtail.search import index

from archive.contributions.models import Contribution
from archive.contributions.selectors import items_not_for_the_web
from archive.dates import parse_fuzzy_date, year_range
from archive.publication import item_publication_problems
from core.blocks import BodyBlock
from core.page_privacy import CachedViewRestrictions, public_pages
from media.models import Licence


def _views():
    from archive import views  # noqa: PLC0415 -- thin method: views read pages

    return views


class ItemKind(models.TextChoices):
    MEMORY = "memory", _("Souvenir écrit")
    PHOTO = "photo", _("Photographie")
    ORAL_HISTORY = "oral_history", _("Témoignage oral")
    OBJECT = "object", _("Objet ou document")


class ItemSource(models.TextChoices):
    CONTRIBUTION = "contribution", _("Contribution d'un habitant")
    DONATION = "donation", _("Don")
    FESTIVAL_RECORDING = "festival", _("Enregistrement au festival")
    EDITORIAL = "editorial", _("Rédaction de l'archive")


class PublicationRefused(PermissionDenied):
    """Publishing an item was refused: no consent for the web, or an image without alt text."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(problem.message for problem in problems))


class ArchiveItemPageForm(WagtailAdminPageForm):
    """The editor's form: publishing (or approving) checks consent and alt text first, and
    says next to the image which one lacks its description. Saving a draft is never held."""

    def _is_publishing(self) -> bool:
        return bool(
            self.data.get("action-publish")
            or (
                self.data.get("action-workflow-action")
                and self.data.get("workflow-action-name") == "approve"
            )
        )

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_bound or not self._is_publishing():
            return cleaned_data
        gallery_forms, gallery_images = [], []
        formset = self.formsets.get("gallery_images")
        if formset is not None:
            for form in formset.forms:
                if not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                gallery_forms.append(form)
                gallery_images.append(form.cleaned_data.get("image"))
        problems = item_publication_problems(
            item=self.instance,
            cover_image=cleaned_data.get("cover_image"),
            gallery_images=gallery_images,
        )
        for problem in problems:
            if problem.field == "gallery_images":
                gallery_forms[problem.position].add_error("image", problem.message)
            elif problem.field in self.fields:
                self.add_error(problem.field, problem.message)
            else:
                self.add_error(None, problem.message)
        return cleaned_data


class PublicationChecksPanel(HelpPanel):
    """Tells the editor, before they approve from anywhere, what would stop publication."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "archive/admin/publication_checks.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        @cached_property
        def problems(self) -> list:
            instance = self.instance
            return item_publication_problems(item=instance) if instance and instance.pk else []

        def is_shown(self) -> bool:
            return bool(self.problems) and super().is_shown()

        @cached_property
        def _gallery(self) -> list:
            return [entry.image for entry in self.instance.gallery_images.all()]

        def _image_to_describe(self, problem):
            """The image ``problem`` is about, if the editor may describe it."""
            if problem.field == "cover_image":
                image = self.instance.cover_image
            elif problem.field == "gallery_images":
                image = self._gallery[problem.position]
            else:
                return None
            permission_policy = policy_registry.get_by_type(get_image_model())
            user = getattr(self.request, "user", None)
            if image is None or not permission_policy.user_has_permission_for_instance(
                user, "change", image
            ):
                return None
            return image

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # The image's page in the library sends the editor back to this item once saved.
            back = urlencode({"next": reverse("wagtailadmin_pages:edit", args=[self.instance.pk])})
            context["problems"] = []
            for problem in self.problems:
                image = self._image_to_describe(problem)
                context["problems"].append(
                    {
                        "message": problem.message,
                        "image": image,
                        "image_edit_url": (
                            f"{reverse('wagtailimages:edit', args=[image.pk])}?{back}"
                            if image
                            else ""
                        ),
                    }
                )
            return context


def pages_for_the_public(pages: PageQuerySet) -> PageQuerySet:
    """The one rule of what the public sees of the archive, for every channel (pages, lists,
    counts, search and autocomplete, sitemap, transcripts, captions, additions): live (not a
    draft, in moderation, scheduled or under embargo), public (no view restriction on the item
    or above it), and every contributor allowed the web (never « recherche seule »). A
    withdrawn item is deleted. Any pages may go through it (the sitemap's are all the site's);
    only archive items have a consent to lose. The item's own page applies the same parts
    through Wagtail (routing, privacy) and ``ArchiveItemPage.serve`` (consent).

    Publishing an item without web consent is refused (``item_publication_problems``); this
    keeps it out of every page, list and index even if it went live some other way."""
    return public_pages(pages.live()).exclude(pk__in=items_not_for_the_web())


def item_relations() -> tuple:
    """What an item's page and its records (Dublin Core, structured data, feeds, IIIF) read of
    its relations, to prefetch in one query each."""
    return (
        "themes",
        "places",
        Prefetch("contributions", queryset=Contribution.objects.order_by("pk")),
        "festival_event_links__event",
    )


class ArchiveItemQuerySet(PageQuerySet):
    def for_the_public(self) -> "ArchiveItemQuerySet":
        """Items the public sees (``pages_for_the_public``), read through
        ``archive.selectors.public_items``."""
        return pages_for_the_public(self)


class ArchiveItemPage(CachedViewRestrictions, Page):
    """One memory, photo, interview or object, with what is known of its date and origin.

    Never holds personal data beyond the display name the contributor chose (``credit``)
    and the names of people who agreed to be named."""

    kind = models.CharField(_("nature"), max_length=20, choices=ItemKind.choices)
    summary = models.TextField(_("résumé"), blank=True)
    story = StreamField(BodyBlock(), verbose_name=_("récit"), blank=True)
    date_label = models.CharField(
        _("date telle qu'on la dit"),
        max_length=64,
        blank=True,
        help_text=_("« 12 mai 1968 », « été 1975 », « vers 1960 », « années 1950 »…"),
    )
    # The sortable range, filled from the words when they are understood.
    date_start = models.DateField(_("au plus tôt"), null=True, blank=True, db_index=True)
    date_end = models.DateField(_("au plus tard"), null=True, blank=True)
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
    media_file = models.ForeignKey(
        "media.MediaFile",
        verbose_name=_("son ou vidéo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    places = ParentalManyToManyField(
        "archive.Place", verbose_name=_("lieux"), blank=True, related_name="items"
    )
    themes = ParentalManyToManyField(
        "archive.Theme", verbose_name=_("thèmes"), blank=True, related_name="items"
    )
    collection = models.ForeignKey(
        "archive.ArchiveCollection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    people_named = models.TextField(
        _("personnes nommées"),
        blank=True,
        help_text=_("Une par ligne, seulement avec leur accord (ou celui de leur famille)."),
    )
    related_items = ParentalManyToManyField(
        "self", verbose_name=_("éléments liés"), blank=True, symmetrical=False
    )
    source = models.CharField(
        _("provenance"), max_length=16, choices=ItemSource.choices, default=ItemSource.EDITORIAL
    )
    credit = models.CharField(_("crédit"), max_length=255, blank=True)
    licence = models.CharField(
        _("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY
    )
    featured = models.BooleanField(_("à la une"), default=False)

    objects = PageManager.from_queryset(ArchiveItemQuerySet)()

    base_form_class = ArchiveItemPageForm
    parent_page_types = ["archive.ArchiveIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        PublicationChecksPanel(heading=_("Avant publication")),
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
        InlinePanel("gallery_images", label=_("Galerie")),
        FieldPanel("media_file"),
        MultiFieldPanel(
            [
                FieldPanel("places"),
                FieldPanel("themes"),
                FieldPanel("collection"),
                FieldPanel("people_named"),
                FieldPanel("related_items"),
            ],
            heading=_("Classement"),
        ),
        FieldRowPanel([FieldPanel("source"), FieldPanel("credit"), FieldPanel("licence")]),
        FieldPanel("featured"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("story"),
        index.FilterField("kind"),
        index.FilterField("date_start"),
    ]

    class Meta:
        verbose_name = _("élément d'archive")
        verbose_name_plural = _("éléments d'archive")
        indexes = [
            # The home page's « à la une »: the few featured items, not a walk through all.
            models.Index(
                fields=["page_ptr"], condition=Q(featured=True), name="archive_item_featured"
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        """Besides the item: gallery, places, themes, related items, additions
        (``archive.views.item_page_context``)."""
        context = super().get_context(request, *args, **kwargs)
        context.update(_views().item_page_context(item=self))
        return context

    def publish(self, revision, *args, **kwargs):
        """Every way of publishing (workflow approval, schedule, code) checks consent and alt
        text; the editor's form shows the same reasons next to the fields."""
        problems = item_publication_problems(item=revision.as_object())
        if problems:
            raise PublicationRefused(problems)
        return super().publish(revision, *args, **kwargs)

    @property
    def allowed_on_the_web(self) -> bool:
        """Whether every contribution it was made from allows the public site."""
        return not items_not_for_the_web().filter(item_id=self.pk).exists()

    def serve(self, request, *args, **kwargs):
        # Live without the web consent (it can only have been forced): never shown. Previews
        # for editors go through ``serve_preview``, not here.
        if not self.allowed_on_the_web:
            raise Http404
        # Read once for the page and its structured data (``opendata_head``) alike.
        prefetch_related_objects([self], *item_relations())
        return super().serve(request, *args, **kwargs)

    @property
    def consultation_only(self) -> bool:
        """« Tous droits réservés »: shown on the site, never offered as a download."""
        return self.licence == Licence.ALL_RIGHTS_RESERVED

    def full_clean(self, *args, **kwargs):
        self.fill_date_range()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.fill_date_range()
        return super().save(*args, **kwargs)

    def fill_date_range(self) -> None:
        """Keep the sortable range in step with the words, or with the years if given alone."""
        fuzzy = parse_fuzzy_date(self.date_label)
        if fuzzy is None and self.year_start:
            fuzzy = year_range(self.year_start, self.year_end or self.year_start)
        if fuzzy is None:
            self.date_start = self.date_end = None
            return
        self.date_start, self.date_end = fuzzy.start, fuzzy.end
        self.year_start, self.year_end = fuzzy.start.year, fuzzy.end.year

    @property
    def decade(self) -> int | None:
        return self.date_start.year // 10 * 10 if self.date_start else None

    @property
    def people_named_list(self) -> list[str]:
        return [line.strip() for line in self.people_named.splitlines() if line.strip()]


class ArchiveItemImage(Orderable):
    """One picture of an item's gallery, with its caption."""

    page = ParentalKey(ArchiveItemPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "media.CustomImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("légende"), max_length=500, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("image de la galerie")
