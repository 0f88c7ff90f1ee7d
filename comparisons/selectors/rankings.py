"""One indicator over one year and kind, as the dashboard shows it for thousands of bureaus: ranked, with medians
and a distribution, computed by the database from the stored values (the medians' middle values by PostgreSQL's
ordered-set aggregate, by window functions on SQLite; aggregates with conditional counts for ranks and percentiles, a
grouped aggregate for the histogram). A fixed number of queries whatever the number of bureaus."""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Floor, RowNumber, Substr

from comparisons.formatting import SHOWN
from comparisons.indicators import BY_KEY
from comparisons.models import StoredIndicator
from disclosures.models import document_kind_label, region_full_name
from disclosures.region_names import region_display_full_name

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
    documents: tuple[int, ...] | None = None  # only these documents (the peers of a size band), None for all

    @property
    def selection(self) -> tuple:
        """What the slice is of, apart from its indicator."""
        return (self.year, self.kind, self.province, self.prefecture, self.documents)

    @property
    def chosen(self) -> bool:
        """Whether the slice is of a chosen place or band, not the whole country."""
        return bool(self.province or self.prefecture or self.documents is not None)


def _within(qs: QuerySet[StoredIndicator], part: Slice) -> QuerySet[StoredIndicator]:
    if part.prefecture:
        qs = qs.filter(region_code__startswith=part.prefecture[:4])
    elif part.province:
        qs = qs.filter(region_code__startswith=part.province[:2])
    if part.documents is not None:
        qs = qs.filter(disclosure_id__in=part.documents)
    return qs


def slice_rows(*, part: Slice) -> QuerySet[StoredIndicator]:
    """The stored values of the slice: current documents, one per bureau (its department document; a unit document
    only where the bureau published no department document that year), marked `ranked` when written."""
    qs = StoredIndicator.objects.filter(indicator=part.indicator, fiscal_year=part.year, kind=part.kind, ranked=True)
    return _within(qs, part)


def slices_rows(*, parts: Sequence[Slice]) -> QuerySet[StoredIndicator]:
    """The stored values of several slices that differ only in their indicator (the dashboard's panels): one query
    reads them all, each row naming its indicator."""
    first = parts[0]
    if any(p.selection != first.selection for p in parts):
        raise ValueError("slices read together differ only in their indicator")
    qs = StoredIndicator.objects.filter(
        indicator__in=[p.indicator for p in parts], fiscal_year=first.year, kind=first.kind, ranked=True
    )
    return _within(qs, first)


def slices_values(*, parts: Sequence[Slice]) -> dict[str, list[Decimal]]:
    """Each slice's values in order, missing ones left out (one query, from the index): what `ranks_set` counts a
    page of rows among. On PostgreSQL each slice's values come as one array (ten thousand rows fetched a hundred at
    a time and appended one by one were most of this read's time); SQLite reads the rows."""
    found: dict[str, list[Decimal]] = {p.indicator: [] for p in parts}
    rows = slices_rows(parts=parts).filter(value__isnull=False)
    if ordered_sets():
        arrays = rows.values("indicator").annotate(values=ArrayAgg("value", order_by="value")).order_by()
        found |= dict(arrays.values_list("indicator", "values"))
        return found
    for indicator, value in rows.order_by("indicator", "value").values_list("indicator", "value"):
        found[indicator].append(value)
    return found


def ranking(*, part: Slice) -> QuerySet[StoredIndicator]:
    """The slice as the ranked table reads it (documents, bureaus and regions loaded, nothing else), sortable by
    value with missing values last (`missing`). Ranks and percentiles are set on the rows shown by `ranks_set`."""
    return (
        slice_rows(part=part)
        .annotate(missing=ExpressionWrapper(Q(value__isnull=True), output_field=BooleanField()))
        .select_related("disclosure__bureau__region__parent__parent")
        .only(*TABLE_FIELDS)
    )


