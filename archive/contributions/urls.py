"""Public addresses of contributing and following one's own, under ``archive.urls``."""

from django.urls import path

from archive.contributions import views

urlpatterns = [
    path("", views.contribute, name="contribute"),
    path("merci/", views.thanks, name="thanks"),
    path("mes-liens/", views.links, name="links"),
    path("suivi/<str:token>/", views.status, name="status"),
    path("suivi/<str:token>/photo/<int:file_id>/", views.status_photo, name="status_photo"),
    path("suivi/<str:token>/modifier/", views.edit, name="edit"),
    path("suivi/<str:token>/retirer/", views.withdraw, name="withdraw"),
    path("complement/<id:item_id>/", views.addition, name="addition"),
]
