"""Which publishing body a name stands for, within its county: names that differ only by the province or prefecture
written in front ("漯河市郾城区医疗保障局", "郾城区医疗保障局"), by a short form ("医保局"), or by full-width and
half-width characters name one body; the 局 and its 经办中心 stay two."""

from __future__ import annotations

import re
import unicodedata

# Short and long forms of the same kind of body, as one word.
_KINDS = (
    (re.compile(r"(?:医疗保障|医保)(?:事务|服务)(?:中心)$"), "医疗保障事务中心"),
    (
        re.compile(
            r"(?:医疗保险|医保|医疗保障)(?:经办)(?:机构|中心|服务中心|处|局)$|医疗保险(?:事业)?(?:管理|服务)?(?:中心|局)$"
        ),
        "医疗保险经办机构",
    ),
    (re.compile(r"(?:医疗保障|医保)局$"), "医疗保障局"),
)


def plain(name: str) -> str:
    """The name with full-width letters and digits as plain ones and no spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def body_key(name: str, places: tuple[str, ...]) -> str:
    """The body a name stands for in a county whose names (the county's, its prefecture's, its province's, with and
    without their suffixes) are `places`: what is left once those are taken off its front, its kind in one word."""
    rest = plain(name)
    rest = re.sub(r"^(?:中共|中国共产党)", "", rest)
    changed = True
    while changed and rest:
        changed = False
        for place in sorted(places, key=len, reverse=True):
            if place and rest.startswith(place) and len(rest) > len(place):
                rest, changed = rest[len(place) :], True
                break
    for pattern, kind in _KINDS:
        m = pattern.search(rest)
        if m:
            return rest[: m.start()] + kind
    return rest
