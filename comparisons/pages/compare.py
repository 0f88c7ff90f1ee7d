"""Reads for the compare page: the rows of the chosen bureaus and the bureaus to choose from."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from comparisons.selectors import IndicatorRow, indicator_rows
from disclosures.models import Bureau, Disclosure

# --- compare ---


def compare_rows(*, documents: QuerySet[Disclosure], keys: list[str]) -> list[IndicatorRow]:
    """Every current document of the chosen bureaus, by bureau then year, with the chosen indicators."""
    rows = indicator_rows(disclosures=list(documents), keys=keys)
    return sorted(
        rows, key=lambda r: (r.disclosure.bureau.region.code, r.disclosure.bureau_id, r.disclosure.fiscal_year)
    )


def bureau_choices(*, ids: list[int]) -> QuerySet[Bureau]:
    """The bureaus asked for (by id) that have current documents: the compare form's checkboxes."""
    return (
        Bureau.objects.filter(pk__in=ids, disclosures__status=Disclosure.Status.CURRENT)
        .distinct()
        .select_related("region")
        .order_by("region__code", "name")
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
