from django.http import Http404
from django.urls import path

from projects import public_views

app_name = "projects"


def _not_built_yet(request, **kwargs):
    raise Http404


# Each part of the slice owns its lines. The placeholders name addresses other parts
# link to; the part that owns each replaces its line with its real view. Fixed addresses come
# before ``<slug>/``, which would otherwise take them for a project.
urlpatterns = [
    # Visitors' part.
    path("", public_views.project_list, name="list"),
    path("bilan/", public_views.tally, name="tally"),
    path("bilan/graphique.svg", public_views.tally_chart, name="tally_chart"),
    path("donnees/projets.csv", public_views.opendata_csv, name="opendata_csv"),
    path("donnees/projets.json", public_views.opendata_json, name="opendata_json"),
    path("chantiers.ics", public_views.work_days_calendar, name="work_days_calendar"),
    path("suivi/<str:token>/", _not_built_yet, name="follow"),  # residents' part
    path("<slug:slug>/chantiers/<int:pk>/", _not_built_yet, name="work_day_signup"),  # work days
    path(
        "<slug:slug>/convention-v<int:number>.pdf",
        public_views.project_agreement_pdf,
        name="agreement_pdf",
    ),
    path("<slug:slug>/", public_views.project_detail, name="detail"),
]
