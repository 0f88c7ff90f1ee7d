"""One indicator over one year and kind, as the dashboard shows it for thousands of bureaus: ranked, with medians
and a distribution, computed by the database from the stored values (window functions for the medians, aggregates
with conditional counts for ranks and percentiles, a grouped aggregate for the histogram: SQL that PostgreSQL and
SQLite both run). A fixed number of queries whatever the number of bureaus."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Cast, Floor, RowNumber, Substr

from comparisons.models import StoredIndicator
from disclosures.models import document_kind_label

from .indicator_rows import indicator_values_exported

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Slice:
    """The documents ranked together: one indicator, one year, one kind, optionally one province or prefecture."""

    indicator: str
    year: int
    kind: str
    province: str = ""  # 2-digit prefix
    prefecture: str = ""  # 4-digit prefix


def slice_rows(*, part: Slice) -> QuerySet[StoredIndicator]:
    """The stored values of the slice: current documents, one per bureau (its department document; a unit document
    only where the bureau published no department document that year), marked `ranked` when written."""
    qs = StoredIndicator.objects.filter(indicator=part.indicator, fiscal_year=part.year, kind=part.kind, ranked=True)
    if part.prefecture:
        qs = qs.filter(region_code__startswith=part.prefecture[:4])
    elif part.province:
        qs = qs.filter(region_code__startswith=part.province[:2])
    return qs


def ranking(*, part: Slice) -> QuerySet[StoredIndicator]:
    """The slice as the ranked table reads it (documents, bureaus and regions loaded, nothing else), sortable by
    value with missing values last (`missing`). Ranks and percentiles are set on the rows shown by `ranks_set`."""
    return (
        slice_rows(part=part)
        .annotate(missing=ExpressionWrapper(Q(value__isnull=True), output_field=BooleanField()))
        .select_related("disclosure__bureau__region__parent__parent")
        .only(*TABLE_FIELDS)
    )


def ranks_set(*, part: Slice, rows: list[StoredIndicator], whole: bool = False) -> None:
    """Give each row its `rank` (1 = largest; equal values share a rank), `percentile` (the share of the others with
    a smaller value, 0–1) and `with_value` (how many have a value). For a page of rows, one aggregate query counts
    the values above and below each; for the whole slice (`whole`, an export) they are counted here."""
    values = sorted({r.value for r in rows if r.value is not None})
    if whole:
        present = sorted(r.value for r in rows if r.value is not None)
        count = len(present)
        higher = {v: count - bisect_right(present, v) for v in values}
        lower = {v: bisect_left(present, v) for v in values}
    else:
        counts = slice_rows(part=part).aggregate(
            present=Count("value"),
            **{f"h{i}": Count("value", filter=Q(value__gt=v)) for i, v in enumerate(values)},
            **{f"l{i}": Count("value", filter=Q(value__lt=v)) for i, v in enumerate(values)},
        )
        count = counts["present"]
        higher = {v: counts[f"h{i}"] for i, v in enumerate(values)}
        lower = {v: counts[f"l{i}"] for i, v in enumerate(values)}
    for row in rows:
        row.with_value = count
        if row.value is None:
            row.rank = row.percentile = None
        else:
            row.rank = higher[row.value] + 1
            row.percentile = lower[row.value] / (count - 1) if count > 1 else 0.0


# What a ranked table row reads of its stored row and document (the values of its columns are read separately).
TABLE_FIELDS = (
    "disclosure_id",
    "value",
    "region_code",
    "disclosure__bureau_id",
    "disclosure__fiscal_year",
    "disclosure__kind",
    "disclosure__scope",
    "disclosure__demo",
    "disclosure__bureau__name",
    "disclosure__bureau__kind",
    "disclosure__bureau__region__code",
    "disclosure__bureau__region__name",
    "disclosure__bureau__region__level",
    "disclosure__bureau__region__parent__name",
    "disclosure__bureau__region__parent__level",
    "disclosure__bureau__region__parent__parent__name",
    "disclosure__bureau__region__parent__parent__level",
    "disclosure__bureau__region__parent__parent__parent",  # the province's parent (none): where full_name stops
)


@dataclass(frozen=True, slots=True)
class RegionRef:
    code: str
    full_name: str  # as Region.full_name: province, prefecture, county


@dataclass(frozen=True, slots=True)
class BureauRef:
    name: str
    region: RegionRef


@dataclass(frozen=True, slots=True)
class DocumentRef:
    pk: int
    bureau_id: int
    fiscal_year: int
    kind_label: str  # as Disclosure.kind_label, in the reader's language
    demo: bool
    bureau: BureauRef


@dataclass(slots=True)
class RankedRow:
    """A row of a ranked table's export: what the table reads of a stored row and its document (the same names as
    on the page's StoredIndicator rows), read as plain values: a national export has thousands of rows, and a model
    instance per row, document, bureau and region was most of its time."""

    disclosure_id: int
    value: Decimal | None
    region_code: str
    disclosure: DocumentRef
    values: dict = field(default_factory=dict)  # indicator key -> IndicatorValue, of the table's columns
    rank: int | None = None
    percentile: float | None = None
    with_value: int = 0


# What an export row reads, in RankedRow's order; the region's ancestors for its full name (a county's prefecture
# and province; the fourth level is always empty, read so that the name is Region.full_name whatever the depth).
_EXPORT_FIELDS = (
    "disclosure_id",
    "value",
    "region_code",
    "disclosure__bureau_id",
    "disclosure__fiscal_year",
    "disclosure__kind",
    "disclosure__scope",
    "disclosure__demo",
    "disclosure__bureau__name",
    "disclosure__bureau__region__code",
    "disclosure__bureau__region__name",
    "disclosure__bureau__region__parent__name",
    "disclosure__bureau__region__parent__parent__name",
    "disclosure__bureau__region__parent__parent__parent__name",
)


def ranking_exported(
    *, rows: QuerySet[StoredIndicator], part: Slice, keys: Iterable[str], detailed: Iterable[str] = ()
) -> list[RankedRow]:
    """The whole ranking as an export writes it: `rows` (the ranked table's queryset, sorted as the reader sorted
    the table) as RankedRows with their ranks and percentiles, and the values of the table's columns `keys` as the
    export shows them (the details of the `detailed` indicators only). Two queries."""
    found, labels = [], {}
    for pk, value, region_code, bureau_id, year, kind, scope, demo, name, code, *names in rows.values_list(
        *_EXPORT_FIELDS
    ):
        if (scope, kind) not in labels:
            labels[scope, kind] = document_kind_label(scope=scope, kind=kind)
        region = RegionRef(code, " ".join(n for n in reversed(names) if n is not None))
        document = DocumentRef(pk, bureau_id, year, labels[scope, kind], demo, BureauRef(name, region))
        found.append(RankedRow(pk, value, region_code, document))
    values = indicator_values_exported(
        disclosure_ids=[r.disclosure_id for r in found],
        keys=keys,
        detailed=detailed,
        within=slice_rows(part=part).values("disclosure_id"),
    )
    for row in found:
        row.values = values[row.disclosure_id]
    ranks_set(part=part, rows=found, whole=True)
    return found


def slice_extremes(*, part: Slice, count: int = 5) -> tuple[list[StoredIndicator], list[StoredIndicator]]:
    """The `count` largest and the `count` smallest values, largest first, each with its rank (1 = largest; equal
    values share a rank): three small queries, no window over the slice."""
    rows = (
        slice_rows(part=part)
        .filter(value__isnull=False)
        .select_related("disclosure__bureau__region__parent__parent")
        .only(*TABLE_FIELDS, "sources")  # each links to its source line
    )
    top = list(rows.order_by("-value", "region_code")[:count])
    bottom = list(rows.order_by("value", "-region_code")[:count])[::-1]
    values = sorted({r.value for r in (*top, *bottom)})
    if values:
        higher = slice_rows(part=part).aggregate(
            **{f"v{i}": Count("value", filter=Q(value__gt=v)) for i, v in enumerate(values)}
        )
        rank = {v: higher[f"v{i}"] + 1 for i, v in enumerate(values)}
        for row in (*top, *bottom):
            row.rank = rank[row.value]
    return top, bottom


@dataclass(frozen=True)
class SliceStats:
    count: int  # documents in the slice
    present: int  # with a value
    low: Decimal | None
    high: Decimal | None


def slice_stats(*, part: Slice) -> SliceStats:
    found = slice_rows(part=part).aggregate(
        count=Count("*"), present=Count("value"), low=Min("value"), high=Max("value")
    )
    return SliceStats(found["count"], found["present"], found["low"], found["high"])


def middle_mean(values: list[Decimal]) -> Decimal:
    """The median from a slice's one or two middle values, to the fen."""
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def slice_median(*, part: Slice, stats: SliceStats) -> tuple[Decimal, int] | None:
    """The median of the slice: its one or two middle values read in value order from the index (one query)."""
    if not stats.present:
        return None
    first = (stats.present - 1) // 2
    middle = list(
        slice_rows(part=part)
        .filter(value__isnull=False)
        .order_by("value")
        .values_list("value", flat=True)[first : first + 2 - stats.present % 2]
    )
    return middle_mean(middle), stats.present


