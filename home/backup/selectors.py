"""What a backup holds, read from the app registry and the database."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField
from wagtail.models import Page

# Left out of the dump, and why:
# - search, wagtailsearch: derived from the content; the restore rebuilds both indices.
# - sessions: bound to the old SECRET_KEY and to people's browsers; signing in again is fine.
# - django_tasks_database: the queue's rows carry a worker's state ("running" on a machine that
#   is gone) and would never finish; the periodic jobs take up unfinished contributions.
# - axes: login-attempt counters, meant to expire, not to be carried to another install.
LEFT_OUT_APPS = frozenset({"search", "wagtailsearch", "sessions", "django_tasks_database", "axes"})


@dataclass(frozen=True)
class StoredFile:
    """One uploaded file, named by the model field that references it (the field knows its
    storage: the public one, or the private one of raw contributions)."""

    field: str
    name: str

    @property
    def storage(self) -> Storage:
        return file_fields()[self.field].storage

    @property
    def member(self) -> str:
        return f"files/{self.field}/{self.name}"


def dumped_models() -> list[type[models.Model]]:
    """Every table a backup holds, auto-created many-to-many tables included: they are dumped
    as rows of their own, so modelcluster's parental many-to-many need no special case."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in LEFT_OUT_APPS
    ]
    # Content types first: building a page object asks for its content type, which would
    # create a row under a new id if the restore had not put them back yet.
    return sorted(found, key=lambda model: model is not ContentType)


def file_fields() -> dict[str, FileField]:
    return {
        f"{model._meta.label_lower}.{field.name}": field
        for model in dumped_models()
        for field in model._meta.local_fields
        if isinstance(field, FileField)
    }


def stored_files() -> Iterator[StoredFile]:
    """Every file the database references (files nobody references are not part of the site)."""
    for label, field in file_fields().items():
        names = (
            field.model._base_manager.exclude(**{f"{field.attname}__isnull": True})
            .exclude(**{field.attname: ""})
            .order_by(field.attname)
            .values_list(field.attname, flat=True)
            .distinct()
        )
        for name in names.iterator():
            yield StoredFile(field=label, name=name)


def applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def unapplied_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def site_content_counts() -> dict[str, int]:
    """What a restore would overwrite, in words people use; empty on a fresh install.

    A fresh install already has rows its migrations made (Wagtail's root and welcome pages,
    default groups, the root collection): those are plain ``Page`` objects or live outside
    our own apps, so they do not count."""
    counts = {
        "pages": Page.objects.exclude(
            content_type__app_label="wagtailcore", content_type__model="page"
        ).count(),
        "comptes": get_user_model().objects.count(),
        "autres enregistrements": sum(
            model._base_manager.count()
            for model in dumped_models()
            if _is_ours(model) and not issubclass(model, Page)
        ),
    }
    return {label: count for label, count in counts.items() if count}


def _is_ours(model: type[models.Model]) -> bool:
    path = apps.get_app_config(model._meta.app_label).path
    return path.startswith(str(settings.BASE_DIR)) and not path.startswith(
        str(settings.BASE_DIR / ".venv")
    )
