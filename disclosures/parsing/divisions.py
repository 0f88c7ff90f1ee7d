"""The names of the country's divisions (省, 市, 县, 区, 旗 …), as words: a publisher's name starts with a chain of
them ("河北省保定市顺平县", "漯河市郾城区", "和平县"). Read from the national list the project ships
(data/regions/adcodes.csv); plain data, no database."""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from pathlib import Path

_LIST = Path(__file__).resolve().parents[2] / "data" / "regions" / "adcodes.csv"
_LONGEST = 12  # no division name is longer (新疆维吾尔自治区, 克孜勒苏柯尔克孜自治州 …)


@cache
def division_names() -> frozenset[str]:
    try:
        with _LIST.open(encoding="utf-8-sig", newline="") as f:
            return frozenset(row["name"].strip() for row in csv.DictReader(f) if row.get("name"))
    except OSError:
        return frozenset()


# A document names its publisher in the same words many times over (a seed: 3 distinct runs in 36 mentions): each
# run read once.
@lru_cache(maxsize=4096)
def place_tail(run: str) -> str | None:
    """The longest end of `run` that is a chain of division names: "现将漯河市郾城区" -> "漯河市郾城区",
    "和平县" -> "和平县" (a county, not 和 + 平县); None when no end of it is one. A chain is one or more division
    names in a row ("漯河市郾城区")."""
    # Whether each end run[start:] is a chain, worked out once from the back (a chain is a name followed by a chain
    # or by nothing): testing every end on its own read the same names again for each start.
    names = division_names()
    length = len(run)
    chain = [False] * length + [True]
    for start in range(length - 1, -1, -1):
        chain[start] = any(
            chain[end] and run[start:end] in names for end in range(start + 1, min(length, start + _LONGEST) + 1)
        )
    return next((run[start:] for start in range(length - 1) if chain[start]), None)
