"""The archive's public forms against anything a browser (or a robot) can send: valid or
invalid with French errors, never an exception; and what they accept, the site can store."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.contributions.forms import (
    ContributionEditForm,
    ContributionForm,
    LinksResendForm,
    ResidentAdditionForm,
)
from archive.dates import parse_fuzzy_date
from tests.factories.archive import PlaceFactory, ThemeFactory
from tests.factories.media import jpeg_with_gps_bytes, png_bytes

pytestmark = pytest.mark.django_db

# One database for all examples (nothing is written): the fixture's scope is no concern.
PROPERTIES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# What a field can receive: any text, numbers (odd digits too), dates, booleans as browsers
# send them, and huge values.
values = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.sampled_from(["on", "true", "", "0", "1", "initial", "pseudonym", "cc-by-4.0"]),
    st.just("x" * 5000),
)


def sent(fields: list[str]):
    """Form data as a request carries it: some of ``fields`` and a stray one, 0 to 3 values."""
    return st.dictionaries(
        st.sampled_from([*fields, "website", "inconnu"]), st.lists(values, max_size=3)
    ).map(MultiValueDict)


def photo_uploads():
    whole = [jpeg_with_gps_bytes(), png_bytes()]
    # Real photos cut anywhere, and bytes that only look like one.
    cut = st.sampled_from(whole).flatmap(
        lambda data: st.integers(0, len(data)).map(lambda end: data[:end])
    )
    files = st.one_of(st.sampled_from(whole), cut, st.binary(max_size=64)).map(
        lambda data: SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")
    )
    return st.lists(files, max_size=2)


def assert_valid_or_french_errors(form) -> None:
    if form.is_valid():
        return
    for messages in form.errors.values():
        assert all(isinstance(message, str) and message for message in messages)


@pytest.fixture
def choices(db):
    return PlaceFactory(), ThemeFactory()


@PROPERTIES
@given(data=sent(list(ContributionForm.base_fields)), photos=photo_uploads())
def test_contribution_form_is_valid_or_says_why(choices, data, photos):
    files = MultiValueDict({"photos": photos}) if photos else MultiValueDict()
    form = ContributionForm(data, files)

    assert_valid_or_french_errors(form)
    if form.is_valid():
        # What it accepts, processing can file: the date in words never fails.
        parse_fuzzy_date(form.cleaned_data["date_label"])


@PROPERTIES
@given(data=sent(list(ContributionEditForm.base_fields)))
def test_contribution_edit_form_is_valid_or_says_why(choices, data):
    assert_valid_or_french_errors(ContributionEditForm(data))


@PROPERTIES
@given(data=sent(list(ResidentAdditionForm.base_fields)))
def test_resident_addition_form_is_valid_or_says_why(choices, data):
    form = ResidentAdditionForm(data)

    assert_valid_or_french_errors(form)
    if form.is_valid():
        parse_fuzzy_date(form.cleaned_data["date_label"])


@PROPERTIES
@given(data=sent(list(LinksResendForm.base_fields)))
def test_links_form_is_valid_or_says_why(data):
    assert_valid_or_french_errors(LinksResendForm(data))


@PROPERTIES
@given(data=sent(["email"]))
def test_the_honeypot_is_read_from_any_data(data):
    form = LinksResendForm(data)

    assert form.is_spam == bool(str(data.get("website", "")).strip())


@pytest.mark.parametrize("form_class", [ContributionForm, ContributionEditForm])
@pytest.mark.parametrize("number", [str(2**63), "-" + str(2**63), "9" * 30, "፩", "²"])
def test_a_place_or_theme_beyond_any_id_is_a_french_error(form_class, number):
    """Found by the property above: such a number reached the database, an exception (500);
    « ፩ » and « ² » are digits to ``str.isdigit`` that ``int`` does not read."""
    ThemeFactory()
    form = form_class(MultiValueDict({"place": [number], "themes": [number]}))

    assert not form.is_valid()
    assert "n’est pas une valeur correcte" in form.errors["themes"][0]
    assert "Sélectionnez un choix valide" in form.errors["place"][0]
