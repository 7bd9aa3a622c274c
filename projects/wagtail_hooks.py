"""The fifty-fifty in the Wagtail admin (``projects/admin.py``, ``projects/work_day_admin.py``),
registered here because Wagtail discovers ``<app>/wagtail_hooks.py`` modules only."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from projects.admin import (
    AwaitingAnswerPanel,
    FiftyFiftyGroup,
    ProjectPermissionPolicy,
    ProjectReviewViewSet,
    can_view,
)
from projects.models import Project
from projects.work_day_admin import WorkDayGroup

register_permission_policy(Project, ProjectPermissionPolicy(Project))


@hooks.register("register_admin_viewset")
def register_fifty_fifty_viewsets():
    return [FiftyFiftyGroup(), ProjectReviewViewSet(), WorkDayGroup()]


@hooks.register("construct_homepage_panels")
def add_awaiting_answer_panel(request, panels):
    if can_view(request.user):
        panels.append(AwaitingAnswerPanel())
