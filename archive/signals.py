"""Signals other apps connect to.

``transcript_changed`` is sent after a transcript write commits (import, split, merge, shift,
accepted correction) with ``page_id``: the item's segments are indexed again.

A withdrawn item needs no signal of its own: it is unpublished, then deleted, and the search
app drops it on Wagtail's ``page_unpublished`` and the page's ``post_delete``."""

from django.dispatch import Signal

transcript_changed = Signal()
