from tests.archive.conftest import archive_index, editor  # noqa: F401 - shared fixtures
