"""Fifty-fifty projects in the site search, on each real engine and on the database's index:
found in French as visitors type it, under their own kind « Projet fifty-fifty » next to the
archive's kinds; only public projects, and never their proposer's contact or the team's notes;
a project withdrawn, hidden or declined-then-changed is brought in line as soon as it is saved."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from elasticsearch import helpers

from projects.models import Project, ProjectPhoto, ProjectStatus
from search import engine, selectors, services
from search.models import SearchEntry, SearchFacetValue
from search.query import SearchParams
from tests.factories.media import CustomImageFactory
from tests.factories.projects import (
    DecisionFactory,
    InternalNoteFactory,
    ProgressUpdateFactory,
    ProjectContactFactory,
    ProjectFactory,
)
from tests.search.factories import CHURCH, archive_index, item, place
from tests.search.test_views import (
    DATABASE_SEARCH_QUERIES,
    DATABASE_SUGGESTION_QUERIES,
    PAGE_QUERIES,
)

pytestmark = pytest.mark.django_db

GARDEN = {
    "title": "Un jardin partagé derrière l'école Basly",
    "slug": "jardin-partage-ecole-basly",
    "kind": "garden",
    "need": "Les enfants de l'école n'ont aucun endroit où cultiver des légumes.",
    "commitment": "Douze parents bêchent les carrés et arrosent pendant les vacances d'été.",
    "carrier_name": "L'association des parents d'élèves Basly",
    "status": ProjectStatus.RUNNING,
}
# The words every hidden project shares with the public one: found, they would show.
HIDDEN_NEED = "Un jardin partagé pour les enfants de l'école."
CONTACT = {"name": "Ginette Wattebled", "email": "ginette.wattebled@exemple.fr"}
PHONE = "06 98 76 54 32"
NOTE = "Le président de l'association est fâché avec le service technique."
PENDING_PROGRESS = "Nous avons trouvé un trésor sous les carrés de légumes."


def garden_project(**fields) -> Project:
    pit = place(name="Cité 12", slug="cite-12")
    return ProjectFactory(**{**GARDEN, "place": pit, **fields})


@pytest.fixture
def projects(backend, home_page):
    """One public project, an archive item beside it, and every kind of hidden project."""
    item(archive_index(home_page), **CHURCH)
    garden = garden_project()
    ProjectContactFactory(project=garden, phone=PHONE, **CONTACT)
    InternalNoteFactory(project=garden, text=NOTE)
    ProgressUpdateFactory(project=garden, text=PENDING_PROGRESS)
    ProjectFactory(title="Jardin non confirmé", need=HIDDEN_NEED, status=ProjectStatus.UNCONFIRMED)
    ProjectFactory(title="Jardin sans consentement", need=HIDDEN_NEED, show_publicly=False)
    ProjectFactory(title="Jardin retiré", need=HIDDEN_NEED, status=ProjectStatus.WITHDRAWN)
    services.index_rebuild()
    return garden


def search(q: str = "", **filters):
    return selectors.search_content(SearchParams(q=q, filters=filters))


def titles(results) -> list[str]:
    return [hit.title for hit in results.results]


@pytest.mark.parametrize(
    "q",
    [
        "jardin",
        "jardins partagés",  # plural
        "l'ecole",  # elision, accent left out
        "L’ÉCOLE Basly",  # typographic apostrophe, capitals
        "legumes",  # in the need
        "vacances d'ete",  # in what the residents commit
        "parents d'eleves",  # the carriers' displayed name
        "Cité 12",  # the place
    ],
)
def test_public_project_is_found_in_french(projects, backend, q):
    results = search(q)

    assert results.engine == backend
    assert titles(results) == [GARDEN["title"]]
    hit = results.results[0]
    assert hit.url == "/projets/jardin-partage-ecole-basly/"
    assert hit.kind == "project"
    assert hit.kind_label == "Projet fifty-fifty"
    assert hit.place == "Cité 12"
    assert hit.date_label.startswith("En cours · ")


def test_projects_have_their_own_kind_facet_beside_the_archive_s(projects, backend):
    results = search()

    assert results.engine == backend
    assert results.facets["kind"] == [
        {"value": "memory", "label": "Souvenir écrit", "count": 1},
        {"value": "project", "label": "Projet fifty-fifty", "count": 1},
    ]


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"kind": "project"}, [GARDEN["title"]]),
        ({"kind": "memory"}, [CHURCH["title"]]),
        ({"kind": "project", "place": "Cité 12"}, [GARDEN["title"]]),
    ],
)
def test_filtering_by_kind_keeps_projects_or_leaves_them_out(projects, backend, filters, found):
    assert titles(search(**filters)) == found


def test_project_near_its_place_is_found(projects, backend):
    results = selectors.search_content(SearchParams(near=(50.4574, 2.7930, 1.0)))

    assert titles(results) == [GARDEN["title"]]


def test_hidden_projects_are_never_found(projects, backend, client):
    assert titles(search("jardin")) == [GARDEN["title"]]
    assert titles(search(kind="project")) == [GARDEN["title"]]
    suggestions = client.get("/api/search/autocomplete/", {"q": "jardin"}).json()["suggestions"]
    assert [suggestion["title"] for suggestion in suggestions] == [GARDEN["title"]]
    assert suggestions[0]["kind_label"] == "Projet fifty-fifty"
    page = client.get("/recherche/", {"q": "jardin"}).content.decode()
    assert "Jardin retiré" not in page
    assert "Jardin non confirmé" not in page
    assert "Jardin sans consentement" not in page


def test_autocomplete_offers_public_projects(projects, backend, client):
    answer = client.get("/api/search/autocomplete/", {"q": "un jard"}).json()

    assert [suggestion["title"] for suggestion in answer["suggestions"]] == [GARDEN["title"]]
    assert answer["suggestions"][0]["url"] == "/projets/jardin-partage-ecole-basly/"


def _indexed_texts(backend: str) -> list[str]:
    """Every stored document, as text: the database's entries and their facets, and the
    engine's sources."""
    texts = [
        json.dumps(entry, default=str, ensure_ascii=False) for entry in SearchEntry.objects.values()
    ]
    texts += [str(value) for value in SearchFacetValue.objects.values_list("value", flat=True)]
    if backend == "elasticsearch":
        client = engine.get_client()
        client.indices.refresh(index=engine.alias_name())
        texts += [
            json.dumps(hit["_source"], ensure_ascii=False)
            for hit in helpers.scan(client, index=engine.alias_name())
        ]
    return texts


