"""The evaluation of the cooperation: the speaker's words, and the town's signed answer.

The speaker writes and revises the evaluation from the private link; the town answers in its own
signed text (``TownAnswer``), which never touches the resident's. The ratings of each side's
commitments are asked only when the talk tells a fifty-fifty project whose agreement both sides
agreed to: there is nothing to rate against otherwise.

The public reads at the end go through ``Talk.objects.for_the_public()`` only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import AgreementVersion
from projects.selectors import agreed_version
from talks.emails import town_answer_mail_queue
from talks.models import Evaluation, Talk, TalkStatus, TownAnswer

# How far each side kept its commitments, in words: the one list the form and the pages use.
RATING_WORDS = {
    1: gettext_lazy("pas tenus"),
    2: gettext_lazy("peu tenus"),
    3: gettext_lazy("en partie tenus"),
    4: gettext_lazy("largement tenus"),
    5: gettext_lazy("entièrement tenus"),
}


def rating_label(rating: int | None) -> str:
    """« 4 sur 5 — largement tenus »: the number and the words, never a colour alone."""
    if rating not in RATING_WORDS:
        return ""
    return _("%(rating)s sur 5 — %(words)s") % {"rating": rating, "words": RATING_WORDS[rating]}


# The speaker ---------------------------------------------------------------------------------


def evaluation_agreement(*, talk: Talk) -> AgreementVersion | None:
    """The agreement the ratings are given against, its lines prefetched: the latest version
    both sides agreed to of the fifty-fifty project the talk tells, if any."""
    if talk.project_id is None:
        return None
    return agreed_version(project=talk.project)


def evaluation_ratings_apply(*, talk: Talk) -> bool:
    """Ratings are asked only against an agreement both sides agreed to."""
    return talk.project_id is not None and talk.project.agreements.agreed().exists()


def _ratings_errors(
    *, ratings_apply: bool, residents_rating: int | None, town_rating: int | None
) -> dict[str, str]:
    errors = {}
    for name, rating in (("residents_rating", residents_rating), ("town_rating", town_rating)):
        if not ratings_apply:
            if rating is not None:
                errors[name] = _(
                    "Votre intervention ne raconte pas un projet fifty-fifty avec une convention "
                    "acceptée : il n'y a pas d'engagements à noter."
                )
        elif rating is None:
            errors[name] = _("Choisissez une note de 1 à 5.")
        elif rating not in RATING_WORDS:
            errors[name] = _("La note va de 1 (pas tenus) à 5 (entièrement tenus).")
    return errors


@transaction.atomic
def evaluation_submit(
    *,
    talk: Talk,
    what_worked: str,
    what_did_not: str,
    town_should_change: str,
    residents_rating: int | None = None,
    town_rating: int | None = None,
    ratings_comment: str = "",
) -> Evaluation:
    """The speaker writes the evaluation, or revises it: only for a talk accepted.

    Raises ``ValidationError`` (by field, in French) when the talk is not accepted, a text is
    empty, or the ratings do not fit (given when there is no agreement, missing when there is)."""
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    if talk.status != TalkStatus.ACCEPTED:
        raise ValidationError(
            _("L'évaluation s'écrit une fois votre intervention retenue par l'équipe de la ville.")
        )
    texts = {
        "what_worked": what_worked.strip(),
        "what_did_not": what_did_not.strip(),
        "town_should_change": town_should_change.strip(),
    }
    errors = {name: _("Écrivez quelques mots ici.") for name, text in texts.items() if not text}
    ratings_apply = evaluation_ratings_apply(talk=talk)
    errors.update(
        _ratings_errors(
            ratings_apply=ratings_apply, residents_rating=residents_rating, town_rating=town_rating
        )
    )
    if errors:
        raise ValidationError(errors)
    evaluation, _created = Evaluation.objects.update_or_create(
        talk=talk,
        defaults={
            **texts,
            "residents_rating": residents_rating,
            "town_rating": town_rating,
            "ratings_comment": ratings_comment.strip() if ratings_apply else "",
        },
    )
    return evaluation


# The town ------------------------------------------------------------------------------------


@transaction.atomic
def town_answer_write(
    *, evaluation: Evaluation, body: str, signed_by: str, user=None, site_url: str | None = None
) -> TownAnswer:
    """The town's answer, its own signed text beside the resident's; written again, it replaces
    the town's previous answer, never the evaluation. The speaker is told by mail after commit,
    once: a corrected answer does not mail again."""
    body, signed_by = body.strip(), signed_by.strip()
    errors = {}
    if not body:
        errors["body"] = _("Écrivez la réponse de la ville.")
    if not signed_by:
        errors["signed_by"] = _(
            "Une réponse de la ville est signée : indiquez le nom et la fonction de qui la signe."
        )
    if errors:
        raise ValidationError(errors)
    answer, _created = TownAnswer.objects.update_or_create(
        evaluation=evaluation, defaults={"body": body, "signed_by": signed_by, "author": user}
    )
    town_answer_mail_queue(answer=answer, site_url=site_url)
    return answer


# The public reads ----------------------------------------------------------------------------


def _public_evaluations() -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(talk__in=Talk.objects.for_the_public())


def changes_asked(*, year: int | None = None) -> QuerySet[Evaluation]:
    """What residents said the town should change, with the town's answer if any: public talks
    only, newest evening first, then in the evening's order."""
    evaluations = _public_evaluations()
    if year is not None:
        evaluations = evaluations.filter(talk__evening__starts_at__year=year)
    return evaluations.select_related("talk__evening", "talk__project", "town_answer").order_by(
        "-talk__evening__starts_at", "talk__evening_id", "talk__position", "talk_id"
    )


def changes_asked_years() -> list[int]:
    """The years (of the evenings, in local time) that have something asked, newest first."""
    return list(
        _public_evaluations()
        .annotate(year=ExtractYear("talk__evening__starts_at"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def talk_evaluation(*, talk: Talk) -> Evaluation | None:
    """A public talk's evaluation with the town's answer, for ``talks/includes/evaluation.html``;
    ``None`` when the talk is not public or has none."""
    return _public_evaluations().select_related("talk", "town_answer").filter(talk=talk).first()
