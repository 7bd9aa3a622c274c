"""Public volunteer pages, under /benevoles/ (included before Wagtail's page tree)."""

from django.urls import path

from festival.volunteers import views

app_name = "festival_volunteers"

urlpatterns = [
    path("<int:year>/", views.signup, name="signup"),
    path("<int:year>/merci/", views.thanks, name="thanks"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("mes-creneaux/<str:token>/", views.my_shifts, name="my_shifts"),
    path(
        "mes-creneaux/<str:token>/agenda.ics", views.my_shifts_calendar, name="my_shifts_calendar"
    ),
]
