from django.urls import path

from opendata.iiif import views

app_name = "iiif"

urlpatterns = [
    path("item/<id:item_id>/manifest.json", views.manifest, name="manifest"),
    path("collection/<slug:slug>.json", views.collection, name="collection"),
    path("image/<id:image_id>", views.image_base, name="image_base"),
    path("image/<id:image_id>/info.json", views.info, name="image_info"),
    path(
        "image/<id:image_id>/<str:region>/<str:size>/<str:rotation>/<str:quality>.<str:fmt>",
        views.image,
        name="image",
    ),
]
