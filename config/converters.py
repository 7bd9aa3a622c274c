"""Path converters shared by every URLconf (registered in ``ConfigConfig.ready``)."""

# The largest id a column holds (SQLite's INTEGER, PostgreSQL's bigint). Larger digits reach
# the database as a number it cannot take: SQLite raises OverflowError, a 500.
MAX_ID = 2**63 - 1


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
