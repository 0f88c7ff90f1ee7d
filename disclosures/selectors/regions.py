"""Which region a publisher's name belongs to, from the national list of divisions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from disclosures.models import Region

# What follows the place name in a publisher's name.
_BODY = re.compile(
    r"(?:医疗保障局|医疗保障服务中心|医疗保险经办(?:机构|中心|处|局)|医保经办(?:机构|中心)|医疗保险(?:管理)?中心|"
    r"医疗保险事业管理(?:局|中心)|医疗保障事务中心|医保局|医疗保险局).*$"
)
_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")
_DIVISION_ENDS = set("省市县区旗州盟")
_PARTY = re.compile(r"^(?:中共|中国共产党)")


@dataclass(frozen=True)
class RegionMatch:
    region: Region | None
    candidates: tuple[Region, ...]
    place: str


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _places(publisher: str) -> list[str]:
    """The parts of a publisher's name that may name its place, longest first: for a medical-security body what
    stands before its body words; for any other body ("上海市普陀区司法局", "中共上海市普陀区委员会办公室") every
    beginning of the name that ends like a division (…市, …区, …县)."""
    name = _PARTY.sub("", re.sub(r"\s+", "", publisher))
    medical = _BODY.search(name)
    if medical:
        return [name[: medical.start()]]
    return [name[:i] for i in range(len(name), 1, -1) if name[i - 1] in _DIVISION_ENDS]


def region_resolve(*, publisher: str, context: str = "") -> RegionMatch:
    """The county whose name ends the place part of `publisher`; parents named in it, or in `context`, break ties.

    唐县医疗保障局 is 唐县, not 行唐县 or 高唐县: a county matches only when its whole name ends the place.
    """
    places = _places(publisher)
    if not places:
        return RegionMatch(None, (), "")
    fallback = RegionMatch(None, (), places[0])
    for place in places:
        match = _resolve_place(place, context)
        if match.region is not None or match.candidates:
            return match
    return fallback


def _resolve_place(place: str, context: str) -> RegionMatch:
    # Every tail of the place is a possible name; ask for those rather than scanning ~3,400 divisions.
    tails = {place[i:] for i in range(len(place))}
    tails |= {tail + suffix for tail in list(tails) if len(tail) >= 2 for suffix in _SUFFIXES}
    named = _NAMED.get()
    if named is None:
        found = list(Region.objects.filter(name__in=tails).select_related("parent__parent"))
    else:  # as the query gives them: ordered by code
        found = sorted((r for tail in tails for r in named.get(tail, ())), key=lambda r: r.code)
    exact = [r for r in found if r.level == Region.Level.COUNTY and place.endswith(r.name)]
    if not exact:
        exact = [r for r in found if r.level == Region.Level.COUNTY]
    if not exact:
        exact = [r for r in found if r.level == Region.Level.PREFECTURE and place.endswith(r.name)]
    if not exact:
        return RegionMatch(None, (), place)
    longest = max(len(r.name) for r in exact)
    candidates = [r for r in exact if len(r.name) == longest]
    if len(candidates) == 1:
        return RegionMatch(candidates[0], tuple(candidates), place)

    def score(region: Region, text: str) -> int:
        parents = [p for p in (region.parent, region.parent.parent if region.parent else None) if p is not None]
        return sum(p.name in text or _short(p.name) in text for p in parents)

    for text in (place, context):
        scores = [score(r, text) for r in candidates]
        best = max(scores)
        if best > 0 and scores.count(best) == 1:
            return RegionMatch(candidates[scores.index(best)], tuple(candidates), place)
    return RegionMatch(None, tuple(candidates), place)


# The national list by name, while regions_in_memory is in force.
_NAMED: ContextVar[dict[str, list[Region]] | None] = ContextVar("regions_named", default=None)


@contextmanager
def regions_in_memory() -> Iterator[None]:
    """Within: region_resolve reads the national list (~3,400 divisions) read once on entering, each with its
    parents, rather than asking the database for each publisher; for a batch of imports, where that query and its
    objects were a tenth of the work of writing a document. The list as it was on entering: the same resolution as
    had the batch run a moment earlier."""
    regions = {region.pk: region for region in Region.objects.order_by("code")}
    named: dict[str, list[Region]] = defaultdict(list)
    for region in regions.values():
        if region.parent_id is not None:
            region.parent = regions[region.parent_id]
        named[region.name].append(region)
    token = _NAMED.set(dict(named))
    try:
        yield
    finally:
        _NAMED.reset(token)


def region_places(*, region: Region) -> tuple[str, ...]:
    """The names a publisher's name may begin with in this county: its own, its prefecture's and its province's,
    each with and without its suffix (郾城区 / 郾城, 漯河市 / 漯河, 河南省 / 河南)."""
    names = []
    while region is not None:
        names.extend((region.name, _short(region.name), _PROVINCE_SUFFIX.sub("", region.name)))
        region = region.parent
    return tuple(dict.fromkeys(n for n in names if len(n) >= 2))


_PROVINCE_SUFFIX = re.compile(r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$")
