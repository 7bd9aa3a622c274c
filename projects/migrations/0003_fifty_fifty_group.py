"""The « Fifty-fifty » group: the town's team reviews projects without being superuser.

It gets the admin and exactly what reviewing a project takes, on the project models only:
read projects (and correct their public text), read the proposer's contact, requests and
photos, answer publicly (a decision), write internal notes, draft and agree the agreement and
record delivery, plan work days, review and post progress, and sign the town's account in
the completion report. Nothing is deleted from the admin: a project leaves by withdrawal.
The team's own progress updates carry photos from the image library: it may upload and
choose images in « Images du site » (never the private collections of contributed photos).
Safe to run again: nothing is created twice."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# As ``projects.admin.TEAM_GROUP`` and ``media.collections.PUBLIC`` name them (a migration
# keeps its own copy).
GROUP_NAME = "Fifty-fifty"
PUBLIC_IMAGES = "Images du site"
IMAGE_PERMISSIONS = ["add_image", "choose_image"]
PERMISSIONS = {
    "project": ["view", "change"],
    "projectcontact": ["view"],
    "townrequest": ["view"],
    "projectphoto": ["view"],
    "decision": ["view", "add"],
    "internalnote": ["view", "add"],
    "agreementversion": ["view", "add", "change"],
    "agreementline": ["view", "add", "change"],
    "workday": ["view", "add", "change", "delete"],
    # A work day's shifts, never the festival's (``projects.models.WorkDayShift``).
    "workdayshift": ["view", "add", "change", "delete"],
    "progressupdate": ["view", "add", "change"],
    "completionreport": ["view", "change"],
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now
    # (the migration state's app config has no models module: lend it one for the call).
    app_config = apps.get_app_config("projects")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [
        f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions
    ]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="projects", codename__in=codenames),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    public = Collection.objects.filter(depth=2, name=PUBLIC_IMAGES).order_by("path").first()
    if public is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=public, permission=permission
            )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_work_day_shifts"),
        # « Images du site » exists from then on.
        ("archive", "0007_moderators_group_private_photos"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