def ranks_set(*, rows: list, values: list[Decimal]) -> None:
    """Give each row its `rank` (1 = largest; equal values share a rank), `percentile` (the share of the others with
    a smaller value, 0–1) and `with_value` (how many have a value), counted among its slice's `values` in order: a
    page's rows among those of `slices_values`, an export's among its own."""
    count = len(values)
    present = {r.value for r in rows if r.value is not None}
    higher = {v: count - bisect_right(values, v) for v in present}
    lower = {v: bisect_left(values, v) for v in present}
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
    display_full_name: str  # as Region.display_full_name: province, prefecture, county, in the reader's language


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
# and province; the fourth level is always empty, read so that the name is Region.display_full_name whatever the depth).
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
        region = RegionRef(code, region_display_full_name(code, region_full_name(reversed(names))))
        document = DocumentRef(pk, bureau_id, year, labels[scope, kind], demo, BureauRef(name, region))
        found.append(RankedRow(pk, value, region_code, document))
    keys = list(keys)
    # The other columns' values are the same documents' rows of their indicators: the slices of those indicators
    # (a document's stored rows are ranked, and carry its year, kind and region, all alike).
    values = indicator_values_exported(
        disclosure_ids=[r.disclosure_id for r in found],
        keys=keys,
        detailed=detailed,
        rows=slices_rows(parts=[replace(part, indicator=key) for key in keys]),
    )
    for row in found:
        row.values = values[row.disclosure_id]
    ranks_set(rows=found, values=sorted(r.value for r in found if r.value is not None))
    return found


@dataclass(slots=True)
class Extreme:
    """One of the highest or lowest values of a slice, as its panel shows it: the bureau, linked to its page, and
    the value, linked to its first source (plain values: a model instance per row, document, bureau and regions
    cost more than the query)."""

    pk: int
    indicator: str
    value: Decimal
    disclosure_id: int
    bureau_id: int
    bureau_name: str
    sources: list
    rank: int | None = None


_EXTREME_FIELDS = (
    "pk",
    "indicator",
    "value",
    "disclosure_id",
    "disclosure__bureau_id",
    "disclosure__bureau__name",
    "sources",
)


def slices_extremes(
    *, parts: Sequence[Slice], values: dict[str, list[Decimal]], count: int
) -> dict[str, tuple[list[Extreme], list[Extreme]]]:
    """Of each slice, the `count` largest values and the `count` smallest of the others, largest first, each with its
    rank (1 = largest; equal values share a rank): {indicator: (top, bottom)}. A value is in one list only: a slice
    of no more than `count` values has them all in its top and an empty bottom (a bottom repeating the top read as
    if the highest were among the lowest). Each end of each slice is a small query read in the index's order (one
    query over all the slices needs the database to sort them all: slower); the ranks are counted among the
    slices' `values` in order (slices_values: the dashboard reads them for its tables' ranks), without a query."""
    ends = []  # each slice's top, then its bottom: a small query each, in the index's order
    for i, part in enumerate(parts):
        present = slice_rows(part=part).filter(value__isnull=False)
        # The bottom's order is exactly the top's reversed, the id last (two bureaus of a county may hold the same
        # value): the two ends overlap only where the slice has fewer than 2 × count values, and then by ids.
        for end, order in enumerate((("-value", "region_code", "pk"), ("value", "-region_code", "-pk"))):
            ends.append(
                present.annotate(end=Value(2 * i + end))
                .values_list(*_EXTREME_FIELDS, "region_code", "end")
                .order_by(*order)[:count]
            )
    # On PostgreSQL the small queries go as one statement (UNION ALL of each, in its own order and limit): one
    # round trip and one read of the rows instead of one each; SQLite cannot limit the parts of a union.
    if connection.features.supports_slicing_ordering_in_compound and len(ends) > 1:
        rows = list(ends[0].union(*ends[1:], all=True))
    else:
        rows = [row for end in ends for row in end]
    read: list[list[Extreme]] = [[] for _ in ends]
    for *fields, region_code, end in rows:
        read[end].append((Extreme(*fields), region_code))
    found: dict[str, tuple[list[Extreme], list[Extreme]]] = {}
    # Each end largest first, ties by region code and id (the bottom's query order reversed), whatever order a union
    # keeps.
    ordered = [[e for e, _code in sorted(end, key=lambda r: (-r[0].value, r[1], r[0].pk))] for end in read]
    for i, part in enumerate(parts):
        top = ordered[2 * i]
        in_top = {e.pk for e in top}
        found[part.indicator] = (top, [e for e in ordered[2 * i + 1] if e.pk not in in_top])
    for top, bottom in found.values():
        for row in (*top, *bottom):
            ordered = values[row.indicator]
            row.rank = len(ordered) - bisect_right(ordered, row.value) + 1
    return found


