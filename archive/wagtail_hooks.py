"""The archive in the Wagtail admin: places, themes, collections, and the moderation lists."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from archive.admin_views import ArchiveItemWorkflowActionView
from archive.contributions.admin import (
    AdditionReviewViewSet,
    ContributionActionsViewSet,
    ContributionViewSet,
    PendingContributionsPanel,
    ResidentAdditionViewSet,
    WithdrawalViewSet,
)
from archive.contributions.admin import register_log_actions as register_contribution_log_actions
from archive.models import ArchiveCollection, ArchiveItemPage, Place, Theme
from archive.transcripts import admin as transcripts_admin


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


@hooks.register("construct_homepage_panels")
def add_pending_contributions_panel(request, panels):
    if request.user.has_perm("archive.change_contribution"):
        panels.append(PendingContributionsPanel())


@hooks.register("register_admin_viewset")
def register_contribution_actions_viewset():
    return ContributionActionsViewSet()


@hooks.register("register_admin_viewset")
def register_addition_review_viewset():
    return AdditionReviewViewSet()


class ArchiveItemPageViewSet(PageViewSet):
    """Wagtail's own page views for archive items, but for the workflow action: a refused
    publication says why (see ``ArchiveItemWorkflowActionView``)."""

    model = ArchiveItemPage
    # The explorer keeps listing the archive's items as it does for every page.
    parent_models: list = []

    workflow_action_view_class = ArchiveItemWorkflowActionView


@hooks.register("register_admin_viewset")
def register_archive_item_page_viewset():
    return ArchiveItemPageViewSet()


@hooks.register("register_log_actions")
def register_archive_log_actions(actions):
    register_contribution_log_actions(actions)


# Wagtail discovers only an app's top-level wagtail_hooks: the oral histories admin is the
# transcripts slice's own (archive/transcripts/admin.py) and registers itself from here.
transcripts_admin.register()
