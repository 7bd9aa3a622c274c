"""Wagtail's default groups are named in French in the admin, with the rights they had."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page

from home.groups import EDITORS_GROUP, PUBLISHERS_GROUP

pytestmark = pytest.mark.django_db

renaming = importlib.import_module("home.migrations.0004_french_names_for_wagtail_groups")


def _page_rights(name: str) -> set[tuple[int, str]]:
    return set(
        GroupPagePermission.objects.filter(group__name=name).values_list(
            "page__depth", "permission__codename"
        )
    )


def test_default_groups_have_french_names_only():
    names = set(Group.objects.values_list("name", flat=True))

    assert {EDITORS_GROUP, PUBLISHERS_GROUP} <= names
    assert not names & {"Editors", "Moderators"}


def test_renamed_groups_keep_their_rights_on_every_page():
    root = Page.get_first_root_node()

    assert _page_rights(EDITORS_GROUP) == {(root.depth, "add_page"), (root.depth, "change_page")}
    assert {(root.depth, "publish_page"), (root.depth, "lock_page")} <= _page_rights(
        PUBLISHERS_GROUP
    )
    for name in (EDITORS_GROUP, PUBLISHERS_GROUP):
        group = Group.objects.get(name=name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"access_admin", "add_image", "add_document"} <= codenames


def test_shared_workflow_step_is_named_after_the_publishers():
    step = GroupApprovalTask.objects.get(groups__name=PUBLISHERS_GROUP)

    assert step.name == "Validation par les responsables de publication"


def test_renaming_keeps_a_french_name_already_taken():
    Group.objects.create(name="Editors")  # e.g. made again by hand after the migration

    renaming.groups_in_french(apps, None)

    assert Group.objects.filter(name__in=["Editors", EDITORS_GROUP]).count() == 2


def test_renaming_back_gives_wagtails_names():
    renaming.groups_in_english(apps, None)

    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}
    assert GroupApprovalTask.objects.filter(name="Validation par les modérateurs").exists()