def slice_medians(*, part: Slice, by_province: bool = False) -> dict[str, tuple[Decimal, int]]:
    """The median of the slice ({"": (median, n)}), or of each province in it ({"13": (median, n)} ...). Missing values
    are left out, not counted as 0. The middle rows are picked by window functions; their mean is taken here."""
    group = Substr("region_code", 1, 2) if by_province else Value("")
    rows = (
        slice_rows(part=part)
        .filter(value__isnull=False)
        .annotate(
            group=group,
            position=Window(RowNumber(), partition_by=[group], order_by=F("value").asc()),
            size=Window(Count("*"), partition_by=[group]),
        )
        .filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
        .values_list("group", "value", "size")
    )
    found: dict[str, list[Decimal]] = {}
    sizes: dict[str, int] = {}
    for key, value, size in rows:
        found.setdefault(key, []).append(value)
        sizes[key] = size
    return {key: (middle_mean(values), sizes[key]) for key, values in found.items()}


def nice_width(span: Decimal, bins: int) -> Decimal:
    """A bin width of 1, 2 or 5 times a power of ten that cuts `span` into about `bins` bins."""
    if span <= 0:
        return Decimal(1)
    raw = span / bins
    power = Decimal(10) ** (raw.adjusted())
    for step in (1, 2, 5, 10):
        if raw <= power * step:
            return power * step
    return power * 10


