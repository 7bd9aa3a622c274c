"""Volunteer admin: roles, prerequisites, shifts and volunteers as snippets in one
« Bénévoles » menu, and the coordinators' tools (dashboard, rosters, export) as one viewset
that owns its URLs under ``/admin/festival/benevoles/``.

Nothing registers on import: ``festival/wagtail_hooks.py`` (the module Wagtail discovers)
registers ``VolunteerGroup`` and ``CoordinationViewSet``, so the whole festival admin is read
in one place."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from festival.volunteers import admin_views
from festival.volunteers.models import Prerequisite, Shift, Volunteer, VolunteerRole


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

    def get_queryset(self, request):
        # A work day's shifts are planned with the work day (``projects/work_day_admin.py``).
        return Shift.objects.filter(edition__isnull=False)


class VolunteerViewSet(SnippetViewSet):
    model = Volunteer
    icon = "user"
    menu_label = _("Bénévoles inscrits")
    list_display = [
        "name",
        "email",
        "phone",
        BooleanColumn("first_time", label=_("Première fois"), sort_key="first_time"),
        "edition",
    ]
    list_filter = ["edition", "first_time", "contact_next_year"]
    search_fields = ["name", "email"]

    def get_queryset(self, request):
        # A work day's volunteers are read on its rosters (``projects/work_day_admin.py``).
        return Volunteer.objects.filter(edition__isnull=False)


class VolunteerGroup(SnippetViewSetGroup):
    items = (ShiftViewSet, VolunteerRoleViewSet, PrerequisiteViewSet, VolunteerViewSet)
    menu_icon = "group"
    menu_label = _("Bénévoles")
    menu_name = "festival-volunteers"
    menu_order = 310


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


class CoordinationViewSet(ViewSet):
    """The coordinators' « Planning des bénévoles »: shown to whoever may read sign-ups."""

    name = "festival_volunteers_admin"
    url_prefix = "festival/benevoles"
    add_to_admin_menu = True
    menu_label = _("Planning des bénévoles")
    menu_icon = "calendar-alt"
    menu_name = "festival-volunteers-dashboard"
    menu_order = 311
    menu_item_class = CoordinatorMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.DashboardView.as_view(), name="dashboard"),
            path("creneau/<id:pk>/", admin_views.ShiftRosterView.as_view(), name="shift"),
            path(
                "edition/<id:pk>/jour/<str:day>/",
                admin_views.DayRosterView.as_view(),
                name="day",
            ),
            path("edition/<id:pk>/export.csv", admin_views.export_csv, name="export"),
        ]
