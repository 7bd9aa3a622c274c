from django.urls import path

from projects import public_views, views, work_day_views

app_name = "projects"

# Fixed addresses come before ``<slug>/``, which would otherwise take them for a project (the
# slugs they use are reserved: ``projects.proposals``).
urlpatterns = [
    # Visitors: the list, the tally, open data, the work days' calendar.
    path("", public_views.project_list, name="list"),
    path("bilan/", public_views.tally, name="tally"),
    path("bilan/graphique.svg", public_views.tally_chart, name="tally_chart"),
    path("donnees/projets.csv", public_views.opendata_csv, name="opendata_csv"),
    path("donnees/projets.json", public_views.opendata_json, name="opendata_json"),
    path("chantiers.ics", public_views.work_days_calendar, name="work_days_calendar"),
    # The residents: propose, then follow from the private link.
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
    # A project's page and its agreed version as a PDF.
    path(
        "<slug:slug>/convention-v<int:number>.pdf",
        public_views.project_agreement_pdf,
        name="agreement_pdf",
    ),
    path("<slug:slug>/", public_views.project_detail, name="detail"),
]
