"""Path converters shared by every URLconf (registered in ``ConfigConfig.ready``)."""

from core.form_fields import MAX_ID

# Larger digits than ``MAX_ID`` reach the database as a number it cannot take: SQLite raises
# OverflowError, a 500.


class IdConverter:
    """``<id:pk>``: a database id. Out of range, the URL matches nothing, so a 404."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            # Django reads ValueError as "this pattern does not match".
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)