@dataclass(frozen=True)
class Bin:
    low: Decimal
    high: Decimal
    count: int


def slice_histogram(*, part: Slice, stats: SliceStats, bins: int = 24) -> list[Bin]:
    """How many documents fall in each bin of equal width between the smallest and largest value (one query)."""
    if not stats.present:
        return []
    width = nice_width(stats.high - stats.low, bins)
    start = (stats.low / width).to_integral_value(rounding="ROUND_FLOOR") * width
    counts = dict(
        slice_rows(part=part)
        .filter(value__isnull=False)
        .annotate(bin=Cast(Floor((F("value") - Value(start)) / Value(width)), IntegerField()))
        .values("bin")
        .annotate(n=Count("*"))
        .values_list("bin", "n")
    )
    last = max(counts)
    return [Bin(start + width * i, start + width * (i + 1), counts.get(i, 0)) for i in range(last + 1)]


@dataclass(frozen=True)
class Position:
    value: Decimal | None
    rank: int | None  # 1 = largest
    ranked: int  # how many have a value
    percentile: Decimal | None  # the share of the others with a smaller value, in % (one decimal)
    before: int  # rows before it in the ranked table's default order (value descending, then region code)


def slice_position(*, part: Slice, row: StoredIndicator) -> Position:
    """Where one row stands in its slice (one query)."""
    rows = slice_rows(part=part)
    if row.value is None:
        ranked = rows.aggregate(n=Count("value"))["n"]
        before = rows.filter(Q(value__isnull=False) | Q(region_code__lt=row.region_code)).count()
        return Position(None, None, ranked, None, before)
    found = rows.aggregate(
        ranked=Count("value"),
        higher=Count("value", filter=Q(value__gt=row.value)),
        lower=Count("value", filter=Q(value__lt=row.value)),
        tied_before=Count("value", filter=Q(value=row.value, region_code__lt=row.region_code)),
    )
    ranked = found["ranked"]
    percentile = percentile_of(lower=found["lower"], ranked=ranked)
    return Position(row.value, found["higher"] + 1, ranked, percentile, found["higher"] + found["tied_before"])


def percentile_of(*, lower: int, ranked: int) -> Decimal | None:
    """The share of the others with a smaller value, in % to one decimal; None when there are no others."""
    if ranked <= 1:
        return None
    return (Decimal(lower) * 100 / (ranked - 1)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
