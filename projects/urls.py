from django.http import Http404
from django.urls import path

from projects import views

app_name = "projects"


def _not_built_yet(request, **kwargs):
    raise Http404


# Each part of the slice owns its lines. The placeholders name addresses other parts
# link to; the part that owns each replaces its line with its real view.
urlpatterns = [
    # The residents' part: propose, then follow from the private link.
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.thanks, name="thanks"),
    path("suivi/<str:token>/", views.follow, name="follow"),
    path("suivi/<str:token>/modifier/", views.follow_edit, name="follow_edit"),
    path("suivi/<str:token>/accepter/<int:number>/", views.follow_agree, name="follow_agree"),
    path("suivi/<str:token>/nouvelles/", views.follow_progress, name="follow_progress"),
    path("suivi/<str:token>/bilan/", views.follow_report, name="follow_report"),
    path("suivi/<str:token>/retirer/", views.withdraw, name="withdraw"),
    path("<slug:slug>/chantiers/<int:pk>/", _not_built_yet, name="work_day_signup"),  # work days
    path(
        "<slug:slug>/convention-v<int:number>.pdf", _not_built_yet, name="agreement_pdf"
    ),  # visitors' part
    path("<slug:slug>/", _not_built_yet, name="detail"),  # visitors' part
]
