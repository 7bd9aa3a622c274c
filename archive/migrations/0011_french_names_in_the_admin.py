"""The admin in French: a withdrawal's fields get French names, and the workflow every page
shares (Wagtail's default, made in English by Wagtail's own migration) and its one step are
renamed « Validation par les modérateurs ». A name an editor already changed is kept."""

from django.db import migrations, models

WAGTAIL_DEFAULT = "Moderators approval"
FRENCH = "Validation par les modérateurs"


def _rename(apps, old: str, new: str) -> None:
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def default_workflow_in_french(apps, schema_editor):
    _rename(apps, WAGTAIL_DEFAULT, FRENCH)


def default_workflow_in_english(apps, schema_editor):
    _rename(apps, FRENCH, WAGTAIL_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0010_archive_moderation_workflow"),
    ]

    operations = [
        migrations.AlterField(
            model_name="withdrawal",
            name="had_published_item",
            field=models.BooleanField(default=False, verbose_name="l'élément était publié"),
        ),
        migrations.AlterField(
            model_name="withdrawal",
            name="initiated_by",
            field=models.CharField(
                choices=[
                    ("contributor", "La personne qui avait contribué"),
                    ("editor", "L'équipe de l'archive, à la demande de la personne"),
                ],
                default="contributor",
                max_length=16,
                verbose_name="retrait demandé par",
            ),
        ),
        migrations.AlterField(
            model_name="withdrawal",
            name="reference",
            field=models.UUIDField(
                blank=True, null=True, unique=True, verbose_name="référence du lien de suivi"
            ),
        ),
        migrations.AlterField(
            model_name="withdrawal",
            name="url_path",
            field=models.CharField(
                blank=True, db_index=True, max_length=255, verbose_name="adresse de l'élément retiré"
            ),
        ),
        migrations.RunPython(default_workflow_in_french, default_workflow_in_english),
    ]
