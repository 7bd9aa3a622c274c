"""The archive's models, split by kind: pages, snippets, and the private contributions."""

from archive.models.contributions import (
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
from archive.models.pages import (
    ArchiveIndexPage,
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
