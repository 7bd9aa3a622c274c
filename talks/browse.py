"""The Ch'ti TAIDx as a way into the archive (« Parcourir par nature »): the talks one can
listen to or read, offered by the archive beside its oral histories and photos.

Registered from ``TalksConfig.ready`` through ``archive.kinds.browse_kind_provider``: the
archive is on a lower floor and lists the talks without importing this app."""

from django.utils.translation import gettext_lazy as _

from archive.kinds import BrowseKind
from talks.selectors import talks_heard_or_read


def _count() -> int:
    return talks_heard_or_read().count()


TAIDX_KIND = BrowseKind(
    slug="chti-taidx",
    label=_("Ch'ti TAIDx"),
    description=_("Des habitants racontent leur projet et leur coopération avec la ville."),
    items=talks_heard_or_read,
    count=_count,
    card_template="talks/includes/talk_browse_card.html",
)
