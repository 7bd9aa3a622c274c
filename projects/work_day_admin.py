"""Work days in the Wagtail admin: the town's team plans a project's « chantiers
participatifs » and their shifts (time, role, places), and reads who comes on each shift.

Rights follow the work day: reading a work day's rosters needs ``projects.view_workday``,
acting on them (attendance, pairs, a message to the team) ``projects.change_workday``;
planning a work day's shifts uses their own rights (``projects.*_workdayshift``, a proxy of
the festival's shifts): the team never gets the festival's shift rights. Registered by
``projects/wagtail_hooks.py``."""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from festival.formats import fr_day
from festival.volunteers.admin_views import ShiftRosterView
from festival.volunteers.models import HOLDING_STATUSES, Shift
from projects.models import WorkDay, WorkDayShift

VIEW_PERMISSION = "projects.view_workday"
CHANGE_PERMISSION = "projects.change_workday"


def shifts_url(work_day_id: int) -> str:
    """The list of one work day's shifts."""
    return f"{reverse('work_day_shifts:index')}?work_day={work_day_id}"


def add_shift_url(work_day_id: int) -> str:
    """A new shift, its work day already chosen."""
    return f"{reverse('work_day_shifts:add')}?work_day={work_day_id}"


class WorkDayIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("project")
            .annotate(shift_count=Count("shifts"))
        )


class WorkDayViewSet(ModelViewSet):
    model = WorkDay
    name = "work_days"
    url_prefix = "projets/chantiers"
    icon = "calendar"
    menu_label = gettext_lazy("Chantiers")
    index_view_class = WorkDayIndexView
    list_filter = ["project"]
    ordering = ["-date", "-pk"]
    list_display = [
        TitleColumn("title", label=gettext_lazy("Chantier"), url_name="work_days:edit"),
        Column("project", label=gettext_lazy("Projet")),
        Column("date", label=gettext_lazy("Date")),
        TitleColumn(
            "shift_count",
            label=gettext_lazy("Créneaux et équipes"),
            get_url=lambda work_day: shifts_url(work_day.pk),
        ),
        TitleColumn(
            "add_shift",
            label=gettext_lazy("Nouveau créneau"),
            accessor=lambda work_day: _("Ajouter un créneau"),
            get_url=lambda work_day: add_shift_url(work_day.pk),
        ),
    ]
    panels = [
        FieldPanel("project"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("meeting_point")]),
        FieldPanel("volunteer_call"),
    ]


class WorkDayShiftForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only work days here: the festival's shifts are planned with their edition.
        self.fields["work_day"].required = True
        self.fields["work_day"].queryset = WorkDay.objects.select_related("project")

    def clean(self):
        cleaned = super().clean()
        work_day, start = cleaned.get("work_day"), cleaned.get("start")
        if work_day and start and timezone.localdate(start) != work_day.date:
            self.add_error(
                "start",
                _("Le créneau doit avoir lieu le jour du chantier (%(day)s).")
                % {"day": fr_day(work_day.date)},
            )
        return cleaned


class WorkDayShiftCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("work_day", "")
        if wanted.isdigit():
            initial["work_day"] = int(wanted)
        return initial


class WorkDayShiftIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("role", "work_day__project")
            .annotate(taken=Count("signups", filter=Q(signups__status__in=HOLDING_STATUSES)))
        )


def _places(shift: Shift) -> str:
    return _("%(taken)s sur %(capacity)s") % {"taken": shift.taken, "capacity": shift.capacity}


class WorkDayShiftViewSet(ModelViewSet):
    """A work day's shifts, each with the team that signed up (the roster)."""

    model = WorkDayShift
    name = "work_day_shifts"
    url_prefix = "projets/chantiers/creneaux"
    icon = "time"
    menu_label = gettext_lazy("Créneaux des chantiers")
    index_view_class = WorkDayShiftIndexView
    add_view_class = WorkDayShiftCreateView
    add_to_reference_index = False
    list_filter = ["work_day"]
    ordering = ["start"]
    list_display = [
        TitleColumn("__str__", label=gettext_lazy("Créneau"), url_name="work_day_shifts:edit"),
        Column("work_day", label=gettext_lazy("Chantier")),
        TitleColumn(
            "places",
            label=gettext_lazy("Places prises (voir l'équipe)"),
            accessor=_places,
            url_name="work_day_shifts:roster",
        ),
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("work_day"), FieldPanel("role")]),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("capacity")]),
            FieldPanel("notes"),
        ],
        base_form_class=WorkDayShiftForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/equipe/", WorkDayRosterView.as_view(), name="roster"),
        ]


class WorkDayRosterView(ShiftRosterView):
    """The festival's roster (attendance, pairs, a message to the team), for a work day's
    shift and under the work day's rights."""

    occasion_key = "work_day"
    view_permission = VIEW_PERMISSION
    change_permission = CHANGE_PERMISSION

    def get_day_url(self) -> str:
        return shifts_url(self.shift.work_day_id)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("work_days:index"), "label": _("Chantiers")},
            {"url": self.get_day_url(), "label": str(self.shift.work_day)},
            {"url": "", "label": self.get_page_title()},
        ]


class WorkDayGroup(ModelViewSetGroup):
    items = (WorkDayViewSet, WorkDayShiftViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Chantiers participatifs")
    menu_name = "projects-work-days"
    menu_order = 320
