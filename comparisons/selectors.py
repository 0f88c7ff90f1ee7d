"""Reads for the comparison pages: which documents to compare, and their indicator values.

Every function here runs a fixed number of queries whatever the number of documents (see facts.facts_for).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from disclosures.models import Disclosure, Region

from .facts import facts_for
from .indicators import BY_KEY, REGISTRY, IndicatorValue


@dataclass(frozen=True)
class IndicatorChange:
    """One indicator of a document against the same bureau's document of the year before (same kind and scope)."""

    indicator: str
    unit: str
    value: Decimal | None
    previous_value: Decimal | None
    previous_year: int | None
    difference: Decimal | None = None  # value - previous, in the indicator's unit (percentage points for "%")
    percent: Decimal | None = None  # relative change in %, for amounts and per-head figures; None for shares
    missing_reason: str = ""

    @property
    def missing(self) -> bool:
        return self.difference is None


@dataclass
class IndicatorRow:
    disclosure: Disclosure
    values: dict[str, IndicatorValue]
    # Filled by indicator_rows(..., with_changes=True): the previous year's document and the change per indicator.
    previous: Disclosure | None = None
    changes: dict[str, IndicatorChange] = field(default_factory=dict)

    @property
    def bureau(self):
        return self.disclosure.bureau

    @property
    def region(self):
        return self.disclosure.bureau.region

    @property
    def province(self) -> Region | None:
        return region_province(region=self.region)


