"""Only for ``home``'s periodic jobs, which import ``contribution_retry`` from here: it is
``archive.contributions.processing.contribution_retry``. Nothing in the archive imports this
module; it goes once that import names the slice."""

from archive.contributions.processing import contribution_retry

__all__ = ["contribution_retry"]
