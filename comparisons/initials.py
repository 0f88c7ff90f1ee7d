"""Pinyin initials of division names (顺平县 -> spx) without a pinyin package: the 3,755 common characters of
GB2312 (level 1) are ordered by their pinyin, so the code of a character tells its initial. A rarer character
(GB2312 level 2, ordered by radical, or outside GB2312) has no initial here: a name holding one is found by its
characters, not its initials. A character with two readings has the one GB2312 sorts it by."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from disclosures.models import Region

# The first level-1 code of each initial (i, u and v begin no syllable); level 1 ends at 0xD7F9.
_STARTS = (
    (0xB0A1, "a"),
    (0xB0C5, "b"),
    (0xB2C1, "c"),
    (0xB4EE, "d"),
    (0xB6EA, "e"),
    (0xB7A2, "f"),
    (0xB8C1, "g"),
    (0xB9FE, "h"),
    (0xBBF7, "j"),
    (0xBFA6, "k"),
    (0xC0AC, "l"),
    (0xC2E8, "m"),
    (0xC4C3, "n"),
    (0xC5B6, "o"),
    (0xC5BE, "p"),
    (0xC6DA, "q"),
    (0xC8BB, "r"),
    (0xC8F6, "s"),
    (0xCBFA, "t"),
    (0xCDDA, "w"),
    (0xCEF4, "x"),
    (0xD1B9, "y"),
    (0xD4D1, "z"),
)
_CODES = [code for code, _ in _STARTS]
_LEVEL_ONE_END = 0xD7F9


def initial(char: str) -> str | None:
    """The pinyin initial of a common Chinese character, or None."""
    try:
        raw = char.encode("gb2312")
    except UnicodeEncodeError:
        return None
    if len(raw) != 2:
        return None
    code = raw[0] << 8 | raw[1]
    if not _CODES[0] <= code <= _LEVEL_ONE_END:
        return None
    return _STARTS[bisect_right(_CODES, code) - 1][1]


def initials(name: str) -> str | None:
    """顺平县 -> "spx"; None when a character has no known initial."""
    letters = [initial(char) for char in name]
    return None if None in letters else "".join(letters)


@lru_cache(maxsize=1)
def _table(count: int) -> tuple[tuple[str, int], ...]:
    # Keyed by the number of divisions, so a reloaded list is read again; ~3,400 names, computed once per process.
    rows = Region.objects.order_by("code").values_list("pk", "name")
    return tuple((letters, pk) for pk, name in rows if (letters := initials(name)))


def regions_by_initials(letters: str, *, limit: int) -> list[int]:
    """The divisions whose name's initials begin with `letters` (at least two), in code order."""
    if len(letters) < 2:
        return []
    table = _table(Region.objects.count())
    return [pk for found, pk in table if found.startswith(letters)][:limit]