def disclosure_list_current(
    *,
    province: str | None = None,
    prefecture: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    bureau_ids: list[int] | None = None,
) -> QuerySet[Disclosure]:
    """Current versions, with region and its parents; filters by 6-digit codes of province or prefecture.

    The source text is deferred: the comparison pages never show it, and it is the largest column."""
    qs = (
        Disclosure.objects.filter(status=Disclosure.Status.CURRENT)
        .select_related("bureau__region__parent__parent")
        .defer("source_text")
    )
    if province:
        qs = qs.filter(bureau__region__code__startswith=province[:2])
    if prefecture:
        qs = qs.filter(bureau__region__code__startswith=prefecture[:4])
    if year:
        qs = qs.filter(fiscal_year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if bureau_ids:
        qs = qs.filter(bureau_id__in=bureau_ids)
    return qs.order_by("bureau__region__code", "-fiscal_year", "kind")


def disclosure_latest_per_bureau(*, documents: QuerySet[Disclosure]) -> list[Disclosure]:
    """Each bureau's latest document among `documents` (a budget wins over a final account of the same year, a
    department document over a unit document)."""
    latest: dict[int, Disclosure] = {}
    for d in documents.order_by("bureau_id", "-fiscal_year", "kind", "scope"):
        latest.setdefault(d.bureau_id, d)
    return sorted(latest.values(), key=lambda d: d.bureau.region.code)


def disclosure_previous_map(*, disclosures: list[Disclosure]) -> dict[int, Disclosure]:
    """For each document, the same bureau's current document of the year before, of the same kind and scope.

    One query. A budget is never paired with a final account, nor a unit's budget with its department's."""
    if not disclosures:
        return {}
    candidates = (
        Disclosure.objects.filter(
            status=Disclosure.Status.CURRENT,
            bureau_id__in={d.bureau_id for d in disclosures},
            fiscal_year__in={d.fiscal_year - 1 for d in disclosures},
        )
        .select_related("bureau__region__parent__parent")
        .defer("source_text")
    )
    by_key = {(d.bureau_id, d.fiscal_year, d.kind, d.scope): d for d in candidates}
    pairs = {}
    for d in disclosures:
        previous = by_key.get((d.bureau_id, d.fiscal_year - 1, d.kind, d.scope))
        if previous is not None:
            pairs[d.pk] = previous
    return pairs


def indicator_rows(*, disclosures: list[Disclosure], with_changes: bool = False) -> list[IndicatorRow]:
    """Every indicator for every document, in a bounded number of queries.

    With `with_changes`, each row also holds the previous year's document of the same bureau, kind and scope and
    the change of every indicator against it (one more query, and the previous documents' facts in the same
    batch)."""
    disclosures = list(disclosures)
    previous = disclosure_previous_map(disclosures=disclosures) if with_changes else {}
    wanted = {d.pk for d in disclosures}
    extra = {p.pk: p for p in previous.values() if p.pk not in wanted}
    facts = facts_for([*disclosures, *extra.values()])
    values = {f.disclosure.pk: {i.key: i.value(f) for i in REGISTRY} for f in facts}
    # facts_for keeps the caller's objects where they hold their bureau, else gives ones that do.
    loaded = {f.disclosure.pk: f.disclosure for f in facts}
    rows = []
    for d in disclosures:
        row = IndicatorRow(disclosure=loaded[d.pk], values=values[d.pk])
        before = previous.get(d.pk)
        if before is not None:
            row.previous = before
        if with_changes:
            row.changes = {
                key: indicator_change(current=value, previous=values[before.pk][key] if before else None, year=before)
                for key, value in row.values.items()
            }
        rows.append(row)
    return rows


def indicator_change(
    *, current: IndicatorValue, previous: IndicatorValue | None, year: Disclosure | None = None
) -> IndicatorChange:
    """The change of one indicator between two documents of consecutive years (same bureau, kind, scope)."""
    previous_year = year.fiscal_year if year is not None else None
    base = {
        "indicator": current.indicator,
        "unit": current.unit,
        "value": current.value,
        "previous_value": previous.value if previous else None,
        "previous_year": previous_year,
    }
    if previous is None:
        return IndicatorChange(**base, missing_reason=_("没有该单位上一年度同类文件。"))
    if current.value is None or previous.value is None:
        if current.value is None:
            reason = _("本年缺少此项，无法比较。")
        else:
            reason = _("%(year)s年缺少此项，无法比较。") % {"year": previous_year}
        return IndicatorChange(**base, missing_reason=reason)
    difference = (current.value - previous.value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    percent = None
    if current.unit != "%" and previous.value != 0:
        percent = ((current.value - previous.value) * 100 / abs(previous.value)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    return IndicatorChange(**base, difference=difference, percent=percent)


# --- peers: medians and the periods a set of rows mixes ---


@dataclass(frozen=True)
class PeerMedian:
    """The median of one indicator among comparable rows: the same year and kind, and the same province if asked."""

    indicator: str
    unit: str
    value: Decimal | None
    count: int  # rows with a value
    year: int
    kind: str
    province: Region | None  # None: all provinces


def region_province(*, region: Region | None) -> Region | None:
    """The province a region belongs to (walks the parents loaded with select_related)."""
    while region is not None and region.level != Region.Level.PROVINCE:
        region = region.parent
    return region


def peer_group(*, row: IndicatorRow, peers: str = "all") -> tuple[str, int, str]:
    """The group a row's median is taken over: (province code or "", year, kind). `peers` is "all" or "province"."""
    province = row.province if peers == "province" else None
    return (province.code if province else "", row.disclosure.fiscal_year, row.disclosure.kind)


def indicator_medians(*, rows: list[IndicatorRow], key: str, peers: str = "all") -> dict[tuple, PeerMedian]:
    """Medians of one indicator per peer group (see peer_group): budgets and final accounts, and different years,
    are never put in one median. Missing values are left out, not counted as 0. No queries."""
    unit = BY_KEY[key].unit
    groups: dict[tuple, list[IndicatorRow]] = defaultdict(list)
    for row in rows:
        groups[peer_group(row=row, peers=peers)].append(row)
    medians = {}
    for group, members in groups.items():
        found = [r.values[key].value for r in members if r.values[key].value is not None]
        value = statistics.median(found).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if found else None
        medians[group] = PeerMedian(
            indicator=key,
            unit=unit,
            value=value,
            count=len(found),
            year=group[1],
            kind=group[2],
            province=members[0].province if peers == "province" else None,
        )
    return medians


def rows_periods(*, rows: list[IndicatorRow]) -> list[tuple[int, str]]:
    """The (year, kind) pairs a set of rows covers, newest first; more than one means a ranking would mix them."""
    return sorted({(r.disclosure.fiscal_year, r.disclosure.kind) for r in rows}, key=lambda p: (-p[0], p[1]))
