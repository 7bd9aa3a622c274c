"""The « Fifty-fifty » group reviews projects without being superuser, and nothing more."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission

from media.collections import PUBLIC
from projects.admin import TEAM_GROUP

pytestmark = pytest.mark.django_db


def test_group_has_admin_access_and_only_project_permissions():
    group = Group.objects.get(name=TEAM_GROUP)

    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert apps == {"projects", "wagtailadmin"}
    assert "access_admin" in codenames
    assert {"view_project", "change_project", "view_projectcontact", "add_decision"} <= codenames
    # Projects leave by withdrawal, never by a delete in the admin.
    assert "delete_project" not in codenames
    assert "add_project" not in codenames


def test_team_member_is_not_superuser(team_member):
    assert team_member.is_superuser is False
    assert team_member.has_perm("projects.add_internalnote") is True
    assert team_member.has_perm("festival.change_signup") is False
    assert team_member.has_perm("archive.change_contribution") is False


def test_group_chooses_and_uploads_images_in_the_public_collection_only():
    granted = GroupCollectionPermission.objects.filter(group__name=TEAM_GROUP)

    assert set(granted.values_list("collection__name", "permission__codename")) == {
        (PUBLIC, "add_image"),
        (PUBLIC, "choose_image"),
    }
