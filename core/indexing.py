"""Indexing deferred to the end of a bulk load (the demo, a folder's import), instead of after
every save.

Each save of a page, image or snippet updates Wagtail's search index and its reference index
(« where is this image used »), and each publication our own search index: a page made,
revised and published is indexed three times over. Inside ``indexing_deferred()`` the saved
objects are only noted; at the end each is indexed once, by the indices' bulk paths. Our own
indices hold their updates the same way: an app registers how (``indexing_hold_register``,
the site search in its ``ready``), since core imports none of ours."""

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index as modelsearch_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save

_DISPATCH_UID = "core_indexing_deferred"
# Context managers of the apps' own indices, entered for the whole load.
_holds: list[Callable[[], contextlib.AbstractContextManager]] = []


def indexing_hold_register(hold: Callable[[], contextlib.AbstractContextManager]) -> None:
    """``hold()`` gathers an app's index updates during a bulk load and makes them at its end."""
    if hold not in _holds:
        _holds.append(hold)


@contextlib.contextmanager
def indexing_deferred() -> Iterator[None]:
    saved: dict[type, set] = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    searched = [
        model
        for model in modelsearch_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    referenced = list(ReferenceIndex.tracked_models)
    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    for model in referenced:
        post_save.disconnect(update_reference_index_on_save, sender=model)
    post_save.connect(note, weak=False, dispatch_uid=_DISPATCH_UID)
    try:
        with contextlib.ExitStack() as held:
            for hold in _holds:
                held.enter_context(hold())
            yield
    finally:
        post_save.disconnect(dispatch_uid=_DISPATCH_UID)
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
        for model in referenced:
            post_save.connect(update_reference_index_on_save, sender=model)
        _index_once(saved, searched=set(searched), referenced=set(referenced))


def _index_once(saved: dict[type, set], *, searched: set, referenced: set) -> None:
    backends = list(get_search_backends(with_auto_update=True))
    owners: dict[tuple[type, object], object] = {}
    for model, pks in saved.items():
        if model in searched:
            objects = list(model.get_indexed_objects().filter(pk__in=pks))
            for backend in backends:
                backend.add_bulk(model, objects)
        if model in referenced:
            for instance in model._default_manager.filter(pk__in=pks):
                owner = _reference_owner(instance)
                if owner is not None:
                    owners[type(owner), owner.pk] = owner
    for owner in owners.values():
        if ReferenceIndex.is_indexed(type(owner)):
            ReferenceIndex.create_or_update_for_object(owner)


def _reference_owner(instance):
    """Whose references a saved row holds: a child row (a gallery photo, a tape) is indexed
    as part of its parent, as Wagtail's own update does."""
    while True:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None
