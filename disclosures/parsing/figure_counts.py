"""People the document counts: insured residents and employees, staff; and the per-head county subsidy.

Prose says "城乡居民基本医疗保险参保15.96万人" or "预计250000人参加城乡居民基本医疗保险"; performance-target rows
say "参保人数 … ≤156500 人" or "每人配套 140元/人/年". Counts of a subgroup (资助参保的困难群众, 重度残疾人) and
premiums paid by individuals are other figures, and are left out.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .figure_text import (
    NUMBER,
    Sentence,
    head_count,
    is_term,
    quote_around,
    sentences,
    term_before,
    to_decimal,
    whole,
    year_of,
)
from .prose import Passage, line_at
from .types import StatedFigure

_NUMBER = re.compile(NUMBER)
_N = r"(" + NUMBER + r")\s*(万)?\s*(余|多)?\s*"
_SUBGROUP = re.compile(r"资助|残疾|重残|贫困|困难|低保|脱贫|特困|救助|优抚|五保|监测|孤儿|代缴")
_PLAN = r"(?:基本医疗保险|基本医保|医疗保险|医保)?"
_JOIN = r"(?:参保人数|参保)(?:人数)?(?:达到|达|为|共|有|约)?\s*[≤≥<>＜＞]?\s*"
_RESIDENTS = [
    re.compile(r"(?:城乡)?居民" + _PLAN + _JOIN + _N + r"(?:人|名)"),
    re.compile(_N + r"人参加了?(?:城乡)?居民(?:基本)?医"),
]
_EMPLOYEES = [
    re.compile(r"职工" + _PLAN + _JOIN + _N + r"(?:人|名)"),
    re.compile(_N + r"人参加了?(?:城镇)?职工(?:基本)?医"),
]
# "管理全县参加医疗保险的职工16500人和城乡居民249052人": a list after "参加…保险".
_ENROLLED = re.compile(r"参保|参加[^，。；]{0,10}保险")
_LISTED = re.compile(r"(城乡居民|居民|城镇职工|职工)\s*" + _N + r"(?:人|名)")
# A target row: "全县参保人数 | 实际参保人数 | ≤250000人".
_ROW_TOPIC = re.compile(r"参保人数|参保的人数|参加[^\t]{0,10}保险[^\t]{0,4}人数")
_ROW_VALUE = re.compile(r"^[≤≥<>＜＞约]?\s*" + _N + r"(?:人|名)$")

_PER_HEAD = [
    re.compile(r"每人每年(?:[^\d，。；]{0,6}?)(?:补助|补贴|配套)(?:标准)?(?:为|是|达到)?\s*(" + NUMBER + r")\s*元"),
    re.compile(r"每人(?:政府|财政)?(?:补助|补贴|配套)(?:标准)?(?:为|是)?\s*(" + NUMBER + r")\s*元(?!\s*/)"),
    re.compile(r"人均(?:财政|政府)?(?:补助|补贴)标准[^\d，。；]{0,8}?(" + NUMBER + r")\s*元"),
    # Below: a bare rate per head, a subsidy only where the sentence or row says 补助/配套/补贴.
    re.compile(r"每人每年\s*(" + NUMBER + r")\s*元"),
    re.compile(r"(" + NUMBER + r")\s*元\s*/\s*(?:人\s*(?:[/·]\s*年)?|年\s*/\s*人)"),
]
_BARE_RATES = 2
# "补助标准每人每年不低于670元，其中县级负担不低于67元": the county's share of a per-head subsidy, named as such. The
# sentence also states the all-levels minimum (which _NOT_COUNTY_SUBSIDY keeps out); this clause is the county's.
_COUNTY_SHARE = re.compile(
    r"(?:县级|区级|县本级|区本级|县财政|区财政)(?:财政)?(?:负担|承担|分担|配套)(?:标准)?"
    r"(?:为|是|不低于|不少于|达到)?\s*(" + NUMBER + r")\s*元(?![/／]?\s*(?:万|亿))"
)
_PER_HEAD_TOPIC = re.compile(r"补助|补贴|配套")
# The national minimum, all levels together, and what an individual pays are not the county's subsidy.
_NOT_COUNTY_SUBSIDY = re.compile(
    r"国家|全国|各级|最低|不低于|不少于|中央|省级|个人|缴费|保费|残疾|资助|提高到|提高至|增加"
)
# The subsidy of all levels together is several hundred 元 (640元 in 2023); a county's own share is a fraction of it.
# A figure that large is taken as the county's only where the text says it is the county's.
_ALL_LEVELS_SIZE = Decimal(500)
_COUNTY_MARK = re.compile(r"县级|区级|市级|县财政|区财政|本级|县本级")

# The noun that ends a count's or a subsidy's name in the words before its number: "…参保人数" / "…补助标准".
_COUNT_NOUN = re.compile(r"人数")
_SUBSIDY_NOUN = re.compile(r"(?:补助|补贴|配套|负担|承担|分担)(?:标准)?")

_QUOTA = re.compile(r"(?<![行政事业参公工勤])(?:人员)?编制(?:人数)?(?:为|共|共计|有)?\s*(" + NUMBER + r")\s*(?:人|名)")
_ACTUAL = re.compile(
    r"(?:实有人员|实有人数|实有在职人员|在职在编人员|在职在编|在职人员)(?:为|共|共计|有)?\s*("
    + NUMBER
    + r")\s*(?:人|名)"
)


def _figure(
    key: str, value: Decimal, unit: str, number: int, quote: str, label: str, year: int | None = None
) -> StatedFigure:
    return StatedFigure(key=key, value=value, unit=unit, line=number, quote=quote, label=label, year=year)


def _insured(number: int | Passage, text: str, doc_year: int | None, years: bool) -> list[StatedFigure]:
    """Insured residents and employees stated in a sentence (prose or a cell that holds one)."""
    out: list[StatedFigure] = []
    if "参" not in text:  # every pattern below needs 参保 or 参加: most lines are spared the regex scans
        return out
    for s in sentences(text):
        if _SUBGROUP.search(s.text):
            continue
        hits: list[tuple[str, re.Match[str]]] = [
            ("insured_residents", m) for p in _RESIDENTS for m in p.finditer(s.text)
        ]
        hits += [("insured_employees", m) for p in _EMPLOYEES for m in p.finditer(s.text)]
        enrolled = _ENROLLED.search(s.text)
        if enrolled:
            for m in _LISTED.finditer(s.text, enrolled.end()):
                hits.append(("insured_employees" if "职工" in m.group(1) else "insured_residents", m))
        for key, m in hits:
            count, wan, approximate, at = _count_groups(m)
            if approximate:  # "14.9万余人" is not a count to check anything against
                continue
            value = head_count(count, wan)
            out.append(
                _figure(
                    key,
                    value,
                    "人",
                    line_at(number, s.start + m.start()),
                    quote_around(text, s.start + m.start(), s.start + m.end()),
                    term_before(s.text[m.start() : at], _COUNT_NOUN),
                    year_of(s.text, m.start(), doc_year) if years else None,
                )
            )
    return out


def _count_groups(m: re.Match[str]) -> tuple[str, str, str, int]:
    """(number, 万, 余/多, where the number starts) of a match built from _N; other groups (城乡居民/职工) come
    before them."""
    groups = m.groups()
    for i, g in enumerate(groups):
        if g and _NUMBER.fullmatch(g):
            return g, groups[i + 1] or "", groups[i + 2] or "", m.start(i + 1)
    raise ValueError(m.group(0))


def _per_head(number: int | Passage, text: str, context: str) -> list[StatedFigure]:
    out: list[StatedFigure] = []
    if "每人" not in text and "人均" not in text and "/" not in text:  # each of _PER_HEAD needs one of them
        return out
    for s in sentences(text):
        if _NOT_COUNTY_SUBSIDY.search(s.text) or _NOT_COUNTY_SUBSIDY.search(context):
            out += _county_share(number, text, s)
            continue
        for i, pattern in enumerate(_PER_HEAD):
            for m in pattern.finditer(s.text):
                # "140元/人/年" is a subsidy only where the row or sentence says 补助/配套.
                if i >= len(_PER_HEAD) - _BARE_RATES and not _PER_HEAD_TOPIC.search(s.text):
                    continue
                value = whole(to_decimal(m.group(1)))
                if value >= _ALL_LEVELS_SIZE and not (_COUNTY_MARK.search(s.text) or _COUNTY_MARK.search(context)):
                    continue
                out.append(_per_head_figure(number, text, s, m, value))
    return out


def _per_head_figure(number: int | Passage, text: str, s: Sentence, m: re.Match, value) -> StatedFigure:
    """A per-head subsidy, quoted from the words around the match, labelled with the name the match gives it before
    its number ("每人每年政府补助", "县级负担"), if any."""
    quote = quote_around(text, s.start + m.start(), s.start + m.end())
    line = line_at(number, s.start + m.start())
    label = term_before(s.text[m.start() : m.start(1)], _SUBSIDY_NOUN)
    return _figure("subsidy_per_insured", value, "元/人", line, quote, label)


def _county_share(number: int | Passage, text: str, s: Sentence) -> list[StatedFigure]:
    """The county's share named in a sentence that also states the all-levels or individual rate per head."""
    if "每人" not in s.text and "人均" not in s.text:
        return []
    out: list[StatedFigure] = []
    for m in _COUNTY_SHARE.finditer(s.text):
        value = whole(to_decimal(m.group(1)))
        if value >= _ALL_LEVELS_SIZE:
            continue
        out.append(_per_head_figure(number, text, s, m, value))
    return out


