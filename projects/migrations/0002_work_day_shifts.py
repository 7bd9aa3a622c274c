"""A work day's shifts get rights of their own (a proxy of the festival's shifts)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('festival', '0007_shifts_and_volunteers_for_work_days'),
        ('projects', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='WorkDayShift',
            fields=[
            ],
            options={
                'verbose_name': "créneau d'un chantier",
                'verbose_name_plural': 'créneaux des chantiers',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('festival.shift',),
        ),
    ]
