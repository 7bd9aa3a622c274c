"""The « Modérateurs » group moderates without being superuser; the private photo collections
are theirs alone: volunteer coordinators and festival editors neither moderate nor see them."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowState,
)

from archive.contributions.services import contribution_create
from archive.models import (
    AdditionStatus,
    ArchiveItemPage,
    Contribution,
    ContributionStatus,
    ResidentAddition,
    Withdrawal,
)
from archive.moderators import ARCHIVE_WORKFLOW, MODERATORS_GROUP
from home.groups import EDITORS_GROUP
from media.collections import PENDING, PUBLIC, RESEARCH_ONLY
from media.models import CustomImage
from tests.archive.helpers import describe_photos
from tests.factories.archive import ArchiveItemPageFactory, contribution_data
from tests.factories.festival import EventPageFactory, FestivalIndexPageFactory
from tests.factories.media import CustomImageFactory, jpeg_with_gps_bytes, upload

pytestmark = pytest.mark.django_db

TITLE = "La lampe de Marcel"
PHOTO_TITLE = f"{TITLE} (1)"


def _member(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(django_user_model):
    return _member(django_user_model, "moderatrice", MODERATORS_GROUP)


@pytest.fixture(params=["Coordinateurs bénévoles", EDITORS_GROUP], ids=["coordinator", "editor"])
def outsider(request, django_user_model):
    """A volunteer coordinator, or a festival editor (« Rédacteurs », Wagtail's « Editors »)."""
    return _member(django_user_model, "autre", request.param)


@pytest.fixture
def festival_editor(django_user_model):
    return _member(django_user_model, "editeur", EDITORS_GROUP)


@pytest.fixture
def contribution(archive_index):
    return contribution_create(
        data=contribution_data(title=TITLE),
        photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
    )


def _photo(contribution) -> CustomImage:
    return CustomImage.objects.get(pk=contribution.files.get().image_id)


def _approve_url(item) -> str:
    state = WorkflowState.objects.active().for_instance(item).get()
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[item.pk, "approve", state.current_task_state.pk],
    )


# The group ----------------------------------------------------------------------------------


def test_moderators_group_is_not_superuser_and_takes_part_in_the_moderation_task(archive_index):
    group = Group.objects.get(name=MODERATORS_GROUP)

    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "view_contribution",
        "change_contribution",
        "delete_contribution",
        "view_residentaddition",
        "change_residentaddition",
        "view_withdrawal",
        "view_outgoingmail",  # the mails given up, on the dashboard (outbox)
        # The archive's bulk import and export (opendata), without a superuser.
        "view_importrun",
        "add_importrun",
        "export_archive",
    }
    # One approval step is theirs, the archive's own: none of the workflow other pages share.
    assert list(GroupApprovalTask.objects.filter(groups=group).values_list("name", flat=True)) == [
        "Relecture par les modérateurs"
    ]
    assert archive_index.get_workflow().name == ARCHIVE_WORKFLOW
    # Publishing (what approving does) below the archive only, not the festival's pages.
    assert [
        (granted.page_id, granted.permission.codename)
        for granted in GroupPagePermission.objects.filter(group=group)
    ] == [(archive_index.pk, "publish_page")]


