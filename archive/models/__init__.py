"""The archive's models, split by kind: pages, snippets; the private contributions live in
their slice (``archive.contributions.models``) and are registered from here."""

from archive.contributions.models import (
    AdditionStatus,
    Contribution,
    ContributionFile,
    ContributionFileKind,
    ContributionStatus,
    NameDisplay,
    ResidentAddition,
    Withdrawal,
    WithdrawalInitiator,
)
from archive.models.index import ArchiveIndexPage
from archive.models.pages import (
    ArchiveItemImage,
    ArchiveItemPage,
    ItemKind,
    ItemSource,
)
from archive.models.snippets import ArchiveCollection, Place, PlaceKind, Theme
from archive.transcripts.models import IndexSegment, Interview, Segment, SegmentCorrection, Tape  # noqa: F401

__all__ = [
    "AdditionStatus",
    "ArchiveCollection",
    "ArchiveIndexPage",
    "ArchiveItemImage",
    "ArchiveItemPage",
    "Contribution",
    "ContributionFile",
    "ContributionFileKind",
    "ContributionStatus",
    "ItemKind",
    "ItemSource",
    "NameDisplay",
    "Place",
    "PlaceKind",
    "ResidentAddition",
    "Theme",
    "Withdrawal",
    "WithdrawalInitiator",
]
