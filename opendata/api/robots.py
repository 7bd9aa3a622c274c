"""``/robots.txt``: where the sitemap is, on the configured site address, and which private
links and admin pages crawlers leave alone."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from opendata.api.links import public_url


@require_GET
def robots_txt(request):
    return render(
        request,
        "opendata/robots.txt",
        {"sitemap_url": public_url(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
