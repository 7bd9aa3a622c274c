"""Apply migrations once, even when several web containers start at the same moment.

A PostgreSQL advisory lock lets one container migrate while the others wait, then find
nothing left to do. Run by ``deploy/entrypoint.sh``.
"""

import os
import sys
from pathlib import Path

# Any constant, the same for every container of this site.
MIGRATION_LOCK = 4_711_984


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

    import django  # noqa: PLC0415 -- once the settings are chosen

    django.setup()

    from django.core.management import call_command  # noqa: PLC0415 -- after django.setup()
    from django.db import connection  # noqa: PLC0415 -- after django.setup()

    if connection.vendor != "postgresql":
        call_command("migrate", interactive=False)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        call_command("migrate", interactive=False)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


if __name__ == "__main__":
    main()
