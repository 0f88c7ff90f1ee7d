"""Reads for the comparison pages: which documents to compare, and their indicator values."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from disclosures.models import Disclosure

from .facts import facts_for
from .indicators import REGISTRY, IndicatorValue


@dataclass
class IndicatorRow:
    disclosure: Disclosure
    values: dict[str, IndicatorValue]

    @property
    def bureau(self):
        return self.disclosure.bureau

    @property
    def region(self):
        return self.disclosure.bureau.region


def disclosure_list_current(
    *,
    province: str | None = None,
    prefecture: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    bureau_ids: list[int] | None = None,
) -> QuerySet[Disclosure]:
    """Current versions, with region and its parents; filters by 6-digit codes of province or prefecture."""
    qs = Disclosure.objects.filter(status=Disclosure.Status.CURRENT).select_related(
        "bureau__region__parent__parent"
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
    """Each bureau's latest document among `documents` (a budget wins over a final account of the same year)."""
    latest: dict[int, Disclosure] = {}
    for d in documents.order_by("bureau_id", "-fiscal_year", "kind"):
        latest.setdefault(d.bureau_id, d)
    return sorted(latest.values(), key=lambda d: d.bureau.region.code)


def indicator_rows(*, disclosures: list[Disclosure]) -> list[IndicatorRow]:
    """Every indicator for every document, in a bounded number of queries."""
    return [
        IndicatorRow(disclosure=f.disclosure, values={i.key: i.value(f) for i in REGISTRY})
        for f in facts_for(disclosures)
    ]
