"""The « Coordinateurs bénévoles » group: the least a coordinator needs in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Coordinateurs bénévoles"
PERMISSIONS = {
    "volunteerrole": ["add", "change", "delete", "view"],
    "prerequisite": ["add", "change", "delete", "view"],
    "shift": ["add", "change", "delete", "view"],
    "volunteer": ["change", "delete", "view"],
    "signup": ["change", "delete", "view"],
    "venue": ["view"],
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    # (the migration state's app config has no models module: lend it one for the call).
    app_config = apps.get_app_config("festival")
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
        *Permission.objects.filter(content_type__app_label="festival", codename__in=codenames),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0004_volunteers"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
