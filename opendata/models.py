from opendata.bulk.models import ImportedItem, ImportRun  # noqa: F401 - bulk import and export
