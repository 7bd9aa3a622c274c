import pytest

from tests.factories.projects import AgreedVersionFactory, ResidentsLineFactory, TownLineFactory

pytestmark = pytest.mark.django_db


def test_smoke(client):
    version = AgreedVersionFactory()
    TownLineFactory(version=version)
    ResidentsLineFactory(version=version)
    slug = version.project.slug
    for url in [
        "/projets/",
        f"/projets/{slug}/",
        f"/projets/{slug}/convention-v{version.number}.pdf",
        "/projets/bilan/",
        "/projets/donnees/projets.csv",
        "/projets/donnees/projets.json",
        "/projets/chantiers.ics",
    ]:
        response = client.get(url)
        print(url, response.status_code, response["Content-Type"])
        assert response.status_code == 200
        open("/tmp/pubsmoke/" + url.strip("/").replace("/", "_") + ".out", "wb").write(
            response.content
        )
