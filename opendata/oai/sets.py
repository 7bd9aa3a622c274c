"""The sets harvesters may ask for: the archive's collections (``collection:<slug>``), its
themes (``theme:<slug>``) and the kinds of item (``kind:<value>``), each under its family
(``collection``, ``theme``, ``kind``)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from archive.models import ArchiveCollection, ArchiveItemPage, ItemKind, Theme
from opendata.models import DeletedRecord

FAMILIES = ("collection", "theme", "kind")


def set_list() -> list[tuple[str, str]]:
    """``(setSpec, setName)`` of every set, the families first."""
    sets = [
        ("collection", _("Collections")),
        ("theme", _("Thèmes")),
        ("kind", _("Natures d'éléments")),
    ]
    sets += [(f"collection:{c.slug}", c.name) for c in ArchiveCollection.objects.order_by("slug")]
    sets += [(f"theme:{t.slug}", t.name) for t in Theme.objects.order_by("slug")]
    sets += [(f"kind:{value}", str(label)) for value, label in ItemKind.choices]
    return sets


def item_set_specs(item: ArchiveItemPage) -> list[str]:
    """The sets ``item`` is in; reads its collection and themes (prefetched by the lists)."""
    specs = [f"collection:{item.collection.slug}"] if item.collection_id else []
    specs += sorted(f"theme:{theme.slug}" for theme in item.themes.all())
    specs.append(f"kind:{item.kind}")
    return specs


def _family_and_value(spec: str) -> tuple[str, str | None]:
    family, _colon, value = spec.partition(":")
    return family, value or None


def items_in_set(items: QuerySet, *, spec: str) -> QuerySet:
    family, value = _family_and_value(spec)
    if family not in FAMILIES:
        return items.none()
    if family == "collection":
        return (
            items.filter(collection__slug=value)
            if value
            else items.filter(collection__isnull=False)
        )
    if family == "theme":
        themed = ArchiveItemPage.objects.filter(
            **({"themes__slug": value} if value else {"themes__isnull": False})
        )
        # A subquery: a join on the themes would repeat an item once per theme.
        return items.filter(pk__in=themed.values("pk"))
    return items.filter(kind=value) if value else items


def deleted_in_set(records: QuerySet[DeletedRecord], *, spec: str) -> QuerySet[DeletedRecord]:
    family, value = _family_and_value(spec)
    if family not in FAMILIES:
        return records.none()
    if value:
        return records.filter(set_specs__contains=f" {spec} ")
    return records.filter(set_specs__contains=f" {family}:")
