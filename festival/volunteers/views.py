"""Public volunteer pages: the shifts and the form, confirmation, "my shifts" and its iCal."""

import datetime

import icalendar
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.form_protection import Verdict, public_form_guard
from festival.calendar import PRODID, UID_DOMAIN
from festival.volunteers import links, selectors, services
from festival.volunteers.forms import SignupForm
from festival.volunteers.models import SignupStatus
from festival.volunteers.occasions import Occasion


def _private(response: HttpResponse) -> HttpResponse:
    """Pages reached through a personal link: never indexed, cached or leaked as a referrer.

    ``same-origin``, not ``no-referrer``: the browser must still name our origin when the
    page's own forms post back, or Django's CSRF check refuses them."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def _edition_or_404(year: int):
    edition = selectors.edition_for_signup(year=year)
    if edition is None:
        raise Http404
    return edition


def signup_page(
    request,
    *,
    occasion: Occasion,
    thanks_url: str,
    template_name: str = "festival/volunteers/signup.html",
    form_class: type[SignupForm] = SignupForm,
    extra_context: dict | None = None,
) -> HttpResponse:
    """The sign-up page of any occasion: its upcoming shifts and the form, one set of rules.

    The festival's page and a work day's page (``projects/work_day_views.py``) both answer
    through here; they differ only by their wording (template, form labels)."""
    shifts = [s for s in selectors.shifts_with_places(occasion=occasion) if selectors.upcoming(s)]
    form = form_class(request.POST or None, shifts=shifts)
    status = 200
    if request.method == "POST":
        verdict = public_form_guard(
            request=request, form=form, scope="volunteer_signup", email_field="email"
        )
        if verdict is Verdict.ROBOT:
            # Say nothing to a robot; store nothing.
            return redirect(thanks_url)
        if verdict is Verdict.LIMITED:
            status = 429
        elif verdict is Verdict.PASSED:
            data = form.cleaned_data
            try:
                services.signup_create(
                    occasion=occasion,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    shift_ids=data["shifts"],
                    first_time=data.get("first_time", False),
                    contact_next_year=data.get("contact_next_year", False),
                    base_url=request.build_absolute_uri("/"),
                )
            except services.SignupRefused as refusal:
                form.add_error(refusal.field, refusal.message)
            else:
                return redirect(thanks_url)
    context = {
        "occasion": occasion,
        "form": form,
        "days": selectors.group_by_day_and_role(shifts),
        "selected": form.selected_ids(),
        "hold_hours": settings.VOLUNTEER_HOLD_HOURS,
        **(extra_context or {}),
    }
    return TemplateResponse(request, template_name, context, status=status)


@require_http_methods(["GET", "POST"])
def signup(request, year: int):
    return signup_page(
        request,
        occasion=_edition_or_404(year),
        thanks_url=reverse("festival_volunteers:thanks", kwargs={"year": year}),
    )


def thanks_page(request, *, occasion: Occasion) -> HttpResponse:
    """« Check your e-mails », after signing up for any occasion."""
    return TemplateResponse(
        request,
        "festival/volunteers/thanks.html",
        {"occasion": occasion, "hold_hours": settings.VOLUNTEER_HOLD_HOURS},
    )


def thanks(request, year: int):
    return thanks_page(request, occasion=_edition_or_404(year))


def _link_expired(request, status: int = 410):
    return _private(
        TemplateResponse(request, "festival/volunteers/link_expired.html", status=status)
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    volunteer = links.volunteer_from_confirm_token(token)
    if volunteer is None:
        return _link_expired(request)
    if request.method == "POST":
        services.signup_confirm(volunteer=volunteer, base_url=request.build_absolute_uri("/"))
        messages.success(request, _("Merci, votre inscription est confirmée."))
        return redirect("festival_volunteers:my_shifts", token=links.my_shifts_token(volunteer))
    return _private(
        TemplateResponse(
            request,
            "festival/volunteers/confirm.html",
            {
                "volunteer": volunteer,
                "occasion": volunteer.occasion,
                "signups": selectors.volunteer_signups(volunteer=volunteer),
            },
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def my_shifts(request, token: str):
    volunteer = links.volunteer_from_my_shifts_token(token)
    if volunteer is None:
        return _link_expired(request)
    signups = selectors.volunteer_signups(volunteer=volunteer)
    if request.method == "POST":
        action = request.POST.get("action")
        base_url = request.build_absolute_uri("/")
        if action == "cancel_all":
            count = services.signups_cancel_all(volunteer=volunteer, base_url=base_url)
            messages.success(
                request,
                _("%(count)s créneau(x) annulé(s). Merci de nous avoir prévenus.")
                % {"count": count},
            )
        else:
            signup = next((s for s in signups if str(s.pk) == request.POST.get("signup", "")), None)
            if signup is None:
                messages.error(request, _("Ce créneau ne fait plus partie de vos inscriptions."))
            elif signup.status == SignupStatus.WAITLISTED:
                services.waitlist_leave(signup=signup)
                messages.success(request, _("Vous avez quitté la liste d'attente."))
            else:
                services.signup_cancel(signup=signup, base_url=base_url)
                messages.success(
                    request,
                    _("Créneau annulé. Merci de nous avoir prévenus : la place est libérée."),
                )
        return redirect("festival_volunteers:my_shifts", token=token)
    return _private(
        TemplateResponse(
            request,
            "festival/volunteers/my_shifts.html",
            {
                "volunteer": volunteer,
                "occasion": volunteer.occasion,
                "signups": signups,
                "token": token,
                "unconfirmed": any(s.email_confirmed_at is None for s in signups),
            },
        )
    )


def my_shifts_calendar(request, token: str):
    volunteer = links.volunteer_from_my_shifts_token(token)
    if volunteer is None:
        return _link_expired(request)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname",
        _("Mes créneaux de bénévole — %(edition)s") % {"edition": volunteer.occasion.title},
    )
    stamp = timezone.now().replace(microsecond=0)
    for signup in selectors.volunteer_signups(volunteer=volunteer):
        if signup.status == SignupStatus.WAITLISTED:
            continue
        shift = signup.shift
        event = icalendar.Event()
        event.add("uid", f"shift-{shift.pk}-volunteer-{volunteer.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(shift.start))
        event.add("dtend", timezone.localtime(shift.end))
        event.add("summary", _("Bénévole : %(role)s") % {"role": shift.role.name})
        if shift.venue:
            event.add("location", f"{shift.venue.name}, {shift.venue.full_address}")
        elif getattr(volunteer.occasion, "meeting_point", ""):
            event.add("location", volunteer.occasion.meeting_point)
        if shift.notes:
            event.add("description", shift.notes)
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", shift.role.name)
        alarm.add("trigger", -datetime.timedelta(hours=2))
        event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-creneaux-benevole.ics"'
    return _private(response)
