"""Two groups, so the town never hands out superuser accounts for the Ch'ti TAIDx:

- « Ch'ti TAIDx », the town's team: plans the evenings and their guests, invites speakers and
  decides on proposals, attaches the recordings, reads the texts and evaluations and signs the
  town's answers. It reads the speakers' texts and remarks, and changes neither.
- « Accompagnement », the helper (a local journalist): reads the talks and their texts and adds
  remarks (comments and suggested changes); never a decision, never the text itself.

No group may add, change or delete a text version: only the speaker writes one, from the
private link. Safe to run again: nothing is created twice."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# As ``talks.permissions`` names them (a migration keeps its own copy).
TEAM_GROUP = "Ch'ti TAIDx"
HELPER_GROUP = "Accompagnement"
PERMISSIONS = {
    TEAM_GROUP: {
        "evening": ["view", "add", "change"],
        "guest": ["view", "add", "change", "delete"],
        "talk": ["view", "add", "change"],
        "talkcontact": ["view"],
        "textversion": ["view"],
        "remark": ["view"],
        "evaluation": ["view"],
        "townanswer": ["view", "add", "change"],
    },
    HELPER_GROUP: {
        "evening": ["view"],
        "talk": ["view"],
        "textversion": ["view"],
        "remark": ["view", "add"],
    },
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("talks")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="talks", codename__in=codenames),
            *Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            ),
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
