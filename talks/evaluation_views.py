"""The evaluation's pages: the speaker's form from the private link (``evaluate``) and the
public page of what residents asked the town to change, with its answers (``changes_asked``).

The rules live in ``talks.evaluations``; the views read the form and say what happened."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from projects.models import Side
from talks import evaluations
from talks.evaluation_forms import EvaluationForm
from talks.models import Evaluation, TalkStatus
from talks.speaker_access import speaker_page

# The speaker ---------------------------------------------------------------------------------


def _initial(evaluation: Evaluation | None) -> dict:
    if evaluation is None:
        return {}
    return {
        name: getattr(evaluation, name)
        for name in (
            "what_worked",
            "what_did_not",
            "town_should_change",
            "residents_rating",
            "town_rating",
            "ratings_comment",
        )
    }


@require_http_methods(["GET", "POST"])
@speaker_page
def evaluate(request, talk, token):
    if talk.status != TalkStatus.ACCEPTED:
        return render(request, "talks/evaluation/not_yet.html", {"talk": talk})
    evaluation = Evaluation.objects.filter(talk=talk).select_related("town_answer").first()
    agreement = evaluations.evaluation_agreement(talk=talk)
    ratings_apply = agreement is not None  # the same rule as ``evaluation_ratings_apply``
    status = 200
    if request.method == "POST":
        form = EvaluationForm(request.POST, ratings_apply=ratings_apply)
        if form.is_spam:
            return redirect("talks:evaluate", token=token)
        if form.is_valid():
            try:
                evaluations.evaluation_submit(talk=talk, **form.submitted())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Votre évaluation est enregistrée. Elle sera publiée avec votre "
                        "intervention ; vous pouvez la reprendre ici tant que vous le souhaitez."
                    ),
                )
                return redirect("talks:evaluate", token=token)
        status = 400
    else:
        form = EvaluationForm(initial=_initial(evaluation), ratings_apply=ratings_apply)
    lines = list(agreement.lines.all()) if agreement else []
    context = {
        "talk": talk,
        "token": token,
        "form": form,
        "evaluation": evaluation,
        "answer": getattr(evaluation, "town_answer", None) if evaluation else None,
        "agreement": agreement,
        "town_lines": [line for line in lines if line.side == Side.TOWN],
        "residents_lines": [line for line in lines if line.side == Side.RESIDENTS],
    }
    return render(request, "talks/evaluation/evaluate.html", context, status=status)


# The public ----------------------------------------------------------------------------------

YEAR_PARAMETER = "annee"


def changes_asked(request):
    """What residents asked the town to change, across talks and years, each beside the town's
    signed answer; ``?annee=2026`` keeps one year (an unknown year: the page says there is
    nothing for it)."""
    years = evaluations.changes_asked_years()
    raw_year = request.GET.get(YEAR_PARAMETER, "")
    year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
    context = {
        "evaluations": list(evaluations.changes_asked(year=year)),
        "years": years,
        "year": year,
        "year_parameter": YEAR_PARAMETER,
    }
    return render(request, "talks/evaluation/changes_asked.html", context)
