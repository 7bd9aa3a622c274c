"""Signals other apps connect to.

``item_withdrawn`` is sent inside ``contribution_withdraw`` just before the item's page is
deleted, with ``page_id`` (int) and ``url_path`` (str, Wagtail's tree path). The search app
connects to it to drop the item from every index::

    from archive.signals import item_withdrawn

    def remove_from_index(sender, page_id, url_path, **kwargs): ...

    item_withdrawn.connect(remove_from_index)

Wagtail's own ``page_unpublished`` is also sent (the page is unpublished first).

``transcript_changed`` is sent after a transcript write commits (import, split, merge, shift,
accepted correction) with ``page_id``: the item's segments are indexed again."""

from django.dispatch import Signal

item_withdrawn = Signal()
transcript_changed = Signal()