def test_migration_run_twice_creates_nothing_twice():
    migration = __import__(
        "archive.migrations.0007_moderators_group_private_photos", fromlist=["x"]
    )
    state = MigrationExecutor(connection).loader.project_state(
        ("archive", "0007_moderators_group_private_photos")
    )
    before = (
        Group.objects.count(),
        Collection.objects.count(),
        GroupCollectionPermission.objects.count(),
    )

    migration.create_group_and_collections(state.apps, None)

    after = (
        Group.objects.count(),
        Collection.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    assert after == before


def test_the_archive_workflow_migration_run_twice_creates_nothing_twice_and_reverses():
    migration = __import__("archive.migrations.0010_archive_moderation_workflow", fromlist=["x"])
    state = MigrationExecutor(connection).loader.project_state(
        ("archive", "0010_archive_moderation_workflow")
    )
    before = (Workflow.objects.count(), GroupApprovalTask.objects.count())

    migration.create_archive_workflow(state.apps, None)
    assert (Workflow.objects.count(), GroupApprovalTask.objects.count()) == before

    migration.remove_archive_workflow(state.apps, None)
    assert not Workflow.objects.filter(name=ARCHIVE_WORKFLOW).exists()
    # Back as before: moderators in the approval step of the workflow pages share.
    assert GroupApprovalTask.objects.filter(groups__name=MODERATORS_GROUP).exists()


def test_moderators_are_never_offered_a_festival_page_to_approve(
    client, moderator, home_page, archive_index, editor
):
    event = EventPageFactory(parent=FestivalIndexPageFactory(parent=home_page), live=False)
    event.save_revision()
    event.get_workflow().start(event, editor)
    item = ArchiveItemPageFactory(parent=archive_index, live=False)
    item.save_revision()
    item.get_workflow().start(item, editor)
    client.force_login(moderator)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert item.title in dashboard
    assert event.title not in dashboard
    state = WorkflowState.objects.active().for_instance(event).get()
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[event.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    event.refresh_from_db()
    state.current_task_state.refresh_from_db()
    assert not event.live
    assert state.current_task_state.status == "in_progress"


# Moderating: a moderator can, the others cannot --------------------------------------------------


def test_moderator_sees_the_queue_on_the_dashboard(client, moderator, contribution):
    client.force_login(moderator)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "1 contribution en attente" in html
    assert TITLE in html
    assert "/admin/snippets/archive/contribution/" in html
    assert client.get("/admin/snippets/archive/contribution/").status_code == 200
    edit = f"/admin/snippets/archive/contribution/edit/{contribution.pk}/"
    assert client.get(edit).status_code == 200


def test_moderator_opens_and_approves_the_draft_which_goes_live(client, moderator, contribution):
    describe_photos(contribution)
    client.force_login(moderator)
    item = contribution.item

    assert client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).status_code == 200
    response = client.post(_approve_url(item), {})

    assert response.status_code in (200, 302)
    assert ArchiveItemPage.objects.get(pk=item.pk).live
    assert Contribution.objects.get(pk=contribution.pk).status == ContributionStatus.PUBLISHED


def test_moderator_declines_and_withdraws(client, moderator, contribution, archive_index):
    other = contribution_create(data=contribution_data(title="Le bal de la Sainte-Barbe"))
    client.force_login(moderator)

    declined = client.post(
        reverse("archive_admin:decline", args=[contribution.pk]), {"message": "Trop floue."}
    )
    withdrawn = client.post(reverse("archive_admin:withdraw", args=[other.pk]))

    assert declined.status_code == 302
    assert Contribution.objects.get(pk=contribution.pk).status == ContributionStatus.DECLINED
    assert withdrawn.status_code == 302
    assert not Contribution.objects.filter(pk=other.pk).exists()
    assert Withdrawal.objects.count() == 1


def test_moderator_publishes_and_declines_additions(client, moderator, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index)
    first, second = (
        ResidentAddition.objects.create(item=item, comment=text, credit_name="Paul W.")
        for text in ("C'est Marcel", "C'est Léon")
    )
    client.force_login(moderator)

    assert client.get("/admin/snippets/archive/residentaddition/").status_code == 200
    client.post(reverse("archive_additions:publish", args=[first.pk]))
    client.post(reverse("archive_additions:decline", args=[second.pk]))

    assert ResidentAddition.objects.get(pk=first.pk).status == AdditionStatus.PUBLISHED
    assert ResidentAddition.objects.get(pk=second.pk).status == AdditionStatus.DECLINED


def test_others_find_no_moderation_in_the_menus(client, outsider, contribution):
    client.force_login(outsider)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "/admin/snippets/archive/contribution/" not in html
    assert "contribution en attente" not in html
    assert client.get("/admin/snippets/archive/contribution/").status_code in (302, 403)
    assert client.get("/admin/snippets/archive/residentaddition/").status_code in (302, 403)


def test_others_cannot_approve_decline_or_withdraw(client, outsider, contribution):
    describe_photos(contribution)
    item = contribution.item
    client.force_login(outsider)

    approved = client.post(_approve_url(item), {})
    declined = client.post(
        reverse("archive_admin:decline", args=[contribution.pk]), {"message": "Non."}
    )
    withdrawn = client.post(reverse("archive_admin:withdraw", args=[contribution.pk]))

    # Refused: 403, or back to the dashboard with « permission refusée » (Wagtail's way).
    for response in (approved, declined, withdrawn):
        assert response.status_code in (302, 403)
        assert response.get("Location", "") != reverse("wagtailsnippets_archive_contribution:list")
    assert not ArchiveItemPage.objects.get(pk=item.pk).live
    assert Contribution.objects.get(pk=contribution.pk).status == ContributionStatus.IN_REVIEW


def test_others_cannot_publish_additions(client, outsider, archive_index):
    addition = ResidentAddition.objects.create(
        item=ArchiveItemPageFactory(parent=archive_index), comment="C'est moi", credit_name="X."
    )
    client.force_login(outsider)

    response = client.post(reverse("archive_additions:publish", args=[addition.pk]))

    assert response.status_code in (302, 403)
    assert ResidentAddition.objects.get(pk=addition.pk).status == AdditionStatus.PENDING


# The private photos -------------------------------------------------------------------------------


def _listed(client, url: str) -> bool:
    response = client.get(url)
    return response.status_code == 200 and PHOTO_TITLE in response.content.decode()


def test_arriving_photo_waits_in_the_private_collection(contribution):
    assert _photo(contribution).collection.name == PENDING


def test_moderator_browses_the_photos_awaiting_moderation(client, moderator, contribution):
    client.force_login(moderator)

    assert _listed(client, reverse("wagtailimages:index"))
    assert _listed(client, reverse("wagtailimages_chooser:choose"))
    image_edit = reverse("wagtailimages:edit", args=[_photo(contribution).pk])
    assert client.get(image_edit).status_code == 200


def test_others_do_not_see_photos_awaiting_moderation(client, outsider, contribution):
    client.force_login(outsider)

    assert not _listed(client, reverse("wagtailimages:index"))
    assert not _listed(client, reverse("wagtailimages_chooser:choose"))
    assert not _listed(client, reverse("wagtailimages_chooser:choose") + f"?q={TITLE}")
    image_edit = reverse("wagtailimages:edit", args=[_photo(contribution).pk])
    assert client.get(image_edit).status_code in (302, 403)


def test_approved_photo_joins_the_public_collection(
    client, moderator, festival_editor, contribution
):
    describe_photos(contribution)
    client.force_login(moderator)
    client.post(_approve_url(contribution.item), {})

    client.force_login(festival_editor)

    assert _photo(contribution).collection.name == PUBLIC
    assert _listed(client, reverse("wagtailimages_chooser:choose"))


def test_research_only_photo_stays_private(client, moderator, festival_editor, archive_index):
    contribution = contribution_create(
        data=contribution_data(
            title=TITLE, allow_web=False, allow_festival=False, allow_research=True
        ),
        photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
    )

    assert _photo(contribution).collection.name == RESEARCH_ONLY
    client.force_login(festival_editor)
    assert not _listed(client, reverse("wagtailimages_chooser:choose"))
    client.force_login(moderator)
    assert _listed(client, reverse("wagtailimages_chooser:choose"))


def test_editors_still_choose_the_public_images(client, festival_editor):
    CustomImageFactory(title=PHOTO_TITLE, collection=Collection.objects.get(name=PUBLIC))
    client.force_login(festival_editor)

    assert _listed(client, reverse("wagtailimages_chooser:choose"))
