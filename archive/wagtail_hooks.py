"""The archive in the Wagtail admin: places, themes, collections, and the moderation lists."""

from django.middleware.csrf import get_token
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from archive.models import (
    ArchiveCollection,
    ArchiveItemPage,
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
        HelpPanel(template="archive/admin/contribution_actions.html", heading=_("Actions")),
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


class AdditionReviewColumn(Column):
    """Publish / decline buttons in the list itself: each one a small POST form."""

    cell_template_name = "archive/admin/addition_review_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context.get("request")
        if request is not None:
            context["csrf_token"] = get_token(request)
            context["next"] = request.get_full_path()
        return context


class ResidentAdditionViewSet(SnippetViewSet):
    """« Vous reconnaissez quelqu'un ? »: editors publish or decline what residents add."""

    model = ResidentAddition
    icon = "user"
    menu_label = _("Compléments des habitants")
    list_display = [
        "credit_name",
        "item",
        "person_named",
        "status",
        "created_at",
        AdditionReviewColumn("review", label=_("Décision"), accessor="status"),
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["credit_name", "person_named", "comment"]
    ordering = ["-created_at"]
    panels = [
        HelpPanel(template="archive/admin/addition_actions.html", heading=_("Décision")),
        FieldPanel("item", read_only=True),
        FieldPanel("person_named"),
        FieldPanel("date_label"),
        FieldPanel("comment"),
        FieldPanel("credit_name"),
        FieldPanel("email", read_only=True),
        FieldPanel("status", read_only=True),
    ]

    def get_queryset(self, request):
        return ResidentAddition.objects.select_related("item")


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


class PendingContributionsPanel(Component):
    """The editors' dashboard: what residents sent and still waits for a decision."""

    name = "archive_pending_contributions"
    order = 50
    template_name = "archive/admin/pending_panel.html"

    def get_context_data(self, parent_context=None):
        from archive.models import AdditionStatus
        from archive.selectors import (
            MAX_PROCESSING_ATTEMPTS,
            contributions_given_up,
            pending_contributions,
        )

        pending = pending_contributions()
        viewset = ContributionViewSet()
        contributions = list(pending[:8])
        given_up = list(contributions_given_up()[:8])
        for contribution in [*contributions, *given_up]:
            contribution.edit_url = reverse(viewset.get_url_name("edit"), args=[contribution.pk])
        return {
            "contributions": contributions,
            "given_up": given_up,
            "max_attempts": MAX_PROCESSING_ATTEMPTS,
            "total": pending.count(),
            "list_url": reverse(viewset.get_url_name("list")),
            "additions": ResidentAddition.objects.filter(status=AdditionStatus.PENDING).count(),
            "additions_url": reverse(ResidentAdditionViewSet().get_url_name("list")),
        }


@hooks.register("construct_homepage_panels")
def add_pending_contributions_panel(request, panels):
    if request.user.has_perm("archive.change_contribution"):
        panels.append(PendingContributionsPanel())


@hooks.register("register_admin_urls")
def register_archive_admin_urls():
    from archive import admin_views

    urls = [
        path("<id:pk>/refuser/", admin_views.decline, name="decline"),
        path("<id:pk>/rattacher/", admin_views.attach, name="attach"),
        path("<id:pk>/retirer/", admin_views.withdraw, name="withdraw"),
    ]
    addition_urls = [
        path("<id:pk>/publier/", admin_views.addition_publish, name="publish"),
        path("<id:pk>/refuser/", admin_views.addition_decline, name="decline"),
    ]
    return [
        path("archive/contributions/", include((urls, "archive_admin"))),
        path("archive/complements/", include((addition_urls, "archive_additions"))),
    ]


class ArchiveItemPageViewSet(PageViewSet):
    """Wagtail's own page views for archive items, but for the workflow action: a refused
    publication says why (see ``ArchiveItemWorkflowActionView``)."""

    model = ArchiveItemPage
    # The explorer keeps listing the archive's items as it does for every page.
    parent_models: list = []

    @property
    def workflow_action_view_class(self):
        from archive.admin_views import ArchiveItemWorkflowActionView

        return ArchiveItemWorkflowActionView


@hooks.register("register_admin_viewset")
def register_archive_item_page_viewset():
    return ArchiveItemPageViewSet()


@hooks.register("register_log_actions")
def register_archive_log_actions(actions):
    actions.register_action(
        "archive.contribution.decline", _("Contribution refusée"), _("Contribution refusée")
    )
    actions.register_action("archive.withdrawal", _("Retrait effectué"), _("Retrait effectué"))
    actions.register_action(
        "archive.contribution.attach", _("Contribution rattachée"), _("Contribution rattachée")
    )
    actions.register_action(
        "archive.addition.publish", _("Complément publié"), _("Complément publié")
    )
    actions.register_action(
        "archive.addition.decline", _("Complément refusé"), _("Complément refusé")
    )


# The oral histories admin is the transcripts slice's own (archive/transcripts/admin.py),
# handed to Wagtail by ArchiveConfig.ready().
