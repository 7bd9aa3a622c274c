from django.http import Http404
from django.urls import path

from projects import views, work_day_views

app_name = "projects"


def _not_built_yet(request, **kwargs):
    raise Http404


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
    # Work days: residents sign up without an account (the volunteer shifts' rules).
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
