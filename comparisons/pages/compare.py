"""Reads for the compare page: the rows of the chosen bureaus and the bureaus to choose from."""

from __future__ import annotations

from django.db.models import QuerySet

from comparisons.selectors import IndicatorRow, indicator_rows
from disclosures.models import Bureau, Disclosure

# --- compare ---


def compare_rows(*, documents: QuerySet[Disclosure]) -> list[IndicatorRow]:
    """Every current document of the chosen bureaus, by bureau then year."""
    rows = indicator_rows(disclosures=list(documents))
    return sorted(
        rows, key=lambda r: (r.disclosure.bureau.region.code, r.disclosure.bureau_id, r.disclosure.fiscal_year)
    )


def bureau_choices() -> QuerySet[Bureau]:
    return (
        Bureau.objects.filter(disclosures__status=Disclosure.Status.CURRENT)
        .distinct()
        .select_related("region")
        .order_by("region__code", "name")
    )
