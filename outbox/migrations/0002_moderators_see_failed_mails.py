"""Moderators see on their dashboard the mails the site gave up sending (outbox/wagtail_hooks)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Modérateurs"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs one now.
    app_config = apps.get_app_config("outbox")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name=MODERATORS).first()
    if group is None:
        return
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="outbox", codename="view_outgoingmail"
    )
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=MODERATORS).first()
    if group is not None:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="outbox", codename="view_outgoingmail"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("archive", "0007_moderators_group_private_photos"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
