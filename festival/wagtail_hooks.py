"""Festival admin: venues as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from festival.models import Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux du festival")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "address", "wheelchair_accessible"]
    search_fields = ["name", "address"]


register_snippet(VenueViewSet)
