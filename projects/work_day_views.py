"""A work day's public sign-up page and its « check your e-mails » page.

Both answer through the volunteer shifts' own views: the same form, rules, mails and private
« my shifts » link as the festival's volunteers."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from festival.volunteers.views import signup_page, thanks_page
from projects.work_day_forms import WorkDaySignupForm
from projects.work_days import work_day_accepts_signups, work_day_for_the_public


def _work_day_or_404(slug: str, pk: int):
    work_day = work_day_for_the_public(slug=slug, pk=pk)
    if work_day is None:
        raise Http404
    return work_day


@require_http_methods(["GET", "POST"])
def work_day_signup(request, slug: str, pk: int):
    work_day = _work_day_or_404(slug, pk)
    if not work_day_accepts_signups(work_day=work_day):
        # Past, not agreed yet, or the project is over: say so rather than a dead end.
        return TemplateResponse(
            request,
            "projects/work_days/closed.html",
            {"occasion": work_day, "project": work_day.project},
            status=410,
        )
    return signup_page(
        request,
        occasion=work_day,
        thanks_url=reverse("projects:work_day_thanks", kwargs={"slug": slug, "pk": pk}),
        template_name="projects/work_days/signup.html",
        form_class=WorkDaySignupForm,
        extra_context={"project": work_day.project},
    )


def work_day_thanks(request, slug: str, pk: int):
    return thanks_page(request, occasion=_work_day_or_404(slug, pk))
