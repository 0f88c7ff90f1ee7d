"""The slice summaries of the current data version (comparisons.models.SliceSummary): each indicator over a year and
kind, in every county, a province or a size band, with its count, median, histogram and values in order. What the
dashboard and the bureau page read instead of every county's values: one query whatever the number of bureaus,
after the summaries of a year and kind have been written once for the data version (written here when missing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from comparisons.models import SliceSummary
from comparisons.services.slice_summaries import NATIONAL, slice_summaries_write
from disclosures.versioning import data_version_get

from .rankings import Bin, FenValues, fen_array


@dataclass(frozen=True)
class Summary:
    count: int  # ranked documents
    present: int  # with a value
    median: Decimal | None
    values: FenValues = field(default_factory=lambda: FenValues([]))  # ascending; empty when not read
    bins: list[Bin] = field(default_factory=list)  # the national group's histogram

    @property
    def low(self) -> Decimal | None:
        return self.values[0] if self.values else None

    @property
    def high(self) -> Decimal | None:
        return self.values[-1] if self.values else None


SummaryKey = tuple[str, str, int, str]  # (indicator, group, year, kind)


def _read(version: int, periods: set[tuple[int, str]], groups: list[str], keys: list[str], values: bool) -> list:
    fields = ["indicator", "group", "fiscal_year", "kind", "count", "present", "median"]
    if values:
        fields += ["values", "bins"]
    rows = SliceSummary.objects.filter(
        data_version=version,
        group__in=groups,
        indicator__in=keys,
        fiscal_year__in={year for year, _ in periods},
        kind__in={kind for _, kind in periods},
    )
    return [row for row in rows.values_list(*fields) if (row[2], row[3]) in periods]


def summaries_get(
    *, periods: Iterable[tuple[int, str]], groups: Iterable[str], keys: Iterable[str], values: bool = True
) -> dict[SummaryKey, Summary]:
    """The summaries of the indicators `keys` in the `groups` ("" every county, "13" a province, band_group's "b…")
    of these years and kinds, {(indicator, group, year, kind): Summary}; with `values`, their values in order and the
    histogram too. Two queries (the data version, the summaries), and where a year and kind has none for the data
    version yet, its summaries are written first (slice_summaries_write). A group without ranked documents has none."""
    periods, keys = set(periods), list(keys)
    groups = list({NATIONAL, *groups})  # the national group tells whether a year and kind has been summarised
    if not periods or not keys:
        return {}
    version = data_version_get()
    rows = _read(version, periods, groups, keys, values)
    missing = periods - {(year, kind) for _, group, year, kind, *_ in rows if group == NATIONAL}
    if missing:
        slice_summaries_write(periods=missing, version=version)
        rows = _read(version, periods, groups, keys, values)
    found = {}
    for key, group, year, kind, count, present, median, *rest in rows:
        if rest:
            fen, bins = rest
            bins = [Bin(Decimal(low), Decimal(high), n) for low, high, n in bins]
            found[key, group, year, kind] = Summary(count, present, median, FenValues(fen_array(fen)), bins)
        else:
            found[key, group, year, kind] = Summary(count, present, median)
    return found
