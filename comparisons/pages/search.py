"""Reads for the search page: bureaus by name, alias, place or code, as people write them ("顺平县医保局",
"顺平 医保", "顺平", "130636", "sp"); counties without documents; and, when nothing is found, near matches.

Bounded at national scale: the place is looked up among the ~3,400 divisions (one indexed query), the bureaus by
their region; only an empty result reads the division names to find those within a small edit distance."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from comparisons.initials import regions_by_initials
from comparisons.search_terms import SUFFIXES, Terms, edit_distance, search_terms, short_name
from disclosures.models import Bureau, Disclosure, Region

PLACES_MATCHED = 60  # divisions a place may stand for ("平" is the start of many)
SUGGESTIONS = 10


@dataclass
class SearchResult:
    bureaus: QuerySet[Bureau]
    regions_without_documents: list[Region]
    # When nothing is found: bureaus of the same county (another kind of body), or of a county whose name is a
    # character or two away from the one typed.
    suggestions: list[Bureau] = field(default_factory=list)


def _with_documents(bureaus: QuerySet[Bureau]) -> QuerySet[Bureau]:
    # Only what a link to a document says (its year, scope and kind): never the source text, the largest column.
    current = (
        Disclosure.objects.filter(status=Disclosure.Status.CURRENT)
        .only("bureau_id", "fiscal_year", "kind", "scope")
        .order_by("-fiscal_year", "kind")
    )
    return bureaus.select_related("region__parent__parent").prefetch_related(
        Prefetch("disclosures", queryset=current, to_attr="current_disclosures")
    )


def _place_regions(terms: Terms) -> list[int]:
    """The divisions the place names: its name with or without a suffix (顺平 / 顺平县), or what ends it after a
    prefecture or province written in front (保定市顺平县); ASCII letters as pinyin initials (sp -> 顺平县)."""
    place = terms.place
    if not place:
        return []
    if place.isascii():
        return regions_by_initials(place.lower(), limit=PLACES_MATCHED) if place.isalpha() else []
    tails = {place[i:] for i in range(len(place) - 1)} | {place}
    names = tails | {tail + suffix for tail in tails for suffix in SUFFIXES}
    match = Q(name__in=names)
    if len(terms.place_short) >= 2:
        match |= Q(name__startswith=terms.place_short)
    found = Region.objects.filter(match).order_by("code").values_list("pk", "name")[:PLACES_MATCHED]

    def covered(name: str) -> int:
        """How much of the place the name accounts for: 行唐县 is all of "行唐县", 唐县 only its end."""
        if name.startswith(terms.place_short):
            return len(place)
        same = [len(t) for t in tails if name == t or (name.startswith(t) and short_name(name) == short_name(t))]
        return max(same, default=1)

    scored = [(covered(name), pk) for pk, name in found]
    best = max((score for score, _ in scored), default=0)
    return [pk for score, pk in scored if score == best]


def _bureau_match(terms: Terms, regions: list[int]) -> Q:
    text = terms.text
    match = (
        Q(name__icontains=text)
        | Q(aliases__name__icontains=text)
        | Q(region__name__icontains=text)
        | Q(region__parent__name__icontains=text)
        | Q(region__parent__parent__name__icontains=text)
    )
    if text.isascii() and text.isdigit():
        match |= Q(region__code__startswith=text)
    kinds = Q(kind__in=terms.kinds) if terms.kinds else Q()
    if regions:
        # A county, or every county of a prefecture or a province named with the body ("河北 医保局").
        within = Q(region__in=regions) | Q(region__parent__in=regions) | Q(region__parent__parent__in=regions)
        match |= within & kinds
    elif terms.kinds and not terms.place:  # only a kind of body ("医保局"): every one of that kind
        match |= kinds
    return match


def bureau_search(*, query: str, limit: int = 20) -> SearchResult:
    """Bureaus by their name or alias, their county's, prefecture's or province's name (with or without 县/区/市),
    a short form of the body (医保局, 医保中心, 经办), a region code prefix, or pinyin initials."""
    terms = search_terms(query.strip())
    if not terms.text:
        return SearchResult(bureaus=Bureau.objects.none(), regions_without_documents=[])
    regions = _place_regions(terms)
    ids = Bureau.objects.filter(_bureau_match(terms, regions), merged_into__isnull=True).values("pk")
    bureaus = _with_documents(Bureau.objects.filter(pk__in=ids)).order_by("region__code", "name")
    region_match = Q(name__icontains=terms.text) | Q(pk__in=regions)
    if terms.text.isascii() and terms.text.isdigit():
        region_match |= Q(code__startswith=terms.text)
    without = list(
        Region.objects.filter(region_match, level=Region.Level.COUNTY)
        .exclude(bureaus__disclosures__status=Disclosure.Status.CURRENT)
        .select_related("parent__parent")
        .order_by("code")[:limit]
    )
    suggestions = [] if bureaus.exists() else bureau_suggestions(terms=terms, regions=regions)
    return SearchResult(bureaus=bureaus, regions_without_documents=without, suggestions=suggestions)


def bureau_suggestions(*, terms: Terms, regions: list[int]) -> list[Bureau]:
    """Near matches for a search that found nothing: the bureaus of the county named (when the kind of body asked
    for is not there), else those of the counties whose name is within one or two characters of the place typed."""
    live = Bureau.objects.filter(merged_into__isnull=True)
    if regions:
        same_place = list(_with_documents(live.filter(region__in=regions)).order_by("region__code")[:SUGGESTIONS])
        if same_place:
            return same_place
    typed = short_name(terms.place or terms.text)
    if len(typed) < 2 or typed.isascii():
        return []
    limit = 1 if len(typed) <= 3 else 2
    named = Region.objects.filter(bureaus__merged_into__isnull=True).values_list("pk", "name").distinct()
    near = [pk for pk, name in named if edit_distance(typed, short_name(name), limit=limit) <= limit]
    if not near:
        return []
    found = live.filter(region__in=near[: SUGGESTIONS * 2])
    if terms.kinds:
        found = found.filter(kind__in=terms.kinds) or found
    return list(_with_documents(found).order_by("region__code", "name")[:SUGGESTIONS])
