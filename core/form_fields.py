"""Choice fields of database rows that answer any id sent with a form error, never a 500.

A number beyond the largest id a column holds reaches the database as one it cannot take
(SQLite raises ``OverflowError``): Django's own fields let it through. Every public form that
offers rows to choose (places, themes, evenings…) uses these."""

from django import forms
from django.core.exceptions import ValidationError

# The largest id a column holds (SQLite's INTEGER, PostgreSQL's bigint).
MAX_ID = 2**63 - 1


def _beyond_any_id(value) -> bool:
    text = str(value).strip().lstrip("+-")
    # ``isdecimal``: the digits ``int`` reads (``isdigit`` also takes « ፩ », which it does not).
    return text.isdecimal() and int(text) > MAX_ID


class RowChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and _beyond_any_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class RowsChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if _beyond_any_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
