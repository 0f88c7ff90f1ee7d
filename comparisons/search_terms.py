"""What a search box query means: a place and, maybe, a kind of body, however it is written ("顺平县医保局",
"顺平 医保", "顺平县医疗保障局", a province in English: "Hebei"; "shunping" is not understood but "sp" may be: see
initials.py). Plain functions, no database."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from disclosures.models import Bureau
from disclosures.region_names import province_from_english

# The words that name the body, at the end of a query or as a word of their own; short forms first understood as
# their kind: 医保局 is a 医疗保障局; 医保中心, 经办, 医疗保险服务中心 an agency (经办机构 or 中心); 医保 either.
_BUREAU = r"(?:医疗保障|医保)局"
_AGENCY = (
    r"(?:医疗保障|医疗保险|医保)(?:事务|服务|经办|管理|事业管理)*(?:中心|机构|处)|"
    r"(?:医疗保险|医疗保障|医保)?经办(?:机构|中心|处)?|医疗保险(?:事业)?(?:管理)?局"
)
_ANY = r"医疗保障|医疗保险|医保"
_BODY = re.compile(rf"(?P<bureau>{_BUREAU})$|(?P<agency>{_AGENCY})$|(?P<any>{_ANY})$")
# What may end a county-level name, taken off so that "顺平" finds 顺平县 (longest first).
SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")


@dataclass(frozen=True)
class Terms:
    text: str  # the query without spaces, full-width letters and digits made plain
    place: str  # what names the place ("顺平县", "顺平"), "" when the query is only a kind of body
    kinds: tuple[str, ...]  # Bureau.Kind values the query asks for; () for any

    @property
    def place_short(self) -> str:
        """The place without its county-level suffix: 顺平县 -> 顺平 (a suffix alone is kept)."""
        return short_name(self.place)


def short_name(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _kinds(match: re.Match) -> tuple[str, ...]:
    if match.group("bureau"):
        return (Bureau.Kind.BUREAU,)
    if match.group("agency"):
        return (Bureau.Kind.AGENCY,)
    return ()


def search_terms(query: str) -> Terms:
    """The place and kinds of body a query asks for: each word that names a body (医保, 医保局, 经办中心) sets the
    kind; what is left is the place."""
    words = unicodedata.normalize("NFKC", query).split()
    text = "".join(words)
    places: list[str] = []
    kinds: tuple[str, ...] = ()
    for word in words:
        match = _BODY.search(word)
        if match:
            kinds = kinds or _kinds(match)
            word = word[: match.start()]
        if word:
            places.append(word)
    place = "".join(places)
    # A reader of English sees provinces by their English names (region_names.py) and searches by them too.
    chinese = province_from_english(place)
    if chinese:
        text, place = text.replace(place, chinese), chinese
    return Terms(text=text, place=place, kinds=kinds)


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Levenshtein distance of two short names, stopping early once above `limit` (returns limit + 1)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
