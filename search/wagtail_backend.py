"""Wagtail's database search backend, with the autocomplete configuration made a setting.

The PostgreSQL backend reads ``SEARCH_CONFIG`` but always autocompletes (what the admin's page
search does) with the ``simple`` configuration, which keeps accents: « eglise » never found
« église ». ``AUTOCOMPLETE_CONFIG`` names another one (``gohelliades_prefix``, made by
search/migrations/0004). Other databases get Wagtail's backend unchanged.
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as database_backend


def SearchBackend(params: dict):
    backend = database_backend(params)
    if connection.vendor == "postgresql" and params.get("AUTOCOMPLETE_CONFIG"):
        backend.autocomplete_config = params["AUTOCOMPLETE_CONFIG"]
    return backend
