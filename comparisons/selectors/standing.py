"""Where one document's indicator values stand in its year and kind: among all counties, in its province and among
its peers (the counties whose insured residents fall in the same size band), with each group's median.

Read from the stored values of the ranked documents (the rows the dashboard ranks, selectors/rankings.py) by the
database: the peers' documents (one query), then one query that counts each group's values (all of them, those above
and those below the document's) and finds its one or two middle values (PostgreSQL's ordered-set aggregate; window
functions numbering the rows on SQLite), the groups joined by UNION ALL: ranks, percentiles and medians together.
The ranked index holds every column these read (value, region, document), so they never read the table itself. Two
queries whatever the number of bureaus and indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from comparisons.models import StoredIndicator
from disclosures.versioning import data_version_get

from .rankings import middle_mean, middle_values, ordered_sets, percentile_of

# Peers are the counties whose insured residents fall in the same band; each band doubles the one before.
PEER_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 100_000),
    (100_000, 200_000),
    (200_000, 400_000),
    (400_000, 800_000),
    (800_000, None),
)
SCOPES = ("national", "province", "peers")
# The per-insured indicators whose details hold the insured residents they divided by (stated, or entered by staff).
INSURED_FROM = ("contribution_per_insured", "medical_assistance_per_insured")


@dataclass(frozen=True)
class Band:
    """A size band of insured residents: low <= count < high (no upper bound when high is None)."""

    low: int
    high: int | None = None

    def holds(self, insured: Decimal) -> bool:
        return insured >= self.low and (self.high is None or insured < self.high)

    @property
    def label(self) -> str:
        """The band in words ("参保居民 200,000–400,000 人")."""
        if self.high is None:
            return _("参保居民 %(low)s 人及以上") % {"low": f"{self.low:,}"}
        return _("参保居民 %(low)s–%(high)s 人") % {"low": f"{self.low:,}", "high": f"{self.high:,}"}


BANDS: tuple[Band, ...] = tuple(Band(low, high) for low, high in PEER_BANDS)


def band_from(raw: str | None) -> Band | None:
    """The band a query string names by its lower bound ("200000"), or None for anything else."""
    return next((band for band in BANDS if str(band.low) == (raw or "").strip()), None)


def band_of(*, insured: Decimal | None) -> Band | None:
    """The size band of a count of insured residents; None when the count is not known."""
    if insured is None or insured <= 0:
        return None
    return next(band for band in BANDS if band.holds(insured))


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


def _ranked(*, year: int, kind: str, keys: list[str]) -> QuerySet[StoredIndicator]:
    """The ranked stored values of the keys in the year and kind."""
    return StoredIndicator.objects.filter(indicator__in=keys, fiscal_year=year, kind=kind, ranked=True)


def band_documents(*, year: int, kind: str, band: Band) -> list[int]:
    """The ranked documents of the year and kind whose insured residents fall in the band (one query): the peers
    of every document of that band.

    Read once here, not joined into the aggregates: each of their filtered counts would extract the count from the
    JSON details again for every row."""
    count = KeyTextTransform("$d", KeyTransform("insured_residents", "details"))
    rows = (
        _ranked(year=year, kind=kind, keys=list(INSURED_FROM))
        .annotate(insured=count)
        .values_list("disclosure_id", "indicator", "insured")
    )
    insured: dict[int, dict[str, str]] = {}
    for document, key, value in rows:
        if value is not None:
            insured.setdefault(document, {})[key] = value
    # The first per-insured indicator that knows the count, in INSURED_FROM's order.
    counts = {d: Decimal(next(found[k] for k in INSURED_FROM if k in found)) for d, found in insured.items()}
    return sorted(d for d, n in counts.items() if band.holds(n))


def _groups(place: Place) -> dict[str, Q]:
    groups = {"national": Q()}
    if place.province:
        groups["province"] = Q(region_code__startswith=place.province)
    if place.band is not None:
        groups["peers"] = Q(disclosure_id__in=band_documents(year=place.year, kind=place.kind, band=place.band))
    return groups


@dataclass(frozen=True)
class _Counted:
    """One indicator in one group: how many values it has, how many above and below the document's, and its middle
    one or two values."""

    counted: int
    above: int
    below: int
    middle: list[Decimal]


def _counted(place: Place, groups: dict[str, Q], values: dict[str, Decimal | None]) -> dict[tuple[str, str], _Counted]:
    """Each indicator in each group ({(key, scope): _Counted}), in one query: each group's values numbered in value
    order and counted (all of them, those above and those below the document's) by window functions over the ranked
    index, only the one or two middle rows of each kept, the groups joined by UNION ALL. Missing values are left
    out, never counted as 0."""
    own = Case(
        *(When(indicator=key, then=Value(value)) for key, value in values.items() if value is not None),
        default=None,
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )
    rows = _ranked(year=place.year, kind=place.kind, keys=list(values)).filter(value__isnull=False)
    scopes = list(groups)
    found: dict[tuple[str, str], _Counted] = {}
    if ordered_sets():
        counts = {"above": Count("value", filter=Q(value__gt=own)), "below": Count("value", filter=Q(value__lt=own))}
        parts = [
            middle_values(rows.filter(inside).annotate(group=Value(n)), by=["group", "indicator"], **counts)
            for n, inside in enumerate(groups.values())
        ]
        for group, indicator, of, above, below, low, high in parts[0].union(*parts[1:], all=True):
            found[indicator, scopes[group]] = _Counted(of, above, below, [low, high])
        return found
    by_indicator = [F("indicator")]
    parts = [
        rows.filter(inside)
        .annotate(
            at=Window(RowNumber(), partition_by=by_indicator, order_by=F("value").asc()),
            of=Window(Count("*"), partition_by=by_indicator),
            above=Window(Count("value", filter=Q(value__gt=own)), partition_by=by_indicator),
            below=Window(Count("value", filter=Q(value__lt=own)), partition_by=by_indicator),
        )
        .filter(at__gte=(F("of") + 1) / 2, at__lte=(F("of") + 2) / 2)
        .annotate(group=Value(n))
        .values_list("group", "indicator", "value", "of", "above", "below")
        for n, inside in enumerate(groups.values())
    ]
    for group, indicator, value, of, above, below in parts[0].union(*parts[1:], all=True):
        found.setdefault((indicator, scopes[group]), _Counted(of, above, below, [])).middle.append(value)
    return found


def standing_get(*, place: Place, values: dict[str, Decimal | None]) -> dict[str, dict[str, Standing | None]]:
    """Each indicator's standing ({key: {scope: Standing}}) nationally, in the province and among the peers of the
    document's year and kind (`values`: the document's own values, None where missing). A group that cannot be
    formed (no province; no size band: the insured residents are not known) is None. Two queries."""
    if not values:
        return {}
    groups = _groups(place)
    counted = _counted(place, groups, values)
    found: dict[str, dict[str, Standing | None]] = {}
    for key, value in values.items():
        found[key] = dict.fromkeys(SCOPES)
        for scope in groups:
            group = counted.get((key, scope), _Counted(0, 0, 0, []))
            rank = group.above + 1 if value is not None else None
            percentile = percentile_of(lower=group.below, ranked=group.counted) if value is not None else None
            median = middle_mean(group.middle) if group.middle else None
            found[key][scope] = Standing(scope, group.counted, rank, percentile, median)
    return found


def yearly_medians(*, keys: list[str], periods: set[tuple[int, str]]) -> dict[tuple[str, int, str], Decimal]:
    """The national median of each indicator in each year and kind ({(key, year, kind): median}), for the trend
    charts. The same for every bureau's page: computed once per data version for every year and kind and kept in the
    cache, so a bureau page seen for the first time does not sort every year's values again."""
    if not keys or not periods:
        return {}
    name = f"yearly-medians:{data_version_get()}:{','.join(sorted(keys))}"
    every = cache.get(name)
    if every is None:
        every = _yearly_medians(keys)
        cache.set(name, every, settings.PUBLIC_PAGE_SECONDS)
    return {k: v for k, v in every.items() if (k[1], k[2]) in periods}


def _yearly_medians(keys: list[str]) -> dict[tuple[str, int, str], Decimal]:
    """Each indicator, year and kind's one or two middle values found by the database (one query), their mean here."""
    rows = StoredIndicator.objects.filter(indicator__in=keys, ranked=True, value__isnull=False)
    found: dict[tuple[str, int, str], list[Decimal]] = {}
    if ordered_sets():
        for key, year, kind, _, low, high in middle_values(rows, by=["indicator", "fiscal_year", "kind"]):
            found[key, year, kind] = [low, high]
        return {k: middle_mean(v) for k, v in found.items()}
    partition = [F("indicator"), F("fiscal_year"), F("kind")]
    rows = (
        rows.annotate(
            at=Window(RowNumber(), partition_by=partition, order_by=F("value").asc()),
            of=Window(Count("*"), partition_by=partition),
        )
        .filter(at__gte=(F("of") + 1) / 2, at__lte=(F("of") + 2) / 2)
        .values_list("indicator", "fiscal_year", "kind", "value")
    )
    for key, year, kind, value in rows:
        found.setdefault((key, year, kind), []).append(value)
    return {k: middle_mean(v) for k, v in found.items()}
