"""Where one document's indicator values stand in its year and kind: among all counties, in its province and among
its peers (the counties whose insured residents fall in the same size band, selectors/bands.py), with each group's
median: counted among the values in order of the year and kind's slice summaries (selectors/summaries.py), so that
what a bureau page reads does not grow with the number of bureaus. A fixed number of queries.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal

from comparisons.services.slice_summaries import NATIONAL

from .bands import Band, band_group
from .rankings import percentile_of
from .summaries import summaries_get

SCOPES = ("national", "province", "peers")


@dataclass(frozen=True)
class Standing:
    """One group: how many values it has, the value's rank (1 = largest) and percentile in it, and its median."""

    scope: str  # one of SCOPES
    counted: int
    rank: int | None  # None when the value is missing
    percentile: Decimal | None  # the share of the others with a smaller value, in %; None with no others
    median: Decimal | None  # None when no member has a value


@dataclass(frozen=True)
class Place:
    """The document's year and kind, its province (2-digit prefix) and its size band: what defines the groups."""

    year: int
    kind: str
    province: str
    band: Band | None


def standing_get(*, place: Place, values: dict[str, Decimal | None]) -> dict[str, dict[str, Standing | None]]:
    """Each indicator's standing ({key: {scope: Standing}}) nationally, in the province and among the peers of the
    document's year and kind (`values`: the document's own values, None where missing), counted among the values in
    order of the year and kind's slice summaries (selectors.summaries). A group that cannot be formed (no province;
    no size band: the insured residents are not known) is None. A fixed number of queries."""
    if not values:
        return {}
    groups = {"national": NATIONAL}
    if place.province:
        groups["province"] = place.province
    if place.band is not None:
        groups["peers"] = band_group(place.band)
    period = (place.year, place.kind)
    summaries = summaries_get(periods=[period], groups=groups.values(), keys=values)
    found: dict[str, dict[str, Standing | None]] = {}
    for key, value in values.items():
        found[key] = dict.fromkeys(SCOPES)
        for scope, group in groups.items():
            summary = summaries.get((key, group, *period))
            ordered = summary.values if summary is not None else []
            rank = percentile = None
            if value is not None:
                rank = len(ordered) - bisect_right(ordered, value) + 1
                percentile = percentile_of(lower=bisect_left(ordered, value), ranked=len(ordered))
            median = summary.median if summary is not None else None
            found[key][scope] = Standing(scope, len(ordered), rank, percentile, median)
    return found


def yearly_medians(*, keys: list[str], periods: set[tuple[int, str]]) -> dict[tuple[str, int, str], Decimal]:
    """The national median of each indicator in each year and kind ({(key, year, kind): median}), for the trend
    charts: from the slice summaries of those years and kinds (one query once they are written)."""
    summaries = summaries_get(periods=periods, groups=[NATIONAL], keys=keys, values=False)
    return {
        (key, year, kind): summary.median
        for (key, _group, year, kind), summary in summaries.items()
        if summary.median is not None
    }
