"""Public addresses of the archive that are not pages: contributing and following one's own."""

from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("", views.contribute, name="contribute"),
    path("merci/", views.thanks, name="thanks"),
    path("mes-liens/", views.links, name="links"),
    path("suivi/<str:token>/", views.status, name="status"),
    path("suivi/<str:token>/modifier/", views.edit, name="edit"),
    path("suivi/<str:token>/retirer/", views.withdraw, name="withdraw"),
    path("complement/<id:item_id>/", views.addition, name="addition"),
]