@dataclass(frozen=True)
class SliceStats:
    count: int  # documents in the slice
    present: int  # with a value
    low: Decimal | None
    high: Decimal | None


def slices_stats(*, parts: Sequence[Slice]) -> dict[str, SliceStats]:
    """Each slice's count of documents and of values, its smallest and largest value (one query)."""
    found = {p.indicator: SliceStats(0, 0, None, None) for p in parts}
    rows = (
        slices_rows(parts=parts)
        .values("indicator")
        .annotate(count=Count("*"), present=Count("value"), low=Min("value"), high=Max("value"))
        .values_list("indicator", "count", "present", "low", "high")
        .order_by()
    )
    for indicator, *stats in rows:
        found[indicator] = SliceStats(*stats)
    return found


class MiddleValue(Aggregate):
    """PostgreSQL's percentile_disc: the lower of a group's middle values, or with `upper` the higher one (the same
    row when the count is odd); the two give the median exactly (numeric, never float). percentile_disc(f) is the
    row at position ceil(f × n): f = 0.5 gives row ⌈n/2⌉, and f a hair above 0.5 gives row ⌊n/2⌋ + 1 for any group
    of fewer than 10^8 rows. Both read the same aggregate, which PostgreSQL computes once: one sort per group,
    where a second aggregate ordered descending sorted the group again, and numbering every row by window functions
    costs several times as much."""

    function = "PERCENTILE_DISC"
    template = "(%(function)s(ARRAY[0.5, 0.500000001]) WITHIN GROUP (ORDER BY %(expressions)s))[%(place)s]"

    def __init__(self, expression, *, upper: bool = False, **extra):
        super().__init__(expression, place=2 if upper else 1, **extra)


def ordered_sets() -> bool:
    """Whether the database has ordered-set aggregates (PostgreSQL; SQLite numbers the rows instead)."""
    return connection.vendor == "postgresql"


def middle_values(rows: QuerySet, *, by: list[str], **counts) -> QuerySet:
    """Per group of `rows` (grouped by the fields or annotations `by`): its count `size`, the `counts` asked for
    (aggregates) and its two middle values `low` and `high`, as value lists (PostgreSQL only)."""
    return (
        rows.values(*by)
        .annotate(size=Count("*"), **counts, low=MiddleValue("value"), high=MiddleValue("value", upper=True))
        .values_list(*by, "size", *counts, "low", "high")
        .order_by()
    )


def middle_mean(values: list[Decimal]) -> Decimal:
    """The median from a slice's one or two middle values, to the fen."""
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def _middle(position: int, size: int) -> bool:
    """Whether a row numbered `position` (from 1, in value order) is one of the one or two middle rows of `size`."""
    return (size + 1) // 2 <= position <= (size + 2) // 2


def slices_medians(
    *, parts: Sequence[Slice], by_province: bool = False, with_whole: bool = False
) -> dict[str, dict[str, tuple[Decimal, int]]]:
    """Of each slice ({indicator: ...}), its median ({"": (median, n)}), or that of each province in it
    ({"13": (median, n)} ...), and with `with_whole` that of the whole slice as well (under ""): one query. Missing
    values are left out, not counted as 0. The database finds the one or two middle values; their mean is taken
    here."""
    group = Substr("region_code", 1, 2) if by_province else Value("")
    whole = by_province and with_whole
    present = slices_rows(parts=parts).filter(value__isnull=False)
    if ordered_sets():
        rows = middle_values(present.annotate(group=group), by=["indicator", "group"])
        if whole:
            rows = rows.union(middle_values(present.annotate(group=Value("")), by=["indicator", "group"]), all=True)
        rows = list(rows)
        middles = {(indicator, key): [low, high] for indicator, key, _, low, high in rows}
        sizes = {(indicator, key): size for indicator, key, size, _, _ in rows}
    else:
        middles, sizes = _medians_numbered(present, group, whole)
    found: dict[str, dict[str, tuple[Decimal, int]]] = {p.indicator: {} for p in parts}
    for (indicator, key), values in middles.items():
        found[indicator][key] = (middle_mean(values), sizes[indicator, key])
    return found


