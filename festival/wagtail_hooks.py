"""Festival admin: venues as snippets, the programme with its gaps, preparing next year, and
the volunteer shifts' admin (``festival/volunteers/admin.py``), registered here because
Wagtail discovers ``<app>/wagtail_hooks.py`` modules only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from festival.admin_views import PrepareNextEditionView, ProgrammeAdminView
from festival.models import EditionPage, Venue
from festival.volunteers.admin import CoordinationViewSet, VolunteerGroup


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux du festival")
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "name",
        "address",
        BooleanColumn(
            "wheelchair_accessible",
            label=_("Accessible en fauteuil roulant"),
            sort_key="wheelchair_accessible",
        ),
    ]
    search_fields = ["name", "address"]


register_snippet(VenueViewSet)
register_snippet(VolunteerGroup)


class EditionToolsViewSet(ViewSet):
    """An edition's programme with its gaps, and preparing the next one (page buttons)."""

    name = "festival_editions"
    url_prefix = "festival/editions"

    def get_urlpatterns(self):
        return [
            path("<id:pk>/programme/", ProgrammeAdminView.as_view(), name="programme"),
            path(
                "<id:pk>/preparer-la-suivante/",
                PrepareNextEditionView.as_view(),
                name="prepare_next",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_festival_viewsets():
    return [EditionToolsViewSet(), CoordinationViewSet()]


def _edition_buttons(page, user, priority: int):
    if not issubclass(page.specific_class or type(page), EditionPage):
        return
    if page.permissions_for_user(user).can_edit():
        yield Button(
            _("Programme et manques"),
            url=reverse("festival_editions:programme", args=[page.pk]),
            icon_name="list-ul",
            priority=priority,
        )
    if page.get_parent().permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Préparer l'édition suivante"),
            url=reverse("festival_editions:prepare_next", args=[page.pk]),
            icon_name="copy",
            priority=priority + 1,
        )


@hooks.register("register_page_header_buttons")
def edition_header_buttons(page, user, view_name=None, next_url=None):
    yield from _edition_buttons(page, user, priority=35)


@hooks.register("register_page_listing_more_buttons")
def edition_listing_buttons(page, user, next_url=None):
    yield from _edition_buttons(page, user, priority=25)
