"""Reads for the search page: bureaus by name, alias, place or code, and counties without documents."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from disclosures.models import Bureau, Disclosure, Region

# --- search ---


@dataclass
class SearchResult:
    bureaus: QuerySet[Bureau]
    regions_without_documents: list[Region]


def bureau_search(*, query: str, limit: int = 20) -> SearchResult:
    """Bureaus by their name or alias, their county's, prefecture's or province's name, or a region code prefix."""
    query = query.strip()
    if not query:
        return SearchResult(bureaus=Bureau.objects.none(), regions_without_documents=[])
    match = (
        Q(name__icontains=query)
        | Q(aliases__name__icontains=query)
        | Q(region__name__icontains=query)
        | Q(region__parent__name__icontains=query)
        | Q(region__parent__parent__name__icontains=query)
    )
    if query.isdigit():
        match |= Q(region__code__startswith=query)
    ids = Bureau.objects.filter(match, merged_into__isnull=True).values("pk")
    current = Disclosure.objects.filter(status=Disclosure.Status.CURRENT).order_by("-fiscal_year", "kind")
    bureaus = (
        Bureau.objects.filter(pk__in=ids)
        .select_related("region__parent__parent")
        .prefetch_related(Prefetch("disclosures", queryset=current, to_attr="current_disclosures"))
        .order_by("region__code", "name")
    )
    region_match = Q(name__icontains=query) | (Q(code__startswith=query) if query.isdigit() else Q(pk__in=[]))
    regions = list(
        Region.objects.filter(region_match, level=Region.Level.COUNTY)
        .exclude(bureaus__disclosures__status=Disclosure.Status.CURRENT)
        .select_related("parent__parent")
        .order_by("code")[:limit]
    )
    return SearchResult(bureaus=bureaus, regions_without_documents=regions)
