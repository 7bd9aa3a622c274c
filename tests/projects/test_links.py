"""The carriers' private link: one link per project, whenever it is written out."""

import time

import pytest
from django.core import signing

from projects.links import (
    project_confirm_code,
    project_confirm_code_valid,
    project_follow_token,
    project_from_token,
)
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_follow_link_is_the_same_on_the_thanks_page_and_in_every_mail_later(monkeypatch):
    project = ProjectFactory()
    first = project_follow_token(project=project)

    a_month_later = time.time() + 3600 * 24 * 30
    monkeypatch.setattr(signing.time, "time", lambda: a_month_later)

    assert project_follow_token(project=project) == first
    assert project_from_token(token=first) == project


def test_a_forged_or_foreign_token_names_no_project():
    project = ProjectFactory()
    token = project_follow_token(project=project)

    assert project_from_token(token=token[:-2] + "xx") is None
    # A token of another kind (the confirmation code) is refused as a follow link.
    assert project_from_token(token=project_confirm_code(project=project)) is None
    assert project_from_token(token=signing.dumps(str(project.public_id))) is None


def test_the_confirmation_code_belongs_to_its_project_only():
    project, other = ProjectFactory(), ProjectFactory()

    assert project_confirm_code_valid(project=project, code=project_confirm_code(project=project))
    assert not project_confirm_code_valid(project=other, code=project_confirm_code(project=project))
