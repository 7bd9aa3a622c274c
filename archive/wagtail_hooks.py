"""The archive in the Wagtail admin: places, themes, collections, and the moderation lists."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from archive.models import (
    ArchiveCollection,
    Contribution,
    Place,
    ResidentAddition,
    Theme,
    Withdrawal,
)


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Lieux")
    list_display = ["name", "kind", "latitude", "longitude"]
    list_filter = ["kind"]
    search_fields = ["name", "alternative_names"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thèmes")
    list_display = ["name", "slug"]


class CollectionViewSet(SnippetViewSet):
    model = ArchiveCollection
    icon = "folder-open-inverse"
    menu_label = _("Collections")
    list_display = ["name", "slug"]


class ContributionViewSet(SnippetViewSet):
    """Editors see what residents sent; personal data stays in this admin list."""

    model = Contribution
    icon = "mail"
    menu_label = _("Contributions")
    list_display = ["title", "status", "created_at", "item"]
    list_filter = ["status", "is_minor", "licence"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("status", read_only=True), FieldPanel("item", read_only=True)],
            heading=_("Suivi"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("story"),
                FieldPanel("date_label"),
                FieldRowPanel([FieldPanel("place"), FieldPanel("proposed_place")]),
                FieldPanel("themes"),
            ],
            heading=_("Ce qui a été raconté"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("full_name", read_only=True),
                FieldPanel("name_display", read_only=True),
                FieldPanel("pseudonym", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
            ],
            heading=_("Personne (données privées)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("allow_web", read_only=True),
                FieldPanel("allow_festival", read_only=True),
                FieldPanel("allow_research", read_only=True),
                FieldPanel("licence", read_only=True),
                FieldPanel("image_rights_attested", read_only=True),
                FieldPanel("is_minor", read_only=True),
                FieldPanel("parent_name", read_only=True),
                FieldPanel("parent_consent", read_only=True),
                FieldPanel("embargo_until", read_only=True),
                FieldPanel("consented_at", read_only=True),
            ],
            heading=_("Consentement"),
        ),
        FieldPanel("editor_message"),
    ]


class ResidentAdditionViewSet(SnippetViewSet):
    model = ResidentAddition
    icon = "user"
    menu_label = _("Compléments des habitants")
    list_display = ["credit_name", "item", "status", "created_at"]
    list_filter = ["status"]
    ordering = ["-created_at"]


class WithdrawalViewSet(SnippetViewSet):
    model = Withdrawal
    icon = "bin"
    menu_label = _("Retraits")
    list_display = ["withdrawn_at", "initiated_by", "had_published_item"]
    inspect_view_enabled = True


class ArchiveGroup(SnippetViewSetGroup):
    menu_label = _("Archive")
    menu_icon = "folder-inverse"
    menu_order = 250
    items = (
        ContributionViewSet,
        ResidentAdditionViewSet,
        PlaceViewSet,
        ThemeViewSet,
        CollectionViewSet,
        WithdrawalViewSet,
    )


register_snippet(ArchiveGroup)
