"""Reading a page the way a visitor whose submission was refused reads it."""

from dataclasses import dataclass

from bs4 import BeautifulSoup


@dataclass(frozen=True)
class ErrorSummary:
    text: str
    links: dict[str, str]  # link text -> the id of the field block it leads to
    focusable: bool


def error_summary(html: str) -> ErrorSummary:
    """The summary above a refused form, with where each of its links lands; fails if a link
    leads to no block of the page."""
    page = BeautifulSoup(html, "html.parser")
    box = page.find(id="erreurs")
    assert box is not None, "no error summary on the page"
    links = {}
    for link in box.find_all("a"):
        target = link["href"].removeprefix("#")
        assert page.find(id=target) is not None, f"{link['href']} leads nowhere"
        links[link.get_text(" ", strip=True)] = target
    return ErrorSummary(
        text=box.get_text(" ", strip=True),
        links=links,
        focusable=box.get("role") == "alert" and box.get("tabindex") == "-1",
    )
