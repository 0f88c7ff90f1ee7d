"""Is the text the whole document? A file cut off half-way must not be imported as if it were complete.

The table of contents (目录) at the start lists the tables and sections; a document cut off loses the last ones.
"""

from __future__ import annotations

import re

from .figure_text import clean_prose
from .meta_publisher import placeholder_names
from .table_titles import title_key
from .text import strip_tags
from .types import ParseResult, Problem, Severity
from .wording import FindingCode, phrase

# A dot leader and its shortest run: "标题......12", "标题……3", "标题···5".
_LEADERS = {".": 3, "…": 2, "·": 3}
_TABLE_ROW = re.compile(r"^表\s*\d+\s*\t(?P<title>[^\t]+)(?:\t(?P<empty>是|否))?")
_LIST_ITEM = re.compile(r"^[-*]\s*(?P<title>.+)$")
# "一、收入支出决算总表", "第二部分 …决算表", "1. 2024年部门收支总表" in a contents list without dot leaders.
_NUMBERED_ITEM = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|\d{1,2}\s*[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[)）])"
    r"\s*(?P<title>\S.*)$"
)
_NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[（(]?[一二三四五六七八九十\d]+[)）、.．]|表\s*\d+)\s*")
# What _normal deletes: years ("2023年度", as r"\d{4}\s*年度?" matches them), whitespace and these marks.
_MARKS = "\"“”‘’'`·.．、，,；;：:（）()[]【】#*<>/-"
# One pass in C: a loop of str.replace over the marks costs twice as much on a title, about the same on a body.
_MARK = re.compile("[" + re.escape(_MARKS) + "]")
_HEAD_SHARE = 0.4  # the contents list sits in the first part of the document
_CONTENTS_HEADING = re.compile(r"\A#*\s*目\s*录\s*\Z")  # anchored: unanchored, a long run of spaces is quadratic


def _normal(text: str) -> str:
    """The text without tags, years, whitespace and punctuation, for comparing titles.

    Runs on the whole text of a document: deleting the years first with str methods, then the marks, is faster than
    one regex pass for both, and gives the same result (a year starts with a digit, never one of the marks)."""
    return _MARK.sub("", "".join(_without_years(strip_tags(text)).split()))


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
    in_list = closed = False
    last = 0
    head = lines[: max(60, int(len(lines) * _HEAD_SHARE))]
    for number, raw in enumerate(head, start=1):
        line = strip_tags(raw).strip()
        if "录" in line and (_CONTENTS_HEADING.fullmatch(line) or line.endswith("目录")):
            # One contents list: a second "目录" is a list of the body's own (报表目录), whose entries stand
            # after the headings already found.
            in_list = not closed
            continue
        raw_title = dotted_title(line)
        if raw_title is None:
            match = _TABLE_ROW.match(line)
            if match is None and in_list:
                match = _LIST_ITEM.match(line) or _NUMBERED_ITEM.match(line)
                if match is not None and len(line) > 40:
                    in_list, closed = False, True  # a numbered sentence: the body has begun
                    continue
                if match is not None and entries and _title(match.group("title")) in {seen for seen, _ in entries}:
                    in_list, closed = False, True  # the first part's heading again: the body has begun
                    continue
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
    blank = _blank_template(lines, result)
    if blank is not None:
        return [blank]
    # The body after the contents, normalised once: both checks below search it, and it is most of the document.
    body = _normal("\n".join(lines[last:])) if entries else ""
    if len(entries) >= 4:
        missing = [(title, n) for title, n in entries if title not in body and title[:8] not in body]
        tail_missing = entries[-1] in missing and sum(e in missing for e in entries[-3:]) >= 2
        if tail_missing and len(missing) * 4 >= len(entries):
            params = {
                "titles": [phrase("quoted", text=title) for title, _ in missing[:3]],
                "more": phrase("more.items", count=str(len(missing))) if len(missing) > 3 else "",
                "line": str(len(lines)),
            }
            problems.append(Problem(Severity.ERROR, FindingCode.TRUNCATED, params, (missing[0][1], len(lines))))
    if not problems:
        problems.extend(_tables_listed_but_absent(entries, body, result))
    has_total = any(line.row_kind == "total" for line in result.lines) or any(
        f.key in ("total", "grand_total", "income_total") for f in result.figures
    )
    if result.tables and result.lines and not has_total:
        problems.append(Problem(Severity.ERROR, FindingCode.NO_TOTAL, {"lines": str(len(lines))}, (len(lines),)))
    return problems


def _blank_template(lines: list[str], result: ParseResult) -> Problem | None:
    """The standard tables, titled and headed, with no figure in them or in the prose: a template, not a disclosure.
    A finding about the whole file ("全文"), at no line: the first table's line would point at one table where every
    table and the prose were read, and a title of the contents list can be taken for the first table."""
    if len({t.key for t in result.tables}) < 3:
        return None
    if any(v != 0 for line in result.lines for v in line.amounts.values()):
        return None
    if any(f.value != 0 for f in result.figures if f.unit == "元"):
        return None
    placeholder = next((name for name, _ in placeholder_names([clean_prose(x) for x in lines[:40]])), None)
    params = {
        "tables": str(len({_title(t.title) for t in result.tables})),
        "named": phrase("publisher_written", name=placeholder) if placeholder else "",
    }
    return Problem(Severity.ERROR, FindingCode.BLANK_TEMPLATE, params)


# Titles that name the same table in other words ("财政拨款收入支出决算总表" = "财政拨款收支决算总表",
# "一般公共预算财政拨款支出决算（明细）表").
_SAME_TITLE = (("收入支出", "收支"), ("明细", ""), ("部门", ""), ("预算表", "表"), ("决算表", "表"))


def _canonical(title: str) -> str:
    for old, new in _SAME_TITLE:
        title = title.replace(old, new)
    return title


def _tables_listed_but_absent(entries: list[tuple[str, int]], body: str, result: ParseResult) -> list[Problem]:
    """Every table the contents list names is in the document (under its own title or one that means the same);
    `body` is the text after the contents, _normal'ised."""
    listed = [(title, n) for title, n in entries if title.endswith("表") and title_key(title) is not None]
    if not listed:
        return []
    found = {_canonical(_title(t.title)) for t in result.tables}
    text = _canonical(body)
    absent = [
        (title, n)
        for title, n in listed
        if _canonical(title) not in text and not any(_within(_canonical(title), other) for other in found)
    ]
    return [
        Problem(Severity.WARNING, FindingCode.CONTENTS_TABLE, {"line": str(n), "title": title}, (n,))
        for title, n in absent
    ]


def _within(short: str, long: str) -> bool:
    """The characters of one title in order within the other: a qualifier added ("单位业务经费绩效目标表" and
    "单位预算专项业务经费绩效目标表") leaves the same table."""
    if len(short) > len(long):
        short, long = long, short
    rest = iter(long)
    return all(ch in rest for ch in short)
