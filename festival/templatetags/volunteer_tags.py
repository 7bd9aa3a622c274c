"""Template helpers for volunteer pages."""

from django import template

from festival.volunteers.selectors import fill_rate, places_left

register = template.Library()

register.filter("places_left", places_left)
register.filter("fill_rate", fill_rate)
