"""The volunteer sign-up form against anything a browser (or a robot) can send: valid or
invalid with French errors, never an exception, and the ticked shifts shown back are real."""

import pytest
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from festival.volunteers.forms import SignupForm
from tests.factories.volunteers import ShiftFactory

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
values = st.one_of(
    st.text(max_size=40),
    # Digits of every script, superscripts and fractions: « ² » is a digit to str.isdigit.
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["on", "", "marie@exemple.fr"]),
)
fields = [*SignupForm.base_fields, "website"]


@pytest.fixture
def shifts(volunteer_edition):
    return [ShiftFactory(edition=volunteer_edition) for _ in range(2)]


@PROPERTIES
@given(
    data=st.dictionaries(st.sampled_from(fields), st.lists(values, max_size=3)),
    ticked=st.lists(st.integers(0, 1), max_size=2),
)
def test_signup_form_is_valid_or_says_why(shifts, data, ticked):
    data = MultiValueDict(data)
    for index in ticked:
        data.appendlist("shifts", str(shifts[index].pk))
    form = SignupForm(data, shifts=shifts)

    if not form.is_valid():
        assert all(message for messages in form.errors.values() for message in messages)
    assert form.selected_ids() <= {shift.pk for shift in shifts}
    assert form.selected_ids() >= {shifts[index].pk for index in ticked}