def prose_counts(number: int | Passage, text: str, doc_year: int | None) -> list[StatedFigure]:
    out = _insured(number, text, doc_year, years=True)
    out += _per_head(number, text, "")
    for pattern, label, hints in ((_QUOTA, "编制人数", ("编制",)), (_ACTUAL, "实有人数", ("实有", "在职"))):
        if not any(hint in text for hint in hints):  # a cheap test spares the regex scan
            continue
        for m in pattern.finditer(text):
            out.append(
                _figure(
                    "staff",
                    whole(to_decimal(m.group(1))),
                    "人",
                    line_at(number, m.start()),
                    quote_around(text, m.start(), m.end()),
                    label,
                )
            )
    return out


def row_counts(number: int, cells: list[str], title: str) -> list[StatedFigure]:
    """Counts and per-head subsidy in one row of a performance-target table titled `title`."""
    if _SUBGROUP.search(title):
        return []
    text = " | ".join(c for c in cells if c)
    out = _insured(number, text, None, years=False)
    if _ROW_TOPIC.search(text) and not _SUBGROUP.search(text):
        key = _whose(text) or _whose(title) or "insured_residents"
        for cell in cells:
            m = _ROW_VALUE.match(cell)
            if m and not m.group(3):
                out.append(
                    _figure(key, head_count(m.group(1), m.group(2) or ""), "人", number, text[:160], _row_label(cells))
                )
    out += _per_head(number, text, title)
    return out


def _whose(words: str) -> str | None:
    """Whose count a row or a table title speaks of, when it says: 职工 (employees) or 居民 (residents)."""
    if "居民" in words:
        return "insured_residents"
    if "职工" in words:
        return "insured_employees"
    return None


def _row_label(cells: list[str]) -> str:
    """The cell that names the row's count ("全县参保人数"), whole: a longer one, cut, would be a word cut in two."""
    for cell in cells:
        if _ROW_TOPIC.search(cell):
            name = "".join(cell.split())
            return name if len(name) <= 64 and is_term(name) else ""
    return ""
