"""The « Modérateurs » group imports and exports the archive in bulk, so the town never needs a
superuser for it: what they import goes through the same checks and publication rules as any
item they moderate. Safe to run again."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# As ``archive.moderators.MODERATORS_GROUP`` names it (a migration keeps its own copy).
MODERATORS = "Modérateurs"
CODENAMES = ["view_importrun", "add_importrun", "export_archive"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("opendata")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="opendata", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MODERATORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="opendata", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("opendata", "0002_import_runs"),
        ("archive", "0007_moderators_group_private_photos"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
