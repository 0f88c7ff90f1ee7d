"""Is the text the whole document? A file cut off half-way must not be imported as if it were complete.

The table of contents (目录) at the start lists the tables and sections; a document cut off loses the last ones.
"""

from __future__ import annotations

import re

from .text import strip_tags
from .types import ParseResult, Problem, Severity

# A dot leader and its shortest run: "标题......12", "标题……3", "标题···5".
_LEADERS = {".": 3, "…": 2, "·": 3}
_TABLE_ROW = re.compile(r"^表\s*\d+\s*\t(?P<title>[^\t]+)(?:\t(?P<empty>是|否))?")
_LIST_ITEM = re.compile(r"^[-*]\s*(?P<title>.+)$")
_NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[（(]?[一二三四五六七八九十\d]+[)）、.．]|表\s*\d+)\s*")
# What _normal deletes: years ("2023年度", as r"\d{4}\s*年度?" matches them), whitespace and these marks.
_MARKS = "\"“”‘’'`·.．、，,；;：:（）()[]【】#*<>/-"
_HEAD_SHARE = 0.4  # the contents list sits in the first part of the document
_CONTENTS_HEADING = re.compile(r"\A#*\s*目\s*录\s*\Z")  # anchored: unanchored, a long run of spaces is quadratic


def _normal(text: str) -> str:
    """The text without tags, years, whitespace and punctuation, for comparing titles.

    Runs on the whole text of a document: deleting the years first and the rest with str methods is faster than
    one regex pass for both, and gives the same result (a year starts with a digit, never one of the marks)."""
    text = "".join(_without_years(strip_tags(text)).split())
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


def _without_years(text: str) -> str:
    r"""text with each year deleted: what re.sub(r"\d{4}\s*年度?", "", text) gives.

    Found from each 年 backwards (the spaces, then 4 digits before it), which is several times faster than a regex
    that must try every character. Years cannot overlap: the 年 or 度 that ends one is not a digit of the next."""
    pieces: list[str] = []
    kept = 0  # text[kept:] is not copied yet
    at = text.find("年")
    while at >= 0:
        digits_end = at
        while digits_end > kept and text[digits_end - 1].isspace():  # isspace: the characters \s matches
            digits_end -= 1
        start = digits_end - 4
        if start >= kept and text[start:digits_end].isdecimal():  # isdecimal: the characters \d matches
            pieces.append(text[kept:start])
            kept = at + 2 if text.startswith("度", at + 1) else at + 1
        at = text.find("年", at + 1)
    pieces.append(text[kept:])
    return "".join(pieces)


def dotted_title(line: str) -> str | None:
    """The title of a contents line "title <leader> page", or None; what the pattern
    r"^(?P<title>[^\t]+?)\\s*(?:\\.{3,}|…{2,}|·{3,})\\s*\t?\\s*\\d+\\s*$" matches, found from the end of the line.

    That pattern backtracks quadratically on a long run of dots (a line of 40,000 dots took minutes): here every
    character is looked at a bounded number of times."""
    end = len(line.rstrip())
    digits = end
    while digits > 0 and line[digits - 1].isdecimal():  # isdecimal: the characters \d matches
        digits -= 1
    if digits == end:
        return None
    before = line[:digits].rstrip()
    if not before or before[-1] not in _LEADERS:
        return None
    mark = before[-1]
    start = len(before.rstrip(mark))
    if start == 0:  # the title takes at least one character, even one of the leader's
        start = 1
    if len(before) - start < _LEADERS[mark]:
        return None
    title = before[:start].rstrip()
    return title if title and "\t" not in title else None


def _title(raw: str) -> str:
    return _normal(_NUMBERING.sub("", raw.strip()))


def contents_entries(lines: list[str]) -> tuple[list[tuple[str, int]], int]:
    """(normalised title, line) of each contents entry, and the last line of the contents block."""
    entries: list[tuple[str, int]] = []
    in_list = False
    last = 0
    head = lines[: max(60, int(len(lines) * _HEAD_SHARE))]
    for number, raw in enumerate(head, start=1):
        line = strip_tags(raw).strip()
        if "录" in line and (_CONTENTS_HEADING.fullmatch(line) or line.endswith("目录")):
            in_list = True
            continue
        raw_title = dotted_title(line)
        if raw_title is None:
            match = _TABLE_ROW.match(line) or (_LIST_ITEM.match(line) if in_list else None)
            if match is None:
                continue
            if match.groupdict().get("empty") == "是":  # declared empty in the contents: may be left out
                last = number
                continue
            raw_title = match.group("title")
        title = _title(raw_title)
        if len(title) >= 4:
            entries.append((title, number))
            last = number
    return entries, last


def check_complete(lines: list[str], result: ParseResult) -> list[Problem]:
    entries, last = contents_entries(lines)
    problems: list[Problem] = []
    if len(entries) >= 4:
        body = _normal("\n".join(lines[last:]))
        missing = [(title, n) for title, n in entries if title not in body and title[:8] not in body]
        tail_missing = entries[-1] in missing and sum(e in missing for e in entries[-3:]) >= 2
        if tail_missing and len(missing) * 4 >= len(entries):
            names = "、".join(f"“{title}”" for title, _ in missing[:3])
            more = f"等 {len(missing)} 项" if len(missing) > 3 else ""
            problems.append(
                Problem(
                    Severity.ERROR,
                    "truncated",
                    f"文件不完整：目录列出的{names}{more}在正文中找不到，文件可能在第 {len(lines)} 行之后被截断。"
                    "请使用完整的文件。",
                    (missing[0][1], len(lines)),
                )
            )
    has_total = any(line.row_kind == "total" for line in result.lines) or any(f.key == "total" for f in result.figures)
    if result.tables and result.lines and not has_total:
        problems.append(
            Problem(
                Severity.ERROR,
                "no_total",
                f"没有读到任何表的合计行，也没有文字中的收支总计：文件可能不完整（共 {len(lines)} 行）。",
                (len(lines),),
            )
        )
    return problems
