"""The open data's screens in the Wagtail admin, registered here because Wagtail discovers
``<app>/wagtail_hooks.py`` modules only."""

from wagtail import hooks

from opendata.bulk.admin import BulkViewSet


@hooks.register("register_admin_viewset")
def register_bulk_viewset():
    return BulkViewSet()
