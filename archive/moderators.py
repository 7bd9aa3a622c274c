"""The « Modérateurs » group: who moderates the archive, so that nobody needs to be superuser.

The group and its rights are made by the migration ``archive/0007_moderators_group_private_photos``
(admin, contributions, additions, the private photos: see
``archive.contributions.photo_collections``) and ``archive/0010_archive_moderation_workflow``
(the archive's own workflow, whose one approval step is theirs alone: they are offered
archive items to approve, never festival or home pages). What the migrations cannot give to
an archive made later, ``archive_moderation_set_up`` gives when its index page is created:
the archive's workflow and the moderators' right to publish below it."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

MODERATORS_GROUP = "Modérateurs"
ARCHIVE_WORKFLOW = "Modération de l'archive"


def archive_moderation_set_up(*, index: Page) -> None:
    """The items below ``index`` go through the archive's workflow, and moderators may
    publish (and unpublish) them: approving an item publishes it, and Wagtail refuses that
    to an approver who may not publish. They edit an item only while it waits for them."""
    workflow = Workflow.objects.filter(name=ARCHIVE_WORKFLOW).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    group = Group.objects.filter(name=MODERATORS_GROUP).first()
    if group is None:
        return
    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )
    GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
