"""The admin speaks French to the town's editors: no listing shows Python's ``True``, ``False``
or ``None``, nor the English names that used to slip through (a withdrawal's columns, Wagtail's
default workflow)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from archive.contributions.services import contribution_create
from archive.contributions.withdrawal import contribution_withdraw
from archive.models import ResidentAddition
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveIndexPageFactory,
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
)
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, VenueFactory
from tests.factories.projects import ProjectFactory, WorkDayFactory
from tests.factories.talks import EveningFactory, GuestFactory, TalkFactory
from tests.factories.transcripts import InterviewFactory, SegmentFactory, recording
from tests.factories.volunteers import (
    PrerequisiteFactory,
    ShiftFactory,
    VolunteerFactory,
    WorkDayShiftFactory,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {"archive", "festival", "projects", "talks", "opendata", "home", "media"}
RAW_PYTHON = re.compile(r"\b(True|False|None)\b")
ENGLISH = ("Initiated by", "Had published item", "Moderators approval")


class _ReadText(HTMLParser):
    """What a person reads: the text outside scripts and styles, and the titles and labels
    that icons and screen readers give."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        self.parts.extend(
            value for name, value in attrs if name in {"title", "aria-label", "alt"} and value
        )

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _read_text(html: str) -> str:
    parser = _ReadText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _a_bit_of_everything(home_page) -> None:
    """A row in every listing, with yes, no and empty values."""
    archive = ArchiveIndexPageFactory(parent=home_page)
    item = ArchiveItemPageFactory(parent=archive)
    PlaceFactory(latitude=None, longitude=None)
    ThemeFactory()
    ArchiveCollectionFactory()
    interview = InterviewFactory(page=ArchiveItemPageFactory(parent=archive, kind="oral_history"))
    segment = SegmentFactory(interview=interview)
    recording()
    segment.corrections.create(proposed_text="On remontait noirs.", credit_name="Marcel")
    contribution_create(data=contribution_data())
    contribution_withdraw(contribution=contribution_create(data=contribution_data()))
    ResidentAddition.objects.create(
        item=item, person_named="Marcel", credit_name="Anne", email="anne@example.org"
    )

    festival = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(parent=festival)
    VenueFactory(wheelchair_accessible=False)
    ShiftFactory(edition=edition)
    PrerequisiteFactory()
    VolunteerFactory(edition=edition, first_time=True)
    VolunteerFactory(edition=edition, first_time=False)

    ProjectFactory(show_publicly=False)
    WorkDayShiftFactory(work_day=WorkDayFactory())
    evening = EveningFactory(call_open=False, published=False)
    GuestFactory(evening=evening)
    TalkFactory(evening=evening)


def _our_listings() -> dict[str, str]:
    """Every listing of our models, as ``{model: address}`` (the admin's URLs register the
    viewsets: load them first)."""
    reverse("wagtailadmin_home")
    listings = {}
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet) and viewset.model._meta.app_label in OUR_APPS:
            name = "list" if isinstance(viewset, SnippetViewSet) else "index"
            listings[viewset.model._meta.label] = reverse(viewset.get_url_name(name))
    return listings


def test_admin_listings_show_no_raw_python_value_nor_english_name(
    client, home_page, django_user_model
):
    _a_bit_of_everything(home_page)
    client.force_login(django_user_model.objects.create_superuser("redac", "r@example.org", "pw"))
    ours = _our_listings()
    listings = [
        *ours.values(),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailusers_users:index"),  # a yes/no column of Wagtail's own
    ]

    found = {}
    for url in listings:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _read_text(response.content.decode())
        wrong = sorted(set(RAW_PYTHON.findall(text)) | {s for s in ENGLISH if s in text})
        if wrong:
            found[url] = wrong

    assert {"archive.Withdrawal", "festival.Venue", "projects.Project", "talks.Evening"} <= set(
        ours
    )
    assert found == {}, "\n".join(f"{url} : {words}" for url, words in found.items())