def test_private_data_is_in_no_indexed_document(projects, backend):
    texts = _indexed_texts(backend)

    assert len(texts) >= 2
    for private in (CONTACT["email"], CONTACT["name"], PHONE, NOTE, PENDING_PROGRESS):
        assert [text for text in texts if private in text] == []
    assert titles(search("wattebled")) == []
    assert titles(search("tresor")) == []


def test_withdrawn_project_leaves_every_search_at_once(projects, backend, sync, client):
    assert titles(search("jardin")) == [GARDEN["title"]]

    with sync:
        projects.status = ProjectStatus.WITHDRAWN
        projects.save()

    assert titles(search("jardin")) == []
    assert titles(search(kind="project")) == []
    assert client.get("/api/search/autocomplete/", {"q": "jardin"}).json()["suggestions"] == []
    assert not SearchEntry.objects.filter(doc_type="project").exists()


def test_consent_withdrawn_then_given_again_follows_the_index(projects, backend, sync):
    with sync:
        projects.show_publicly = False
        projects.save()

    assert titles(search("jardin")) == []

    with sync:
        projects.show_publicly = True
        projects.save()

    assert titles(search("jardin")) == [GARDEN["title"]]


def test_confirmed_proposal_enters_the_index(backend, home_page, sync):
    with sync:
        proposal = garden_project(status=ProjectStatus.UNCONFIRMED)
    assert titles(search("jardin")) == []

    with sync:
        proposal.status = ProjectStatus.RECEIVED
        proposal.save()

    results = search("jardin")
    assert titles(results) == [GARDEN["title"]]
    assert results.results[0].date_label.startswith("Proposition reçue · ")


def test_a_decision_shows_the_new_state_in_the_results(projects, backend, sync):
    # The state written without the project's own save: the decision still brings it in.
    with sync:
        Project.objects.filter(pk=projects.pk).update(status=ProjectStatus.COMPLETED)
        DecisionFactory(project=projects, status=ProjectStatus.COMPLETED)

    assert search("jardin").results[0].date_label.startswith("Terminé · ")


def test_deleted_project_leaves_the_index(projects, backend, sync):
    with sync:
        projects.delete()

    assert titles(search("jardin")) == []


def test_proposal_photo_is_the_result_s_thumbnail(projects, backend, sync):
    with sync:
        ProjectPhoto.objects.create(project=projects, image=CustomImageFactory())

    thumbnail = search("jardin").results[0].thumbnail
    assert thumbnail.endswith(".png") or thumbnail.endswith(".jpg")


def test_update_command_removes_a_project_hidden_behind_its_back(projects, backend):
    # Written without a signal (a bulk update): only the next « update » can notice it.
    Project.objects.filter(pk=projects.pk).update(status=ProjectStatus.WITHDRAWN)
    out = io.StringIO()

    call_command("search_index", "update", stdout=out)
    call_command("search_index", "status", stdout=out)

    assert titles(search("jardin")) == []
    assert "1 documents indexés" in out.getvalue()
    assert "Aucun écart." in out.getvalue()


def test_rebuild_and_status_count_the_projects(projects, backend):
    rows, _index = services.index_status()

    projects_row = next(row for row in rows if row.doc_type == "project")
    assert projects_row.label == "Projets fifty-fifty"
    assert projects_row.in_database == 1
    assert projects_row.in_fallback == 1
    assert projects_row.in_engine == (1 if backend == "elasticsearch" else None)
    assert projects_row.drift is False
    assert services.index_rebuild().documents == 2


@pytest.mark.parametrize("n", [1, 30])
def test_search_page_queries_do_not_grow_with_projects(
    backend, home_page, client, django_assert_num_queries, n
):
    archive_index(home_page)  # the menu as on every site (its query is in PAGE_QUERIES)
    pit = place(name="Cité 12", slug="cite-12")
    for number in range(n):
        ProjectFactory(title=f"Un jardin partagé numéro {number}", place=pit)
    services.index_rebuild()
    client.get("/recherche/")  # the footer is created and the facets loaded on a first visit
    expected = PAGE_QUERIES
    if backend == "database":
        expected += DATABASE_SEARCH_QUERIES[connection.vendor]
        expected += DATABASE_SUGGESTION_QUERIES if n < 3 else 0

    with django_assert_num_queries(expected):
        response = client.get("/recherche/", {"q": "jardin"})

    assert response.status_code == 200
    assert response.context["results"].engine == backend
    assert response.context["results"].count == n
    assert "Projet fifty-fifty" in response.content.decode()
