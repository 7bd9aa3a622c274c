"""Coordinators' tools in the Wagtail admin: fill rates, rosters, attendance, pairing,
messages and the CSV export. Reading needs ``festival.view_signup``; changing anything needs
``festival.change_signup`` (both given to the « Coordinateurs bénévoles » group)."""

import csv
import datetime
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from festival.formats import fr_day, when
from festival.models import EditionPage
from festival.volunteers import selectors, services
from festival.volunteers.forms import ShiftMessageForm
from festival.volunteers.models import SignupStatus

VIEW_PERMISSION = "festival.view_signup"
CHANGE_PERMISSION = "festival.change_signup"


def can_view(user) -> bool:
    return user.has_perm(VIEW_PERMISSION)


class CoordinatorMixin(WagtailAdminTemplateMixin):
    header_icon = "group"
    # Who reads the rosters and who acts on them; a work day's team has its own
    # (``projects/work_day_admin.py``).
    view_permission = VIEW_PERMISSION
    change_permission = CHANGE_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.view_permission):
            raise PermissionDenied
        if request.method == "POST" and not request.user.has_perm(self.change_permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("festival_volunteers_admin:dashboard"), "label": _("Bénévoles")},
            {"url": "", "label": self.get_page_title()},
        ]


class DashboardView(CoordinatorMixin, TemplateView):
    """The edition at a glance: which shifts are short, first-timers and their pairs."""

    template_name = "festival/volunteers/admin/dashboard.html"

    def get_page_title(self):
        return _("Bénévoles : remplissage des créneaux")

    def get_context_data(self, **kwargs):
        editions = list(selectors.editions_with_shifts())
        edition = None
        wanted = self.request.GET.get("edition")
        if wanted and wanted.isdigit():
            edition = next((e for e in editions if e.pk == int(wanted)), None)
        edition = edition or (editions[0] if editions else None)
        fill = selectors.occasion_fill(occasion=edition) if edition else None
        return super().get_context_data(
            editions=editions,
            edition=edition,
            fill=fill,
            days=selectors.shift_days(occasion=edition) if edition else [],
            first_timers=selectors.first_timers(occasion=edition) if edition else [],
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
            **kwargs,
        )


class ShiftRosterView(CoordinatorMixin, TemplateView):
    """Who holds a place, who waits; attendance, pairing and a message to the whole team."""

    template_name = "festival/volunteers/admin/shift_roster.html"
    # The occasion's key (``occasions.py``): each team reads only its own shifts' people.
    occasion_key = "edition"

    def dispatch(self, request, *args, **kwargs):
        self.shift = selectors.shift_roster(shift_id=kwargs["pk"])
        if self.shift is None or getattr(self.shift, f"{self.occasion_key}_id") is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_day_url(self) -> str:
        """Where the whole day's planning of this shift's occasion is read."""
        return reverse(
            "festival_volunteers_admin:day",
            args=[self.shift.edition_id, f"{timezone.localdate(self.shift.start):%Y-%m-%d}"],
        )

    def get_page_title(self):
        return _("Équipe du créneau %(shift)s") % {"shift": self.shift}

    def get_context_data(self, **kwargs):
        roster = self.shift.roster
        kwargs.setdefault("message_form", ShiftMessageForm())
        return super().get_context_data(
            shift=self.shift,
            holders=[s for s in roster if s.is_holding],
            waiting=[s for s in roster if s.status == SignupStatus.WAITLISTED],
            can_change=self.request.user.has_perm(self.change_permission),
            day_url=self.get_day_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        here = request.path
        if action == "attendance":
            values = {"yes": True, "no": False}
            services.shift_attendance_record(
                shift=self.shift,
                attended={
                    signup.pk: values.get(request.POST.get(f"attended-{signup.pk}", ""))
                    for signup in self.shift.roster
                },
            )
            messages.success(request, _("Présences enregistrées."))
        elif action == "pair":
            count = services.shift_pair_first_timers(shift=self.shift)
            messages.success(
                request, _("%(count)s nouveau(x) bénévole(s) mis en binôme.") % {"count": count}
            )
        elif action == "message":
            form = ShiftMessageForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(message_form=form))
            sent = services.shift_message_send(
                shift=self.shift,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                reply_to=request.user.email,
            )
            messages.success(
                request, _("Message envoyé à %(count)s bénévole(s).") % {"count": sent}
            )
        return redirect(here)


class DayRosterView(CoordinatorMixin, TemplateView):
    template_name = "festival/volunteers/admin/day_roster.html"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(EditionPage, pk=kwargs["pk"])
        try:
            self.day = datetime.date.fromisoformat(kwargs["day"])
        except ValueError as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Bénévoles du %(day)s") % {"day": fr_day(self.day)}

    def get_context_data(self, **kwargs):
        kwargs.pop("day", None)  # the URL's string; the template gets the date
        return super().get_context_data(
            edition=self.edition,
            day=self.day,
            shifts=selectors.occasion_rosters(occasion=self.edition, day=self.day),
            **kwargs,
        )


STATUS_LABELS = dict(SignupStatus.choices)
PHONE_LIKE = re.compile(r"[+\-]?[\d\s.()\-]*")


def spreadsheet_safe(value: str) -> str:
    """What a resident typed, never run as a formula by the spreadsheet that opens the file.

    A leading quote disarms ``=``, ``@``, ``+`` and ``-`` (OWASP's advice); phone numbers
    such as ``+33 6 12 34 56 78`` stay as they are."""
    if value[:1] in ("=", "@", "\t", "\r") or (
        value[:1] in ("+", "-") and not PHONE_LIKE.fullmatch(value)
    ):
        return "'" + value
    return value


def export_csv(request, pk: int):
    """Every sign-up of the edition, one line each, for a spreadsheet or a printed list."""
    if not can_view(request.user):
        raise PermissionDenied
    edition = get_object_or_404(EditionPage, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="benevoles-{slugify(edition.title) or edition.year}.csv"'
    )
    response.write("\ufeff")  # lets spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Créneau"),
            _("Rôle"),
            _("Lieu"),
            _("Nom"),
            _("E-mail"),
            _("Téléphone"),
            _("État"),
            _("Première fois"),
            _("Binôme"),
            _("Présent"),
        ]
    )
    for shift in selectors.occasion_rosters(occasion=edition):
        for signup in shift.roster:
            writer.writerow(
                [
                    when(shift),
                    shift.role.name,
                    shift.venue.name if shift.venue else "",
                    spreadsheet_safe(signup.volunteer.name),
                    spreadsheet_safe(signup.volunteer.email),
                    spreadsheet_safe(signup.volunteer.phone),
                    str(STATUS_LABELS[signup.status]),
                    _("oui") if signup.volunteer.first_time else _("non"),
                    spreadsheet_safe(signup.paired_with.volunteer.name)
                    if signup.paired_with
                    else "",
                    {True: _("oui"), False: _("non"), None: ""}[signup.attended],
                ]
            )
    return response
