"""Reads for the compare page: the rows of the chosen bureaus and the bureaus to choose from."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from comparisons.selectors import IndicatorRow, indicator_rows
from disclosures.models import Bureau, Disclosure

# --- compare ---


def compare_rows(*, documents: QuerySet[Disclosure], bureaus: list[Bureau], keys: list[str]) -> list[IndicatorRow]:
    """Every current document of the chosen bureaus (`documents`, of these `bureaus`: the form's, loaded with their
    regions), by bureau then year (budget before final account, then as stored), with the chosen indicators."""
    by_id = {bureau.pk: bureau for bureau in bureaus}
    # Each document holds its bureau from the form's list: one bureau and region objects shared by its eight years,
    # not five model instances per row read again by joins.
    disclosures = list(documents.select_related(None))
    for d in disclosures:
        d.bureau = by_id[d.bureau_id]
    rows = indicator_rows(disclosures=disclosures, keys=keys)
    return sorted(
        rows,
        key=lambda r: (
            r.disclosure.bureau.region.code,
            r.disclosure.bureau_id,
            r.disclosure.fiscal_year,
            r.disclosure.kind,
            r.disclosure.pk,
        ),
    )


def bureau_choices(*, ids: list[int]) -> QuerySet[Bureau]:
    """The bureaus asked for (by id) that have current documents: the compare form's checkboxes, with the regions
    the compare table shows (compare_rows)."""
    current = Disclosure.objects.filter(bureau=OuterRef("pk"), status=Disclosure.Status.CURRENT)
    return (
        Bureau.objects.filter(Exists(current), pk__in=ids)
        .select_related("region__parent__parent")
        .order_by("region__code", "name", "pk")
    )


def bureau_candidates(*, query: str, limit: int = 20) -> list[Bureau]:
    """Bureaus with current documents whose name, county or prefecture contains `query`, or whose code starts with
    it."""
    query = query.strip()
    if not query:
        return []
    match = Q(name__contains=query) | Q(region__name__contains=query) | Q(region__parent__name__contains=query)
    if query.isdigit():
        match = Q(region__code__startswith=query)
    return list(
        Bureau.objects.filter(match, disclosures__status=Disclosure.Status.CURRENT)
        .distinct()
        .select_related("region__parent__parent")
        .order_by("region__code", "name")[:limit]
    )
