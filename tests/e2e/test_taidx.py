"""The Ch'ti TAIDx's « done when », in a real browser: a resident proposes a talk on a phone;
the town's team (the « Ch'ti TAIDx » group, not a superuser) accepts it in the admin; the
speaker writes the text from the private link; the journalist (« Accompagnement ») suggests two
changes; the speaker refuses one, accepts the other and marks the text final, to be published;
the evening's page lists the talk; the team attaches the recording (an oral-history item with
its transcript); the project's page and the talk's page link each other; the speaker's
evaluation shows on both. And a town account, even a superuser, cannot change the text through
the admin."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import ProjectStatus
from talks.models import RemarkStatus, Talk, TalkStatus, TextVersion
from talks.permissions import HELPER_GROUP, TEAM_GROUP
from tests.factories.archive import ArchiveIndexPageFactory
from tests.factories.home import site_with_home
from tests.factories.projects import (
    AgreedVersionFactory,
    ProjectContactFactory,
    ProjectFactory,
    ResidentsLineFactory,
    TownLineFactory,
)
from tests.factories.talks import EveningFactory
from tests.factories.transcripts import (
    InterviewFactory,
    OralHistoryPageFactory,
    SegmentFactory,
    TapeFactory,
    recording,
)

from .browser import DESKTOP, PHONE, admin_log_in, axe_violations, describe_violations

PROJECT_TITLE = "Le verger partagé de la cité 5"
TALK_TITLE = "Un verger, deux semaines de retard"
RECORDING_TITLE = "Ch'ti TAIDx : Chantal L., le verger de la cité 5"
FIRST_TEXT = (
    "Nous étions huit voisins et un terrain vague derrière la cité 5.\n\n"
    "La ville a livré les arbres avec deux semaines de retard, et personne ne savait qui "
    "décidait.\n\n"
    "Aujourd'hui, le verger donne des pommes à toute la cité."
)
REFUSED = ("personne ne savait qui décidait", "la décision a pris un peu de temps")
ACCEPTED = (
    "deux semaines de retard",
    "deux semaines de retard (le 12 mars au lieu du 26 février)",
)
PASSWORD = "terril-1984"


def assert_axe_clean(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{describe_violations(violations)}"


def new_page(page, live_server, viewport):
    """Another person, in a browser of their own."""
    context = page.context.browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport=viewport,
        is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600,
        bypass_csp=True,
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def signed_in(page, live_server, django_user_model, username: str, *, group: str = "", name=""):
    """A town account in the admin: a group's member, or a superuser without ``group``."""
    create = (
        django_user_model.objects.create_user
        if group
        else django_user_model.objects.create_superuser
    )
    user = create(username, f"{username}@exemple.fr", PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    user.first_name, _space, user.last_name = name.partition(" ")
    user.save()
    other = new_page(page, live_server, DESKTOP)
    admin_log_in(other, username, PASSWORD)
    return other


@pytest.fixture
def taidx_site(migrated_db):
    """A completed fifty-fifty project with its agreement, an evening whose call is open, and
    the recording of the talk in the archive (an oral history with its transcript)."""
    home = site_with_home()
    archive = ArchiveIndexPageFactory(parent=home, title="L'archive des mémoires", slug="archive")
    archive.save_revision().publish()
    project = ProjectFactory(
        title=PROJECT_TITLE, slug="verger-cite-5", status=ProjectStatus.COMPLETED
    )
    ProjectContactFactory(project=project, name="Chantal Lefebvre", email="chantal@exemple.fr")
    agreement = AgreedVersionFactory(project=project)
    TownLineFactory(version=agreement, description="Douze arbres fruitiers")
    ResidentsLineFactory(version=agreement, description="Planter et arroser les arbres")
    evening = EveningFactory(
        title="Ch'ti TAIDx : faire avec la ville",
        slug="faire-avec-la-ville",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        call_open=True,
        call_closes_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    item = OralHistoryPageFactory(parent=archive, title=RECORDING_TITLE, slug="taidx-chantal-l")
    item.save_revision().publish()
    interview = InterviewFactory(page=item, speakers_note="Chantal L., habitante de la cité 5")
    TapeFactory(interview=interview, title="", media_file=recording(seconds=20), duration=None)
    SegmentFactory(
        interview=interview,
        start=0,
        end=9_000,
        speaker="Chantal L.",
        text="Nous étions huit voisins et un terrain vague.",
    )
    SegmentFactory(
        interview=interview,
        start=10_000,
        end=19_000,
        speaker="Chantal L.",
        text="Aujourd'hui, le verger donne des pommes à toute la cité.",
    )
    return project, evening, item


def test_a_talk_goes_from_proposal_to_recording_and_evaluation(
    page, page_problems, live_server, taidx_site, django_user_model
):
    project, evening, item = taidx_site

    # 1. A resident proposes a talk on a phone, without an account.
    speaker = new_page(page, live_server, PHONE)
    speaker.goto("/taidx/proposer/")
    speaker.get_by_label(re.compile("Ch'ti TAIDx : faire avec la ville")).check()
    speaker.get_by_label("Le titre de votre intervention").fill(TALK_TITLE)
    speaker.get_by_label("Votre nom affiché").fill("Chantal L.")
    speaker.get_by_label("Ce que je veux raconter").fill(
        "Le verger de la cité 5 : la ville a tenu parole, mais en retard, et sans interlocuteur."
    )
    speaker.get_by_label("Le projet fifty-fifty que vous racontez").select_option(
        label=PROJECT_TITLE
    )
    speaker.locator("#id_name").fill("Chantal Lefebvre")
    speaker.get_by_label("Votre adresse e-mail").fill("chantal@exemple.fr")
    speaker.get_by_label("J'accepte que l'équipe Ch'ti TAIDx").check()
    speaker.get_by_label("Si l'intervention est retenue").check()
    assert_axe_clean(speaker)
    speaker.get_by_role("button", name="Envoyer ma proposition").click()
    speaker.wait_for_url("**/taidx/proposer/merci/")
    hub = speaker.locator("#lien-prive").get_attribute("href")
    hub = hub.removeprefix(live_server.url)
    assert hub.startswith("/taidx/intervenant/")
    talk = Talk.objects.get()
    assert talk.status == TalkStatus.PROPOSED
    assert talk.project == project

    # 2. The team accepts it in the admin; the speaker is told by e-mail.
    team = signed_in(page, live_server, django_user_model, "equipe", group=TEAM_GROUP)
    team.goto("/admin/taidx/interventions/")
    team.get_by_role("link", name=TALK_TITLE).click()
    expect(team.get_by_text("chantal@exemple.fr")).to_be_visible()
    talk_file = team.url
    team.get_by_role("button", name="Retenir l'intervention").click()
    expect(team.locator(".messages")).to_contain_text("Intervention retenue")
    talk.refresh_from_db()
    assert talk.status == TalkStatus.ACCEPTED
    # The proposal's « bien reçu », then the decision.
    assert [message.to for message in mail.outbox] == [["chantal@exemple.fr"]] * 2

    # 3. The speaker writes the text from the private link.
    speaker.goto(hub)
    speaker.get_by_role("link", name="Écrire mon texte").click()
    speaker.get_by_label("Votre texte").fill(FIRST_TEXT)
    speaker.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(speaker.get_by_role("heading", name="Le texte (version 1)")).to_be_visible()
    text_page = speaker.url

    # 4. The journalist suggests a change, and another.
    journalist = signed_in(
        page, live_server, django_user_model, "claire", group=HELPER_GROUP, name="Claire Dumont"
    )
    journalist.goto("/admin/taidx/textes/")
    journalist.get_by_role("link", name=TALK_TITLE).click()
    for passage, replacement in (REFUSED, ACCEPTED):
        journalist.get_by_role("radio", name="Suggestion de changement").check()
        journalist.get_by_role("textbox", name="Passage").fill(passage)
        journalist.get_by_role("textbox", name="Commentaire").fill("Qu'en pensez-vous ?")
        journalist.get_by_role("textbox", name="Texte proposé à la place").fill(replacement)
        journalist.get_by_role("button", name="Envoyer la remarque à l'intervenant").click()
        expect(journalist.locator(".messages")).to_contain_text("Remarque envoyée")
    journalist.context.close()
    assert TextVersion.objects.get(talk=talk).body.replace("\r\n", "\n") == FIRST_TEXT

    # 5. The speaker refuses the first, with a reply, and accepts the second.
    speaker.goto(text_page)
    refused, accepted = talk.remarks.order_by("pk")
    answer = speaker.locator(f"#remarque-{refused.pk}")
    answer.get_by_label("Votre réponse").fill("Je garde mes mots : c'est ce que nous avons vécu.")
    answer.get_by_role("button", name="Refuser").click()
    speaker.locator(f"#remarque-{accepted.pk}").get_by_role(
        "button", name="Accepter la suggestion"
    ).click()
    expect(speaker.get_by_role("heading", name="Le texte (version 2)")).to_be_visible()
    refused.refresh_from_db()
    accepted.refresh_from_db()
    assert (refused.status, accepted.status) == (RemarkStatus.REFUSED, RemarkStatus.ACCEPTED)
    version = talk.text_versions.get(number=2)
    assert version.from_remark == accepted
    assert ACCEPTED[1] in version.body
    assert REFUSED[0] in version.body

    # 6. The text is final, and to be published with the talk.
    speaker.get_by_label("Publier mon texte avec l'intervention").check()
    speaker.get_by_role("button", name="Déclarer mon texte final").click()
    expect(
        speaker.get_by_text("Il sera publié avec votre intervention.", exact=True)
    ).to_be_visible()
    assert_axe_clean(speaker)

    # 7. The evening's page lists the talk.
    page.goto(f"/taidx/{evening.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(evening.title)
    expect(page.get_by_role("link", name=TALK_TITLE)).to_be_visible()
    assert_axe_clean(page)

    # 8. The team attaches the recording through the talk's edit form.
    team.goto(talk_file)
    team.get_by_role("link", name=re.compile("Corriger le titre")).click()
    team.get_by_label("Enregistrement dans l'archive").select_option(label=RECORDING_TITLE)
    team.get_by_role("button", name="Enregistrer").click()
    expect(team.locator(".messages")).to_contain_text(TALK_TITLE)
    talk.refresh_from_db()
    assert talk.recording_id == item.pk
    team.context.close()

    # 9. The speaker evaluates the cooperation, with the agreement's ratings.
    speaker.goto(hub)
    speaker.get_by_role("link", name="Évaluer la coopération avec la ville").click()
    speaker.get_by_label("Ce qui a bien marché avec la ville").fill("Les arbres, enfin livrés.")
    speaker.get_by_label("Ce qui n'a pas marché").fill("Personne ne savait qui décidait.")
    speaker.get_by_label("Ce que la ville devrait changer").fill(
        "Un interlocuteur unique par projet."
    )
    speaker.locator("[name=residents_rating][value='5']").check()
    speaker.locator("[name=town_rating][value='3']").check()
    speaker.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(speaker.locator(".messages")).to_be_visible()
    speaker.context.close()

    # 10. The talk's page: the text, the recording, the project, the evaluation.
    page.goto(f"/taidx/{evening.slug}/{talk.slug}/")
    main = page.locator("main")
    expect(main).to_contain_text(ACCEPTED[1])
    expect(main).to_contain_text("Un interlocuteur unique par projet.")
    expect(page.locator(f"main a[href='{item.url}']").first).to_be_visible()
    assert "chantal@exemple.fr" not in page.content()
    assert "Chantal Lefebvre" not in page.content()
    assert_axe_clean(page)
    page.get_by_role("link", name=PROJECT_TITLE).first.click()

    # 11. The project's page tells the talk and its evaluation, and links back.
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    expect(page.locator("main")).to_contain_text("Un interlocuteur unique par projet.")
    assert_axe_clean(page)
    page.get_by_role("link", name=TALK_TITLE).first.click()
    page.wait_for_url(f"**/taidx/{evening.slug}/{talk.slug}/")

    # 12. The recording's item in the archive: the transcript, and the talk it records.
    page.goto(item.url)
    expect(page.locator("main")).to_contain_text("le verger donne des pommes à toute la cité")
    expect(page.get_by_role("link", name=TALK_TITLE).first).to_be_visible()
    assert {tuple(message.to) for message in mail.outbox} == {("chantal@exemple.fr",)}
    page_problems.assert_none()


def test_a_superuser_cannot_change_a_speakers_text_through_the_admin(
    page, live_server, taidx_site, django_user_model
):
    """The town's most powerful account finds no form that edits the text, and what it
    posts to the talk's admin pages leaves every version as the speaker wrote it."""
    project, evening, _item = taidx_site
    talk = Talk.objects.create(
        evening=evening,
        slug="verger",
        status=TalkStatus.ACCEPTED,
        title=TALK_TITLE,
        speaker_name="Chantal L.",
        summary="Le verger de la cité 5.",
        project=project,
    )
    TextVersion.objects.create(talk=talk, number=1, body=FIRST_TEXT)
    town = signed_in(page, live_server, django_user_model, "ville")

    # The text's admin page shows the text to read, never in a field to change; the talk's
    # own admin page does not hold it at all.
    for path, shows_text in (
        ("/admin/taidx/textes/", True),
        ("/admin/taidx/interventions/", False),
    ):
        town.goto(path)
        town.get_by_role("link", name=TALK_TITLE).first.click()
        if shows_text:
            expect(town.locator("main")).to_contain_text("Nous étions huit voisins")
        for field in town.locator("main textarea, main input[type=text]").all():
            assert "Nous étions huit voisins" not in field.input_value()
    # What the superuser posts to the talk's own edit form, even with a text field added by
    # hand, changes nothing of the text.
    town.goto("/admin/taidx/interventions/")
    town.get_by_role("link", name=TALK_TITLE).first.click()
    town.get_by_role("link", name=re.compile("Corriger le titre")).click()
    town.locator("main form[method=post]").first.evaluate(
        """form => ["body", "text", "text_versions"].forEach(name => {
            const field = document.createElement("input");
            field.type = "hidden";
            field.name = name;
            field.value = "Tout s'est très bien passé.";
            form.append(field);
        })"""
    )
    town.get_by_role("button", name="Enregistrer").click()
    # No generic admin address edits a version.
    version = talk.text_versions.get()
    for path in (
        f"/admin/snippets/talks/textversion/edit/{version.pk}/",
        f"/admin/talks/textversion/{version.pk}/change/",
    ):
        assert town.goto(path).status in (403, 404), path
    assert [v.body for v in talk.text_versions.all()] == [FIRST_TEXT]
