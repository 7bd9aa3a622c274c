"""The fifty-fifty in the Wagtail admin; Wagtail discovers ``<app>/wagtail_hooks.py`` only."""

from wagtail import hooks

from projects.work_day_admin import WorkDayGroup


@hooks.register("register_admin_viewset")
def register_work_day_viewsets():
    return WorkDayGroup()
