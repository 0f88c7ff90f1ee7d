"""Tables whose tabs the extractor lost: cells separated by runs of two or more spaces (a `pdftotext -layout` page).

Only inside a recognised table (after a title line, before the next title, heading or sentence of narrative), and only
where that table has no tab at all: there, a line is cut at runs of two or more spaces and each piece is put in the
column of the header row it stands under (the header row with most cells), so that a row that lost its empty cells
("2101202  财政对…补助  1013.67        1013.67") keeps its amounts in their columns. The rewritten lines are
tab-separated, and every reader then treats them as it treats any other table.
"""

from __future__ import annotations

import re

from .table_layout import header_score, squash
from .table_titles import title_key

_CELL = re.compile(r"\S+(?: \S+)*")  # a run of text with single spaces inside ("机关 事业 单位")
_GAP = re.compile(r"\S {2,}\S")
_HEADING = re.compile(r"^\s*(?:[-*]\s+)?#{1,6}\s")


def _cells(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _CELL.finditer(line)]


def _is_prose(line: str) -> bool:
    return len(squash(line)) >= 40 and not _GAP.search(line)


def tabulate_spaced(lines: list[str]) -> list[str]:
    """The lines, with the space-aligned rows of tab-less tables turned into tab-separated rows."""
    if "\t" in "".join(lines) and not any(_GAP.search(x) for x in lines if "\t" not in x and "表" not in x):
        return lines  # every table has its tabs (the common case): nothing to look at
    out = lines[:]
    titles = [i for i, line in enumerate(lines) if "表" in line and title_key(line)]
    for n, start in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(lines)
        for i in range(start + 1, end):
            if _HEADING.match(lines[i]) or _is_prose(lines[i]):
                end = i
                break
        region = range(start + 1, end)
        if any("\t" in lines[i] for i in region):
            continue
        spaced = [i for i in region if _GAP.search(lines[i])]
        headers = [i for i in spaced if header_score([squash(c) for _, _, c in _cells(lines[i])]) >= 2]
        if not headers:
            continue
        reference = _cells(lines[max(headers, key=lambda i: len(_cells(lines[i])))])
        for i in spaced:
            if i >= headers[0]:
                out[i] = _placed(lines[i], reference)
    return out


def _placed(line: str, reference: list[tuple[int, int, str]]) -> str:
    """The cells of a line, tab-separated, each in the column of the reference header it overlaps most (or is
    nearest to). Two pieces under one column: the pieces in their order, for the table reader to place."""
    cells = _cells(line)
    slots = [""] * len(reference)
    for start, end, text in cells:
        best = max(
            range(len(reference)),
            key=lambda j: (
                min(end, reference[j][1]) - max(start, reference[j][0]),
                -abs((start + end) - (reference[j][0] + reference[j][1])),
            ),
        )
        if slots[best]:
            return "\t".join(text for _, _, text in cells)
        slots[best] = text
    return "\t".join(slots)
