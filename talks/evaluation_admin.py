"""« Évaluations » in the « Ch'ti TAIDx » admin menu, for the town's team.

The list of the speakers' evaluations (answered or not), and each one's page: the resident's
words, read-only, and the form of the town's answer (its own signed text). No view here has a
form for the evaluation: whoever posts its fields, superusers included, changes nothing of it.

Reading needs ``talks.view_evaluation`` (the « Ch'ti TAIDx » group, superusers); answering
needs ``talks.add_townanswer`` (or ``change_townanswer`` for an answer already written): the
« Accompagnement » helper has neither."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from talks.evaluation_forms import TownAnswerForm
from talks.evaluations import evaluation_ratings_apply, town_answer_write
from talks.models import Evaluation

VIEW_PERMISSION = "talks.view_evaluation"
ADD_ANSWER_PERMISSION = "talks.add_townanswer"
CHANGE_ANSWER_PERMISSION = "talks.change_townanswer"
# ``?reponse=`` on the list: the team's work is the evaluations not answered yet.
ANSWERED_FILTER = {"sans": False, "avec": True}


def evaluation_url(evaluation_id: int) -> str:
    return reverse("taidx_evaluations:detail", args=[evaluation_id])


def can_view(user) -> bool:
    return user.is_active and user.has_perm(VIEW_PERMISSION)


class TeamMixin(WagtailAdminTemplateMixin):
    header_icon = "openquote"

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def evaluations_for_team(*, answered: bool | None = None) -> QuerySet[Evaluation]:
    """Every evaluation (public or not: the team reads them all), newest evening first."""
    evaluations = Evaluation.objects.select_related("talk__evening", "town_answer")
    if answered is not None:
        evaluations = evaluations.filter(town_answer__isnull=not answered)
    return evaluations.order_by("-talk__evening__starts_at", "talk__position", "talk_id")


class EvaluationIndexView(TeamMixin, TemplateView):
    template_name = "talks/evaluation/admin/index.html"
    page_title = gettext_lazy("Évaluations de la coopération")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        answered_filter = self.request.GET.get("reponse", "")
        evaluations = list(
            evaluations_for_team(answered=ANSWERED_FILTER.get(answered_filter))[:200]
        )
        for evaluation in evaluations:
            evaluation.admin_url = evaluation_url(evaluation.pk)
        return super().get_context_data(
            evaluations=evaluations, answered_filter=answered_filter, **kwargs
        )


class EvaluationDetailView(TeamMixin, TemplateView):
    """The resident's words read-only; beside them, the town's answer form."""

    template_name = "talks/evaluation/admin/detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.evaluation = (
            Evaluation.objects.select_related("talk__evening", "talk__project", "town_answer")
            .filter(pk=kwargs["pk"])
            .first()
        )
        if self.evaluation is None:
            raise Http404
        self.answer = getattr(self.evaluation, "town_answer", None)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Évaluation : %(title)s") % {"title": self.evaluation.talk.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("taidx_evaluations:index"), "label": _("Évaluations")},
            {"url": "", "label": self.evaluation.talk.title},
        ]

    def can_answer(self) -> bool:
        permission = CHANGE_ANSWER_PERMISSION if self.answer else ADD_ANSWER_PERMISSION
        return self.request.user.has_perm(permission)

    def get_context_data(self, **kwargs):
        evaluation = self.evaluation
        if "form" not in kwargs and self.can_answer():
            initial = (
                {"body": self.answer.body, "signed_by": self.answer.signed_by}
                if self.answer
                else {}
            )
            kwargs["form"] = TownAnswerForm(initial=initial)
        return super().get_context_data(
            evaluation=evaluation,
            talk=evaluation.talk,
            answer=self.answer,
            ratings_apply=evaluation_ratings_apply(talk=evaluation.talk),
            revised_since_answer=bool(self.answer)
            and evaluation.updated_at > self.answer.published_at,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.can_answer():
            raise PermissionDenied
        # Only the answer's own fields are read: the evaluation's, if posted, are ignored.
        form = TownAnswerForm(request.POST)
        if form.is_valid():
            try:
                town_answer_write(
                    evaluation=self.evaluation,
                    body=form.cleaned_data["body"],
                    signed_by=form.cleaned_data["signed_by"],
                    user=request.user,
                    site_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "La réponse de la ville est publiée à côté de l'évaluation ; "
                        "l'intervenant en est prévenu par courriel."
                    )
                    if self.answer is None
                    else _("La réponse de la ville est corrigée."),
                )
                return redirect(evaluation_url(self.evaluation.pk))
        return self.render_to_response(self.get_context_data(form=form))


class EvaluationViewSet(ViewSet):
    """``/admin/taidx/evaluations/``: the list and each evaluation's page."""

    name = "taidx_evaluations"
    url_prefix = "taidx/evaluations"

    def get_urlpatterns(self):
        return [
            path("", EvaluationIndexView.as_view(), name="index"),
            path("<int:pk>/", EvaluationDetailView.as_view(), name="detail"),
        ]


class EvaluationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_admin_viewset")
def register_evaluation_viewset():
    return EvaluationViewSet()


@hooks.register("register_taidx_menu_item")
def register_evaluation_menu_item():
    return EvaluationMenuItem(
        gettext_lazy("Évaluations"),
        reverse_lazy("taidx_evaluations:index"),
        name="taidx-evaluations",
        icon_name="openquote",
        order=300,
    )
