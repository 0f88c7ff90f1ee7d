"""The imports' one way to use several processors: the files are read and parsed in worker processes (no database),
while the calling process writes them one by one, in their order. Every decision that reads the database (same file,
other version, which bureau) is then taken as a one-process import takes it, and the records come out in the order
of the files."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import connections

T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def in_workers(function: Callable[[T], R], items: Iterable[T], *, jobs: int) -> Iterator[Iterator[tuple[T, R]]]:
    """(item, function(item)) for each item, computed in `jobs` worker processes (in this one when jobs is 1), in
    the order of the items. `function` must be a module-level function and read no database. The workers start on
    entering, before the caller opens a transaction; a few items per worker are computed ahead of the caller, never
    all of them, so memory stays that of a few documents."""
    if jobs <= 1:
        yield ((item, function(item)) for item in items)
        return
    # The workers are forked and use no database: the connections they would inherit are closed first (not inside a
    # transaction, which closing would end; a pool's workers leave by os._exit and never write to them).
    if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        connections.close_all()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield _ahead(pool, function, items, 2 * jobs)


def _ahead(pool, function: Callable[[T], R], items: Iterable[T], window: int) -> Iterator[tuple[T, R]]:
    pending: deque = deque()
    for item in items:
        pending.append((item, pool.apply_async(function, (item,))))
        if len(pending) >= window:
            done, result = pending.popleft()
            yield done, result.get()
    while pending:
        done, result = pending.popleft()
        yield done, result.get()