def _medians_numbered(present: QuerySet, group, whole: bool):
    """The middle rows of each group picked by window functions (SQLite): ({(indicator, group): values}, sizes)."""
    partition = [F("indicator"), group]
    rows = present.annotate(
        group=group,
        position=Window(RowNumber(), partition_by=partition, order_by=F("value").asc()),
        size=Window(Count("*"), partition_by=partition),
    )
    middle = Q(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
    fields = ["indicator", "group", "value", "size"]
    if whole:
        rows = rows.annotate(
            whole_position=Window(RowNumber(), partition_by=[F("indicator")], order_by=F("value").asc()),
            whole_size=Window(Count("*"), partition_by=[F("indicator")]),
        ).filter(
            middle | Q(whole_position__gte=(F("whole_size") + 1) / 2, whole_position__lte=(F("whole_size") + 2) / 2)
        )
        fields += ["position", "whole_position", "whole_size"]
    else:
        rows = rows.filter(middle)
    middles: dict[tuple[str, str], list[Decimal]] = {}
    sizes: dict[tuple[str, str], int] = {}
    for indicator, key, value, size, *positions in rows.values_list(*fields):
        if whole:
            position, whole_position, whole_size = positions
            if _middle(whole_position, whole_size):
                middles.setdefault((indicator, ""), []).append(value)
                sizes[indicator, ""] = whole_size
            if not _middle(position, size):
                continue
        middles.setdefault((indicator, key), []).append(value)
        sizes[indicator, key] = size
    return middles, sizes


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


def histogram_scale(*, low: Decimal, high: Decimal, unit: str, bins: int = 24) -> tuple[Decimal, Decimal]:
    """The first bin's lower end and the bins' width for values from `low` to `high`: about `bins` bins of a round
    width (never narrower than the unit shows), starting at a multiple of it. Where every value is the same (one
    value, or all equal) there is no span to cut: one bin centred on the value, a twentieth to a tenth of it wide (two
    units wide around 0), so that a bar is drawn where the value is, on an axis of round numbers around it."""
    step, one = SHOWN.get(unit, (Decimal(1), Decimal(1)))
    if high == low:
        half = max(nice_width(abs(low), 2 * bins), step) if low else one
        return low - half, 2 * half
    width = max(nice_width(high - low, bins), step)
    return (low / width).to_integral_value(rounding="ROUND_FLOOR") * width, width


def slices_histogram(*, parts: Sequence[Slice], stats: dict[str, SliceStats], bins: int = 24) -> dict[str, list[Bin]]:
    """Of each slice, how many documents fall in each bin of equal width between its smallest and largest value
    (one query for every slice: each row's bin by its indicator's width)."""
    found: dict[str, list[Bin]] = {p.indicator: [] for p in parts}
    scales = {}  # indicator -> (start, width)
    for part in parts:
        own = stats[part.indicator]
        if own.present:
            unit = BY_KEY[part.indicator].unit
            scales[part.indicator] = histogram_scale(low=own.low, high=own.high, unit=unit, bins=bins)
    if not scales:
        return found
    bin_of = Case(
        *(
            When(indicator=key, then=Cast(Floor((F("value") - Value(start)) / Value(width)), IntegerField()))
            for key, (start, width) in scales.items()
        ),
        output_field=IntegerField(),
    )
    rows = (
        slices_rows(parts=[p for p in parts if p.indicator in scales])
        .filter(value__isnull=False)
        .annotate(bin=bin_of)
        .values("indicator", "bin")
        .annotate(n=Count("*"))
        .values_list("indicator", "bin", "n")
        .order_by()
    )
    counts: dict[str, dict[int, int]] = {}
    for indicator, index, n in rows:
        counts.setdefault(indicator, {})[index] = n
    for key, (start, width) in scales.items():
        own = counts[key]
        found[key] = [Bin(start + width * i, start + width * (i + 1), own.get(i, 0)) for i in range(max(own) + 1)]
    return found


def median_of(values: Sequence[Decimal]) -> Decimal | None:
    """The median of values in ascending order (the database's): the mean of the one or two middle ones; None for
    none."""
    if not values:
        return None
    size = len(values)
    return middle_mean([values[(size - 1) // 2], values[size // 2]])


def histogram_of(*, values: Sequence[Decimal], unit: str, bins: int = 24) -> list[Bin]:
    """How many of the values (in ascending order) fall in each bin of `histogram_scale`: the bins slices_histogram
    counts in SQL, counted here by bisection (a bin holds low <= value < high)."""
    if not values:
        return []
    start, width = histogram_scale(low=values[0], high=values[-1], unit=unit, bins=bins)
    last = int(((values[-1] - start) / width).to_integral_value(rounding="ROUND_FLOOR"))
    edges = [bisect_left(values, start + width * i) for i in range(last + 2)]
    edges[-1] = len(values)
    return [Bin(start + width * i, start + width * (i + 1), edges[i + 1] - edges[i]) for i in range(last + 1)]


FEN = "q"  # the array type of values in fen: signed 64-bit integers


def fen_bytes(fen: array) -> bytes:
    """Values in fen as stored: 64-bit integers, little-endian whatever the machine."""
    if sys.byteorder == "big":
        fen = array(FEN, fen)
        fen.byteswap()
    return fen.tobytes()


def fen_array(raw: bytes | memoryview | None) -> array:
    """Values in fen as fen_bytes stored them."""
    fen = array(FEN)
    fen.frombytes(raw or b"")
    if sys.byteorder == "big":
        fen.byteswap()
    return fen


class FenValues(Sequence):
    """Values in ascending order kept as whole fen (a stored value has two decimals), read as Decimals in 元 one at
    a time: what bisection reads of a slice summary's thousands of values, without making a Decimal of each."""

    __slots__ = ("fen",)

    def __init__(self, fen: array | list[int]):
        self.fen = fen

    def __len__(self) -> int:
        return len(self.fen)

    def __getitem__(self, index: int) -> Decimal:
        return Decimal(self.fen[index]).scaleb(-2)


@dataclass(frozen=True)
class Position:
    value: Decimal | None
    rank: int | None  # 1 = largest
    ranked: int  # how many have a value
    percentile: Decimal | None  # the share of the others with a smaller value, in % (one decimal)
    before: int  # rows before it in the ranked table's default order (value descending, then region code)


def slices_positions(
    *, parts: Sequence[Slice], rows: dict[str, StoredIndicator], values: dict[str, list[Decimal]]
) -> dict[str, Position]:
    """Where one document's rows (`rows`: indicator -> its stored row) stand in their slices. The values above and
    below each row are counted among the slices' `values` in order (slices_values); one query counts, for them all,
    only what needs the region codes (the rows before it with the same value, or before a missing one)."""
    counts = {}
    for i, part in enumerate(parts):
        row = rows.get(part.indicator)
        if row is None:
            continue
        own = Q(indicator=part.indicator)
        if row.value is None:
            counts[f"before{i}"] = Count(
                "pk", filter=own & (Q(value__isnull=False) | Q(region_code__lt=row.region_code))
            )
        else:
            counts[f"tied{i}"] = Count("value", filter=own & Q(value=row.value, region_code__lt=row.region_code))
    if not counts:
        return {}
    found = slices_rows(parts=parts).aggregate(**counts)
    positions = {}
    for i, part in enumerate(parts):
        row = rows.get(part.indicator)
        if row is None:
            continue
        ordered = values.get(part.indicator, [])
        ranked = len(ordered)
        if row.value is None:
            positions[part.indicator] = Position(None, None, ranked, None, found[f"before{i}"])
        else:
            higher = len(ordered) - bisect_right(ordered, row.value)
            percentile = percentile_of(lower=bisect_left(ordered, row.value), ranked=ranked)
            positions[part.indicator] = Position(row.value, higher + 1, ranked, percentile, higher + found[f"tied{i}"])
    return positions


def percentile_of(*, lower: int, ranked: int) -> Decimal | None:
    """The share of the others with a smaller value, in % to one decimal; None when there are no others."""
    if ranked <= 1:
        return None
    return (Decimal(lower) * 100 / (ranked - 1)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
