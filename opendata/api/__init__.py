"""Wagtail API v2 at ``/api/v2/``: archive items, festival editions and events, public images,
places, themes and collections, read by programs; only what the public already sees."""
