"""What ``config/urls.py`` mounts for reading by program: the API (``/api/v2/``; the search
app keeps ``/api/search/``), the feeds (``/flux/``) and ``robots.txt``."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

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
    path("api/v2/", api_router.urls),
]
