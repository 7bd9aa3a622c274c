"""Bulk import and export of the archive: a folder (or a zip) of files and a CSV in the
Dublin Core columns of ``opendata.dublin_core``, read back by the import."""
