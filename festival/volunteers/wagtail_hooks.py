"""Volunteer admin: roles, prerequisites, shifts and volunteers as snippets in one
« Bénévoles » menu, and the coordinators' dashboard, rosters and export.

Imported by ``festival/wagtail_hooks.py`` (Wagtail only discovers ``<app>/wagtail_hooks.py``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from festival.models import Prerequisite, Shift, Volunteer, VolunteerRole
from festival.volunteers import admin_views


class VolunteerRoleViewSet(SnippetViewSet):
    model = VolunteerRole
    icon = "tag"
    menu_label = _("Rôles")
    list_display = ["name", "description"]
    search_fields = ["name"]


class PrerequisiteViewSet(SnippetViewSet):
    model = Prerequisite
    icon = "tick-inverse"
    menu_label = _("Prérequis")
    list_display = ["label"]


class ShiftViewSet(SnippetViewSet):
    model = Shift
    icon = "time"
    menu_label = _("Créneaux")
    list_display = ["__str__", "venue", "capacity", "edition"]
    list_filter = ["edition", "role"]
    ordering = ["start"]


class VolunteerViewSet(SnippetViewSet):
    model = Volunteer
    icon = "user"
    menu_label = _("Bénévoles inscrits")
    list_display = ["name", "email", "phone", "first_time", "edition"]
    list_filter = ["edition", "first_time", "contact_next_year"]
    search_fields = ["name", "email"]


class VolunteerGroup(SnippetViewSetGroup):
    items = (ShiftViewSet, VolunteerRoleViewSet, PrerequisiteViewSet, VolunteerViewSet)
    menu_icon = "group"
    menu_label = _("Bénévoles")
    menu_name = "festival-volunteers"
    menu_order = 310


register_snippet(VolunteerGroup)


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_admin_menu_item")
def volunteers_dashboard_menu_item():
    return CoordinatorMenuItem(
        _("Planning des bénévoles"),
        reverse("festival_volunteers_dashboard"),
        icon_name="calendar-alt",
        name="festival-volunteers-dashboard",
        order=311,
    )


@hooks.register("register_admin_urls")
def volunteers_admin_urls():
    return [
        path(
            "festival/benevoles/",
            admin_views.DashboardView.as_view(),
            name="festival_volunteers_dashboard",
        ),
        path(
            "festival/benevoles/creneau/<id:pk>/",
            admin_views.ShiftRosterView.as_view(),
            name="festival_volunteers_shift",
        ),
        path(
            "festival/benevoles/edition/<id:pk>/jour/<str:day>/",
            admin_views.DayRosterView.as_view(),
            name="festival_volunteers_day",
        ),
        path(
            "festival/benevoles/edition/<id:pk>/export.csv",
            admin_views.export_csv,
            name="festival_volunteers_export",
        ),
    ]
