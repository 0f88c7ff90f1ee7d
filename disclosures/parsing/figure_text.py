"""Small helpers the figure and narrative readers share: cleaning a prose line, numbers with their units, sentences,
and which year a sentence speaks of."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from disclosures.vocabulary import HEADING_MARKS

from .text import strip_tags, to_yuan

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")

# A number as printed in prose: "3798.42", "7,661.49", "250000", "15.96"; never the tail of a longer number.
NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
_LAST_YEAR = re.compile(r"上一?年")
# "与2021年相比", "比上年", "较上年" compare with another year: the figure itself is still about the document's year.
_COMPARING = re.compile(r"(?:与|比|较|同|对比|于|相对)\s*$")
_SENTENCE_END = re.compile(r"[。！？!?]")


def clean_prose(line: str) -> str:
    """A line as a reader sees it: no <b> tags, bookmarks, markdown heading marks or bold stars."""
    line = strip_tags(line)
    # Called on every line of a document: skip the regex passes on the many lines that cannot match them.
    if "[bookmark:" in line:
        line = _BOOKMARK.sub("", line)
    if "#" in line:
        line = HEADING_MARKS.sub("", line)
    return line.strip()


def to_decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", ""))


_CENT = Decimal("0.01")


def money_in_yuan(number: str, unit: str) -> Decimal:
    """ "0.126" 万元 -> 1260.00 元: exact, written to the cent where that loses nothing."""
    value = to_yuan(to_decimal(number), unit)
    cents = value.quantize(_CENT)
    return cents if cents == value else value


def whole(value: Decimal) -> Decimal:
    """15.96万 -> 159600, not 159600.00: counts are whole people."""
    integral = value.to_integral_value()
    return integral if integral == value else value.normalize()


_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年度?")
_DIGIT = re.compile(r"\d")


def is_term(label: str) -> bool:
    """Whether a figure's label is a name ("全县参保人数", "2024年机构运行经费表"), not a piece of the sentence that
    states it ("250000人参加城乡居民基本医", "每人补助128元"): a name holds no number but a year. Older imports
    stored such pieces as labels; a page shows a name only, else the site's own name with the quote beside it."""
    return bool(label) and not _DIGIT.search(_YEARS.sub("", label))


def term_before(words: str, noun: re.Pattern[str]) -> str:
    """The name a document gives a figure, from the words of a match before its number: up to the end of the last
    `noun` in them ("城乡居民基本医疗保险参保人数" of "城乡居民基本医疗保险参保人数达到", "每人每年政府补助" of
    "每人每年政府补助标准为" with 标准 kept where the noun takes it), whole; "" where they hold no such noun (the
    number came first, or the words only join it: "城乡居民参保"): the site's own name is shown then."""
    words = "".join(words.split())
    ends = [m.end() for m in noun.finditer(words)]
    term = words[: ends[-1]] if ends else ""
    return term if 2 <= len(term) <= 64 and is_term(term) else ""


def head_count(number: str, wan: str) -> Decimal:
    value = to_decimal(number)
    return whole(value * 10000 if wan else value)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset of the sentence in its cleaned line


def sentences(text: str) -> list[Sentence]:
    """Split a cleaned line into sentences, keeping their offsets."""
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start : m.end()].strip():
            out.append(Sentence(text[start : m.end()], start))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(text[start:], start))
    return out


def quote_around(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence holding text[start:end], shortened around it when the sentence is long."""
    # Look for the sentence ends near the figure only: a line can be one endless sentence.
    floor, ceiling = max(0, start - 400), min(len(text), end + 400)
    left = max([text.rfind(c, floor, start) for c in "。！？!?"] + [floor - 1]) + 1
    ends = [i for i in (text.find(c, end, ceiling) for c in "。！？!?") if i >= 0]
    right = min(ends) + 1 if ends else ceiling
    piece_start = max(left, min(start - limit // 2, right - limit))
    piece_end = min(right, piece_start + limit)
    piece = text[piece_start:piece_end].strip()
    return ("…" if piece_start > left else "") + piece + ("…" if piece_end < right else "")


def year_of(sentence: str, pos: int, doc_year: int | None) -> int | None:
    """The year a figure at `pos` speaks of, when the sentence names one other than the document's; None otherwise.

    The last year named before the figure wins, unless it is the year being compared with ("与2021年相比")."""
    best: tuple[int, int] | None = None
    before = sentence[max(0, pos - 120) : pos]  # the year a figure is about is named close to it
    for m in _YEAR.finditer(before):
        if not _COMPARING.search(before[max(0, m.start() - 6) : m.start()]):
            best = (m.start(), int(m.group(1)))
    if doc_year is not None:
        for m in _LAST_YEAR.finditer(before):
            if not _COMPARING.search(before[max(0, m.start() - 6) : m.start()]) and (
                best is None or m.start() > best[0]
            ):
                best = (m.start(), doc_year - 1)
    if best is None or best[1] == doc_year:
        return None
    return best[1]
