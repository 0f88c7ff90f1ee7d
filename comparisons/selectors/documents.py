"""Which documents the comparison pages read: current versions, filtered, and each one's previous year."""

from __future__ import annotations

from django.db.models import QuerySet

from disclosures.models import Disclosure, Region


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


def region_province(*, region: Region | None) -> Region | None:
    """The province a region belongs to (walks the parents loaded with select_related)."""
    while region is not None and region.level != Region.Level.PROVINCE:
        region = region.parent
    return region
