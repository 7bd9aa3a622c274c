"""What ``config/urls.py`` mounts for reading by program: the API (``/api/v2/``; the search
app keeps ``/api/search/``), the feeds (``/flux/``) and ``robots.txt``."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from opendata import feeds
from opendata.api.robots import robots_txt
from opendata.api.views import (
    CollectionsAPIViewSet,
    PlacesAPIViewSet,
    PublicImagesAPIViewSet,
    PublicPagesAPIViewSet,
    ThemesAPIViewSet,
)

api_router = WagtailAPIRouter("opendata_api")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("places", PlacesAPIViewSet)
api_router.register_endpoint("themes", ThemesAPIViewSet)
api_router.register_endpoint("collections", CollectionsAPIViewSet)

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
    path("flux/archive.atom", feeds.ArchiveAtomFeed(), name="feed_archive_atom"),
    path("flux/archive.rss", feeds.ArchiveFeed(), name="feed_archive_rss"),
    path(
        "flux/collections/<slug:slug>.atom",
        feeds.CollectionAtomFeed(),
        name="feed_collection_atom",
    ),
    path("flux/collections/<slug:slug>.rss", feeds.CollectionFeed(), name="feed_collection_rss"),
    path("flux/programme.atom", feeds.ProgrammeAtomFeed(), name="feed_programme_atom"),
    path("flux/programme.rss", feeds.ProgrammeFeed(), name="feed_programme_rss"),
]
