"""The archive's own workflow, so that moderators approve archive items and nothing else.

Until now moderators took part in the approval step of the workflow every page shares
(Wagtail's default, on the root): they were offered festival and home pages to approve too.
The archive gets « Modération de l'archive » with its one step « Relecture par les
modérateurs » (the « Modérateurs » group only), assigned to each archive index
(``archive.moderators`` assigns it to archives made later); moderators leave every other
step. Safe to run again: nothing is created twice."""

from django.db import migrations

# As ``archive.moderators`` names them (a migration keeps its own copy).
MODERATORS = "Modérateurs"
WORKFLOW = "Modération de l'archive"
TASK = "Relecture par les modérateurs"


def create_archive_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    group = Group.objects.filter(name=MODERATORS).first()
    if group is None:
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first() or GroupApprovalTask.objects.create(
        name=TASK, content_type=task_type, active=True
    )
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    for index_id in apps.get_model("archive", "ArchiveIndexPage").objects.values_list("pk", flat=True):
        WorkflowPage.objects.update_or_create(page_id=index_id, defaults={"workflow": workflow})
    for other in GroupApprovalTask.objects.exclude(pk=task.pk).filter(groups=group):
        other.groups.remove(group)


def remove_archive_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    group = Group.objects.filter(name=MODERATORS).first()
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        workflow.workflow_pages.all().delete()
        workflow.delete()
    GroupApprovalTask.objects.filter(name=TASK).delete()
    if group is None:
        return
    # Back as before: a place in the approval step of the workflows pages use.
    task_ids = WorkflowTask.objects.filter(workflow__workflow_pages__isnull=False).values("task_id")
    for task in GroupApprovalTask.objects.filter(pk__in=task_ids):
        task.groups.add(group)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0009_body_blocks_templates_in_core"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_archive_workflow, remove_archive_workflow)]
