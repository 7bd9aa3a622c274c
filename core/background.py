"""What every background job that may fail shares: when to try again, and in which order.

The outbox (mail) and contribution processing both retry from the periodic jobs: a failure
waits longer each time, up to a ceiling, and a bounded number of attempts; what is due is
taken oldest and newest alternately, so that a batch of poisoned items, however old or
recent, cannot hold back the others."""

import datetime
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def retry_wait(
    attempts: int, *, first: datetime.timedelta, longest: datetime.timedelta
) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failure: ``first``, then doubling."""
    return min(first * 2 ** max(attempts - 1, 0), longest)


def oldest_and_newest_alternately(items: Sequence[T], *, limit: int) -> list[T]:
    """``items`` ordered oldest first → at most ``limit`` of them, from both ends in turn."""
    taken: list[T] = []
    low, high = 0, len(items) - 1
    while low <= high and len(taken) < limit:
        taken.append(items[low])
        low += 1
        if low <= high and len(taken) < limit:
            taken.append(items[high])
            high -= 1
    return taken
