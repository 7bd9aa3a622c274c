"""The public correction form against anything a browser (or a robot) can send: valid or
invalid with French errors, never an exception."""

from django.utils.datastructures import MultiValueDict
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.transcripts.forms import CorrectionForm

PROPERTIES = settings(max_examples=100, deadline=None)
fields = [*CorrectionForm.base_fields, "website", "inconnu"]


@PROPERTIES
@given(st.dictionaries(st.sampled_from(fields), st.lists(st.text(max_size=200), max_size=3)))
def test_correction_form_is_valid_or_says_why(data):
    form = CorrectionForm(MultiValueDict(data), initial={"proposed_text": "Le porion."})

    if form.is_valid():
        assert form.cleaned_data["proposed_text"].strip()
    else:
        assert all(message for messages in form.errors.values() for message in messages)
