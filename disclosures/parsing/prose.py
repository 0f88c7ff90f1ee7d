"""The prose of a disclosure as passages: lines that a PDF wrapped at the page width joined back together.

Text taken from a PDF breaks every paragraph at the right margin, often inside a figure ("事业收入0万" | "元") or a
label ("国有资本经营预" | "算拨款支出预算0万元"). The prose readers read passages, and a figure keeps the line it was
printed on: `Passage.line_at` maps an offset in the passage back to its line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A line that starts a new item or heading, never the rest of the line above it.
_STARTS_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十\d]+[部章节条]"
    r"|[①-⑳]|附[件表]|注[：:])"
)
_SENTENCE_END = ("。", "！", "？", "!", "?")
_FULL = 0.85  # a line this close to the page width was wrapped, not ended


@dataclass(frozen=True)
class Passage:
    text: str
    line: int  # 1-based line of the first piece
    starts: tuple[int, ...] = ()  # offsets in text where the following lines begin

    def line_at(self, offset: int) -> int:
        return self.line + bisect_right(self.starts, offset)


def line_at(place: int | Passage, offset: int) -> int:
    """The 1-based line of text at `offset` of what was read from `place` (a line number, or a passage)."""
    return place if isinstance(place, int) else place.line_at(offset)


# CJK, full-width forms and the like are two columns wide, every other character one. The narrow ones are counted
# (by a regex in C: this runs on every line): in Chinese prose they are the few, so the list found is short.
_NARROW = re.compile(
    "[^\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def _width(text: str) -> int:
    return 2 * len(text) - len(_NARROW.findall(text))


def _page_width(cleaned: list[str]) -> int:
    """The width most prose lines are wrapped at: a high percentile of the line widths."""
    widths = sorted(_width(t) for t in cleaned if len(t) >= 10 and "\t" not in t)
    if len(widths) < 10:
        return 0
    return widths[int(len(widths) * 0.9)]


def passages(cleaned: list[str]) -> list[Passage]:
    """Each prose line, joined with the lines it was wrapped onto; lines with tab-separated cells stand alone."""
    width = _page_width(cleaned)
    # A line shorter than this is not measured (_wraps): told here, without a call, for most lines.
    shortest = width * _FULL / 2
    out: list[Passage] = []
    i = 0
    while i < len(cleaned):
        text = piece = cleaned[i]
        first, starts = i + 1, []
        while (
            width
            and len(piece) >= shortest
            and _wraps(piece, width)
            and i + 1 < len(cleaned)
            and _continues(cleaned[i + 1])
        ):
            i += 1
            piece = cleaned[i]
            starts.append(len(text))
            text += piece
        if text:
            out.append(Passage(text, first, tuple(starts)))
        i += 1
    return out


def _wraps(text: str, width: int) -> bool:
    last = text.rstrip()
    if not last or "\t" in last or last.endswith(_SENTENCE_END):
        return False
    # A character is at most two columns wide: a line too short even so (most are) is not measured.
    return 2 * len(last) >= width * _FULL and _width(last) >= width * _FULL


def _continues(text: str) -> bool:
    return bool(text) and "\t" not in text and not _STARTS_ITEM.match(text) and not text.endswith("表")
