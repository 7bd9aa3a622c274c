"""A project is told at the Ch'ti TAIDx by a talk (``talks.Talk.project``), whose recording is
the archive item ``Project.told_in`` pointed to: the link moves to the talks recorded there,
then the field goes."""

from django.db import migrations


def move_told_in_to_talks(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Talk = apps.get_model("talks", "Talk")
    for project in Project.objects.filter(told_in__isnull=False).only("pk", "told_in_id"):
        Talk.objects.filter(recording_id=project.told_in_id, project__isnull=True).update(
            project_id=project.pk
        )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_fifty_fifty_group"),
        ("talks", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_told_in_to_talks, migrations.RunPython.noop),
        migrations.RemoveField(model_name="project", name="told_in"),
    ]
