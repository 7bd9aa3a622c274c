"""Wagtail's default groups get French names: « Editors » becomes « Rédacteurs » and
« Moderators » « Responsables de publication » (the archive's own « Modérateurs » are another
group), and the step of the workflow every page shares, named after them, follows. Their
permissions stay as they are (a rename keeps every link to the group). A name the town already
changed, or a French name already taken, is kept."""

from django.db import migrations

# As ``home.groups`` names them (a migration keeps its own copy).
GROUPS = {"Editors": "Rédacteurs", "Moderators": "Responsables de publication"}
# The shared workflow's step, as ``archive/0011_french_names_in_the_admin`` named it.
STEP = {"Validation par les modérateurs": "Validation par les responsables de publication"}


def _rename(manager, names: dict[str, str]) -> None:
    for old, new in names.items():
        if not manager.filter(name=new).exists():
            manager.filter(name=old).update(name=new)


def _rename_all(apps, *, groups: dict[str, str], steps: dict[str, str]) -> None:
    _rename(apps.get_model("auth", "Group").objects, groups)
    for model in ("Workflow", "Task"):
        _rename(apps.get_model("wagtailcore", model).objects, steps)


def _reversed(names: dict[str, str]) -> dict[str, str]:
    return {new: old for old, new in names.items()}


def groups_in_french(apps, schema_editor):
    _rename_all(apps, groups=GROUPS, steps=STEP)


def groups_in_english(apps, schema_editor):
    _rename_all(apps, groups=_reversed(GROUPS), steps=_reversed(STEP))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_body_blocks_templates_in_core"),
        ("archive", "0011_french_names_in_the_admin"),
        # Every Wagtail migration that finds these groups by their English names has run.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(groups_in_french, groups_in_english)]
