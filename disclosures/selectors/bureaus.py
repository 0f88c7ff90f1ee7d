"""Reads of bureaus for staff: pairs in one county that may be one body spelled two ways."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from django.db.models import Count

from disclosures.models import Bureau
from disclosures.parsing.bureau_names import body_key
from disclosures.selectors.regions import region_places

SIMILAR = 0.6  # share of the names' remaining words in common (after the county's own names are taken off)


@dataclass(frozen=True)
class LikelyDuplicate:
    first: Bureau
    second: Bureau
    similarity: float


def bureau_likely_duplicates() -> list[LikelyDuplicate]:
    """Bureaus of one county, of one kind, whose names left after the county's own are alike: merge candidates."""
    bureaus = list(
        Bureau.objects.filter(merged_into__isnull=True)
        .select_related("region__parent__parent")
        .annotate(documents=Count("disclosures"))
        .order_by("region__code", "pk")
    )
    by_region: dict[int, list[Bureau]] = {}
    for bureau in bureaus:
        by_region.setdefault(bureau.region_id, []).append(bureau)
    found = []
    for group in by_region.values():
        if len(group) < 2:
            continue
        places = region_places(region=group[0].region)
        for a, b in combinations(group, 2):
            if a.kind != b.kind:
                continue
            similarity = SequenceMatcher(None, body_key(a.name, places), body_key(b.name, places)).ratio()
            if similarity >= SIMILAR:
                found.append(LikelyDuplicate(a, b, similarity))
    return sorted(found, key=lambda d: -d.similarity)
