"""Consent and alt text decide whether an item may go on the web: every way of publishing."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from archive.contributions.forms import ContributionForm
from archive.contributions.services import contribution_create
from archive.models import ArchiveItemPage, Contribution
from archive.models.pages import PublicationRefused
from media.models import Licence
from tests.archive.helpers import describe_photos
from tests.factories.archive import ArchiveItemPageFactory, ThemeFactory, contribution_data
from tests.factories.media import CustomImageFactory, jpeg_with_gps_bytes, upload

pytestmark = pytest.mark.django_db


def _approve(item, user):
    state = WorkflowState.objects.active().for_instance(item).get()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, "approve")


def _edit_form(item, *, cover_image=None, gallery=(), publish=True) -> dict:
    """What the Wagtail editing form posts for ``item``."""
    data = nested_form_data(
        {
            "title": item.title,
            "slug": item.slug,
            "kind": item.kind,
            "summary": item.summary,
            "story": streamfield([]),
            "date_label": item.date_label,
            "cover_image": cover_image.pk if cover_image else "",
            "gallery_images": inline_formset(
                [{"image": image.pk, "caption": ""} for image in gallery]
            ),
            "source": item.source,
            "credit": item.credit,
            "licence": item.licence,
            "comments": inline_formset([]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def _photo():
    return upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")


# Consent -------------------------------------------------------------------------------------


def test_approval_refused_when_contributor_did_not_allow_the_web(archive_index, editor):
    contribution = contribution_create(data=contribution_data(allow_web=False, allow_festival=True))

    with pytest.raises(PublicationRefused) as refused:
        _approve(contribution.item, editor)

    assert "n'a pas autorisé la publication sur le site" in str(refused.value)
    assert ArchiveItemPage.objects.get(pk=contribution.item.pk).live is False
    # The refused approval is undone: the item still waits in moderation.
    state = WorkflowState.objects.active().for_instance(contribution.item).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_approval_refused_for_research_only(archive_index, editor):
    contribution = contribution_create(
        data=contribution_data(allow_web=False, allow_festival=False, allow_research=True)
    )

    with pytest.raises(PublicationRefused) as refused:
        _approve(contribution.item, editor)

    assert "« recherche seulement »" in str(refused.value)
    assert ArchiveItemPage.objects.get(pk=contribution.item.pk).live is False


def test_approval_publishes_when_the_web_is_allowed(archive_index, editor):
    contribution = contribution_create(data=contribution_data(), photos=[_photo()])
    describe_photos(contribution)

    _approve(contribution.item, editor)

    assert ArchiveItemPage.objects.get(pk=contribution.item.pk).live is True


def test_editor_publish_shows_the_consent_reason_in_french(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data(allow_web=False, allow_festival=True))
    item = contribution.item.specific

    response = editor_client.post(f"/admin/pages/{item.pk}/edit/", _edit_form(item))

    assert response.status_code == 200
    html = response.content.decode()
    assert "autorisé la publication" in html
    assert "La Sainte-Barbe à la fosse 11" in html
    assert ArchiveItemPage.objects.get(pk=item.pk).live is False


def test_editor_can_still_save_a_draft_without_web_consent(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data(allow_web=False, allow_festival=True))
    item = contribution.item.specific
    form = _edit_form(item, publish=False)
    form["title"] = "La Sainte-Barbe, relue"

    response = editor_client.post(f"/admin/pages/{item.pk}/edit/", form)

    assert response.status_code == 302
    saved = ArchiveItemPage.objects.get(pk=item.pk).get_latest_revision_as_object()
    assert saved.title == "La Sainte-Barbe, relue"


def test_item_forced_live_without_web_consent_is_not_shown(client, archive_index):
    theme = ThemeFactory(name="Les carnets")
    item = ArchiveItemPageFactory(parent=archive_index, title="Le carnet de Lucien")
    item.themes.set([theme])
    item.save_revision().publish()
    Contribution.objects.create(
        title="Le carnet",
        story="…",
        full_name="Lucien Martel",
        email="lucien@example.org",
        allow_web=False,
        allow_research=True,
        item=item,
    )

    page = client.get(item.url)
    index = client.get(archive_index.url).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    themes = client.get(f"{archive_index.url}themes/").content.decode()

    assert page.status_code == 404
    assert "Le carnet de Lucien" not in index
    assert item.slug not in sitemap
    assert "0 élément" in themes


def test_contribution_form_refuses_research_only_with_other_uses():
    form = ContributionForm(
        data={
            "title": "Titre",
            "story": "Récit",
            "full_name": "Jeannine Dupont",
            "name_display": "full",
            "email": "j@example.org",
            "allow_web": "on",
            "allow_research": "on",
            "licence": Licence.CC_BY,
            "accept": "on",
        }
    )

    assert not form.is_valid()
    assert form.errors["allow_research"] == [
        "« Recherche seulement » exclut le site et le festival : décochez ce choix, "
        "ou les deux autres."
    ]


# Alt text ------------------------------------------------------------------------------------


def test_approval_refused_until_the_contributed_photos_are_described(archive_index, editor):
    contribution = contribution_create(data=contribution_data(), photos=[_photo(), _photo()])

    with pytest.raises(PublicationRefused) as refused:
        _approve(contribution.item, editor)

    message = str(refused.value)
    assert "L'image principale « La Sainte-Barbe à la fosse 11 (1) »" in message
    assert "L'image 1 de la galerie, « La Sainte-Barbe à la fosse 11 (2) »" in message
    assert ArchiveItemPage.objects.get(pk=contribution.item.pk).live is False


def test_editor_publish_names_the_cover_image_without_alt_text(editor_client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index, live=False)
    cover = CustomImageFactory(title="Le chevalement", description="")

    response = editor_client.post(
        f"/admin/pages/{item.pk}/edit/", _edit_form(item, cover_image=cover)
    )

    assert response.status_code == 200
    assert "L&#x27;image principale « Le chevalement »" in response.content.decode()
    assert ArchiveItemPage.objects.get(pk=item.pk).live is False


def test_editor_publish_names_the_gallery_image_without_alt_text(editor_client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index, live=False)
    described = CustomImageFactory(title="La lampisterie")
    undescribed = CustomImageFactory(title="La salle des pendus", description="  ")

    response = editor_client.post(
        f"/admin/pages/{item.pk}/edit/", _edit_form(item, gallery=[described, undescribed])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "L&#x27;image 2 de la galerie, « La salle des pendus »" in html
    assert "« La lampisterie »" not in html.split("galerie, ")[-1].split("alternatif")[0]
    assert ArchiveItemPage.objects.get(pk=item.pk).live is False


def test_editor_publishes_when_every_image_is_described(editor_client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index, live=False)
    cover, other = CustomImageFactory(), CustomImageFactory()

    response = editor_client.post(
        f"/admin/pages/{item.pk}/edit/", _edit_form(item, cover_image=cover, gallery=[other])
    )

    assert response.status_code == 302
    assert ArchiveItemPage.objects.get(pk=item.pk).live is True


def test_scheduled_or_coded_publish_refused_without_alt_text(archive_index):
    item = ArchiveItemPageFactory(parent=archive_index)
    item.cover_image = CustomImageFactory(title="Le terril", description="")
    revision = item.save_revision()

    with pytest.raises(PublicationRefused) as refused:
        revision.publish()

    assert "« Le terril » n'a pas de texte alternatif" in str(refused.value)


# Licence -------------------------------------------------------------------------------------


def test_all_rights_reserved_item_offers_no_large_copy(client, archive_index):
    item = ArchiveItemPageFactory(
        parent=archive_index, licence=Licence.ALL_RIGHTS_RESERVED, cover_image=CustomImageFactory()
    )
    item.save_revision().publish()

    html = client.get(item.url).content.decode()

    assert "item-figure__zoom" not in html
    assert "(agrandir)" not in html
    assert "pas de téléchargement" in html


def test_open_licence_item_links_to_the_large_copy(client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index, cover_image=CustomImageFactory())
    item.save_revision().publish()

    html = client.get(item.url).content.decode()

    assert "item-figure__zoom" in html
    assert "pas de téléchargement" not in html


def test_edit_view_warns_before_approval_what_blocks_publication(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data(allow_web=False, allow_festival=True))

    html = editor_client.get(f"/admin/pages/{contribution.item.pk}/edit/").content.decode()

    assert "Cet élément ne peut pas encore être publié ni approuvé" in html
    assert "autorisé la publication sur le site" in html


def test_edit_view_has_no_warning_when_publication_is_possible(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data())

    html = editor_client.get(f"/admin/pages/{contribution.item.pk}/edit/").content.decode()

    assert "ne peut pas encore être publié" not in html


def test_edit_view_links_each_photo_without_alt_text_to_its_description(
    editor_client, archive_index
):
    contribution = contribution_create(data=contribution_data(), photos=[_photo(), _photo()])
    item = contribution.item
    cover, other = (stored.image for stored in contribution.files.order_by("position"))

    html = editor_client.get(f"/admin/pages/{item.pk}/edit/").content.decode()

    back = f"?next=%2Fadmin%2Fpages%2F{item.pk}%2Fedit%2F"
    assert f'href="/admin/images/{cover.pk}/{back}"' in html
    assert f'href="/admin/images/{other.pk}/{back}"' in html
    assert "Décrire « La Sainte-Barbe à la fosse 11 (2) »" in html


def test_describing_a_photo_from_the_link_brings_the_editor_back_to_the_item(
    editor_client, archive_index
):
    contribution = contribution_create(data=contribution_data(), photos=[_photo()])
    item = contribution.item
    image = contribution.files.get().image
    back = f"/admin/pages/{item.pk}/edit/"

    response = editor_client.post(
        f"/admin/images/{image.pk}/?next={back}",
        {
            "title": image.title,
            "description": "Des mineurs en habit de fête devant la fosse 11.",
            "collection": image.collection_id,
            "tags": "",
            "credit": image.credit,
            "licence": image.licence,
            "date_taken": image.date_taken,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == back
    html = editor_client.get(back).content.decode()
    assert "ne peut pas encore être publié" not in html


# Approving outside the edit page (dashboard, moderation list) ---------------------------------


def _workflow_action_url(item) -> str:
    task_state = WorkflowState.objects.active().for_instance(item).get().current_task_state
    return f"/admin/pages/workflow/action/{item.pk}/approve/{task_state.pk}/"


def test_dashboard_approval_refused_says_why_in_french(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data(allow_web=False, allow_festival=True))
    item = contribution.item

    response = editor_client.post(
        _workflow_action_url(item), {"comment": "", "next": "/admin/"}, follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain == [("/admin/", 302)]
    assert "n&#x27;est pas publié et reste en modération" in html
    assert "n&#x27;a pas autorisé la publication sur le site" in html
    assert "autorisations" not in html
    assert f'href="/admin/pages/{item.pk}/edit/"' in html
    assert ArchiveItemPage.objects.get(pk=item.pk).live is False
    state = WorkflowState.objects.active().for_instance(item).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == "in_progress"


def test_modal_approval_with_comment_refused_names_the_photo(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data(), photos=[_photo()])
    item = contribution.item

    response = editor_client.post(
        _workflow_action_url(item),
        {"comment": "Très beau souvenir.", "next": "/admin/"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert response.json()["step"] == "success"
    html = editor_client.get(response.json()["redirect"]).content.decode()
    assert "« La Sainte-Barbe à la fosse 11 (1) » n&#x27;a pas de texte alternatif" in html
    assert ArchiveItemPage.objects.get(pk=item.pk).live is False
    assert WorkflowState.objects.active().for_instance(item).exists()


def test_dashboard_approval_publishes_once_the_photos_are_described(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data(), photos=[_photo()])
    describe_photos(contribution)

    response = editor_client.post(
        _workflow_action_url(contribution.item), {"comment": "", "next": "/admin/"}, follow=True
    )

    assert "reste en modération" not in response.content.decode()
    assert ArchiveItemPage.objects.get(pk=contribution.item.pk).live is True
