from django.urls import path

from talks import call_views, evaluation_views, public_views, text_views

app_name = "talks"

# Fixed addresses come before ``<slug>/``, which would otherwise take them for an evening.
urlpatterns = [
    # Visitors: the evenings, and what residents said the town should change.
    path("", public_views.evening_list, name="list"),
    path("ce-qui-doit-changer/", evaluation_views.changes_asked, name="changes_asked"),
    # The call for speakers: any resident proposes a talk, without an account.
    path("proposer/", call_views.propose, name="propose"),
    path("proposer/merci/", call_views.thanks, name="thanks"),
    # The speaker, from the private link.
    path("intervenant/<str:token>/", call_views.speaker, name="speaker"),
    path("intervenant/<str:token>/invitation/", call_views.invitation_answer, name="invitation"),
    path("intervenant/<str:token>/retirer/", call_views.withdraw, name="withdraw"),
    path("intervenant/<str:token>/texte/", text_views.text_write, name="text"),
    path(
        "intervenant/<str:token>/texte/v<int:number>/",
        text_views.text_version,
        name="text_version",
    ),
    path(
        "intervenant/<str:token>/remarques/<int:pk>/",
        text_views.remark_answer,
        name="remark_answer",
    ),
    path("intervenant/<str:token>/texte/final/", text_views.text_final, name="text_final"),
    path("intervenant/<str:token>/evaluation/", evaluation_views.evaluate, name="evaluate"),
    # An evening and its talks.
    path("<slug:slug>/", public_views.evening_detail, name="evening"),
    path("<slug:slug>/<slug:talk_slug>/", public_views.talk_detail, name="talk"),
]
