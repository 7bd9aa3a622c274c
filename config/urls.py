from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.sitemap import SITEMAPS
from core.views import language_choose
from home import page_password
from home.views import healthz
from media.views import media_check, serve_media

handler500 = "home.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # nginx asks before it hands out an uploaded file (deploy/nginx, auth_request).
    path("-/media-check", media_check, name="media_check"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
    path("", include("opendata.api.urls")),
    # A link, not a form: public pages carry no CSRF token and stay cacheable (core/http_cache.py).
    path("langue/<slug:code>/", language_choose, name="language_choose"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("contribuer/", include("archive.urls")),
    path("transcriptions/", include("archive.transcripts.urls")),
    path("benevoles/", include("festival.volunteers.urls")),
    path("projets/", include("projects.urls")),
    path("taidx/", include("talks.urls")),
    path("iiif/", include("opendata.iiif.urls")),
    path("oai/", include("opendata.oai.urls")),
]

if settings.SERVE_MEDIA_FILES:
    # Embedded default only: in production nginx or the bucket serves uploads.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media))

# Wagtail's page-password form, at its own address and name, with a limit on the attempts.
urlpatterns.append(
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    )
)
# Wagtail's page tree answers everything else; it must come last.
urlpatterns.append(path("", include(wagtail_urls)))
