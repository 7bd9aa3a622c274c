import factory
import wagtail_factories

from archive.models import ArchiveIndexPage, ArchiveItemPage, ItemKind


class ArchiveIndexPageFactory(wagtail_factories.PageFactory):
    title = "L'archive des mémoires"
    slug = "archive"

    class Meta:
        model = ArchiveIndexPage


class ArchiveItemPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Souvenir de la fosse {n}")
    kind = ItemKind.MEMORY
    summary = "Le dimanche, on montait sur le terril."
    date_label = "vers 1960"
    year_start = 1958
    year_end = 1962

    class Meta:
        model = ArchiveItemPage
