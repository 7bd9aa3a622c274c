"""Mails already queued name their builder by its dotted path: the contributions' mails moved
from ``archive.emails`` to ``archive.contributions.emails``, so the rows follow."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

OLD = "archive.emails."
NEW = "archive.contributions.emails."


def _rename(apps, old: str, new: str) -> None:
    OutgoingMail = apps.get_model("outbox", "OutgoingMail")
    OutgoingMail.objects.filter(builder__startswith=old).update(
        builder=Concat(Value(new), Substr(F("builder"), len(old) + 1))
    )


def forwards(apps, schema_editor):
    _rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_moderators_group_private_photos"),
        ("outbox", "0002_moderators_see_failed_mails"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
