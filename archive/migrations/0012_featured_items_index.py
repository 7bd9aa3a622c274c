"""The home page's featured items are read through an index of the few featured ones, not by
walking every item."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0011_french_names_in_the_admin"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="archiveitempage",
            index=models.Index(
                condition=models.Q(("featured", True)),
                fields=["page_ptr"],
                name="archive_item_featured",
            ),
        ),
    ]
