import os

import pytest

from tests.factories.home import site_with_home


def pytest_collection_modifyitems(config, items):
    """Tests under tests/e2e drive a browser; mark them so `-m "not e2e"` can skip them."""
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def pytest_sessionfinish(session, exitstatus):
    """On CI a test skipped for want of a service is a failure, not a pass."""
    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write_line(
            f"CI=true : {len(skipped)} test(s) ignoré(s) — un service manquant est un échec.",
            red=True,
        )
        session.exitstatus = 1


@pytest.fixture
def home_page(db):
    return site_with_home()
