from django.http import Http404
from django.urls import path

from projects import work_day_views

app_name = "projects"


def _not_built_yet(request, **kwargs):
    raise Http404


# Each part of the slice owns its lines. The placeholders name addresses other parts
# link to; the part that owns each replaces its line with its real view.
urlpatterns = [
    path("suivi/<str:token>/", _not_built_yet, name="follow"),  # residents' part
    path("<slug:slug>/chantiers/<int:pk>/", work_day_views.work_day_signup, name="work_day_signup"),
    path(
        "<slug:slug>/chantiers/<int:pk>/merci/",
        work_day_views.work_day_thanks,
        name="work_day_thanks",
    ),
    path(
        "<slug:slug>/convention-v<int:number>.pdf", _not_built_yet, name="agreement_pdf"
    ),  # visitors' part
    path("<slug:slug>/", _not_built_yet, name="detail"),  # visitors' part
]
