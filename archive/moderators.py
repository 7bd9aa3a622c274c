"""The « Modérateurs » group: who moderates the archive, so that nobody needs to be superuser.

The group and its rights are made by the migration ``archive/0007_moderators_group_private_photos``
(admin, contributions, additions, the workflow's approval step, the private photos: see
``archive.contributions.photo_collections``). What the migration cannot give is the right to
publish the items of an archive made later: ``moderators_may_publish`` gives it when the
archive's index page is created."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

MODERATORS_GROUP = "Modérateurs"


def moderators_may_publish(*, index: Page) -> None:
    """Let moderators publish (and unpublish) the items below ``index``: approving an item
    in the workflow publishes it, and Wagtail refuses that to an approver who may not
    publish. They edit an item only while it waits for them in the workflow."""
    group = Group.objects.filter(name=MODERATORS_GROUP).first()
    if group is None:
        return
    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )
    GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
