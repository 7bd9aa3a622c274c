"""Admin hooks of the media app."""

from django.urls import path
from wagtail import hooks

from media.renditions import image_preview


@hooks.register("register_admin_urls")
def register_image_preview_url():
    # Same address as Wagtail's preview, registered before it ("media" comes before
    # "wagtail.images" in INSTALLED_APPS): ours answers, with its limits.
    return [
        path(
            "images/<int:image_id>/preview/<str:filter_spec>/",
            image_preview,
            name="media_image_preview",
        )
    ]
