"""Public addresses of the archive that are not pages (``archive:…``): the contributions'
slice; the archive's own pages are routed by Wagtail."""

from django.urls import include, path

app_name = "archive"

urlpatterns = [path("", include("archive.contributions.urls"))]
