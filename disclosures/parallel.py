"""The imports' one way to use several processors: the files are read and parsed in worker processes (no database),
while the calling process writes them one by one, in their order. Every decision that reads the database (same file,
other version, which bureau) is then taken as a one-process import takes it, and the records come out in the order
of the files."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from django.db import connections

T = TypeVar("T")
R = TypeVar("R")

# One process writes every file: past about four parsing workers it is the writer (and PostgreSQL) that waits, and
# each worker holds a parsed document or two (~80 MB each at most).
MOST_JOBS = 4


def jobs_for(*, asked: int | None, items: int, vendor: str) -> int:
    """How many processes read and parse: as asked (at least 1), or by default as many as the processors this
    process may run on, up to MOST_JOBS, for more than one file; always 1 on SQLite, where one process writes and
    reads alike."""
    if vendor != "postgresql":
        return 1
    if asked is not None:
        return max(1, asked)
    if items < 2:
        return 1
    return max(1, min(MOST_JOBS, len(os.sched_getaffinity(0)), items))


AHEAD = 8  # items computed ahead of the caller, per worker


@contextmanager
def in_workers(function: Callable[[T], R], items: Iterable[T], *, jobs: int) -> Iterator[Iterator[tuple[T, R]]]:
    """(item, function(item)) for each item, computed in `jobs` worker processes (in this one when jobs is 1), in
    the order of the items. `function` must be a module-level function and read no database. The workers start on
    entering, before the caller opens a transaction; a few items per worker (AHEAD) are computed ahead of the
    caller, never all of them, so memory stays that of a few dozen documents. A worker that dies (killed, out of
    memory) ends the batch with BrokenProcessPool, never a wait for a result that will not come."""
    if jobs <= 1:
        yield ((item, function(item)) for item in items)
        return
    # The workers are forked and use no database: the connections they would inherit are closed first (not inside a
    # transaction, which closing would end; the workers never write to them).
    if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        connections.close_all()
    items = iter(items)
    # Each worker freezes what it inherited (the modules, the settings, the regions) out of the collector's full
    # passes, as the writing process does for its batch: a parse allocates enough to start several, each of which
    # walked all of it, 3-7% of a demo document's parse.
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=gc.freeze)
    try:
        # The first submissions fork every worker: here, on entering. The results are taken in order: a window of
        # AHEAD items per worker keeps a worker parsing while one slow document holds the caller (2 per worker left
        # the processors idle a tenth of the time: 2,000 demo files, 2 jobs, 104-108 -> 109-114 files/s), and
        # memory stays that of a few dozen documents.
        pending = deque((item, pool.submit(function, item)) for item in islice(items, AHEAD * jobs))
        yield _in_order(pool, function, items, pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_order(
    pool: ProcessPoolExecutor, function: Callable[[T], R], items: Iterator[T], pending: deque[tuple[T, Future]]
) -> Iterator[tuple[T, R]]:
    while pending:
        item, future = pending.popleft()
        result = future.result()
        for following in islice(items, 1):  # the workers go on while the caller writes this one
            pending.append((following, pool.submit(function, following)))
        yield item, result
