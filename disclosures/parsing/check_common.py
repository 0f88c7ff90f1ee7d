"""Shared pieces of the arithmetic checks: comparing amounts, formatting them, naming where they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from .types import Classification, ParsedLine, ParsedTable, ParseResult, Problem, Severity, TableKey
from .wording import FindingCode, amount, gettext_noop, phrase, term

# 0.01万元: differences up to this are rounding, reported as information.
ROUNDING = Decimal(100)
_STEPS = (Decimal(100), Decimal(10), Decimal(1), Decimal("0.1"), Decimal("0.01"))

COLUMN_LABELS = {
    "total": gettext_noop("合计"),
    "basic": gettext_noop("基本支出"),
    "project": gettext_noop("项目支出"),
    "personnel": gettext_noop("人员经费"),
    "public": gettext_noop("公用经费"),
}

_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十百零〇\d]+[)）、.．]?\s*")


def quantum(value: Decimal) -> Decimal:
    """The precision a published 元 amount was printed with, at most 100元 (0.01万元)."""
    for step in _STEPS:
        if value % step == 0:
            return step
    return _STEPS[-1]


def differ(a: Decimal, b: Decimal) -> Severity | None:
    """None when a and b agree once the more precise one is rounded like the other; INFO up to 100元; else WARNING."""
    diff = abs(a - b)
    if diff == 0 or diff * 2 <= max(quantum(a), quantum(b)):
        return None
    return Severity.INFO if diff <= ROUNDING else Severity.WARNING


def worst(severities: Iterable[Severity]) -> Severity:
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    return max(severities, key=order.index, default=Severity.INFO)


def money(value: Decimal, unit: str | None) -> dict:
    """An amount in 元, to be written in the unit it was published in: 37982500 -> '3798.25万元' (wording.py)."""
    return amount(value, unit)


def difference(a: Decimal, b: Decimal, unit: str | None) -> dict:
    return phrase("difference", amount=amount(abs(a - b), unit))


def column_label(key: str) -> dict | str:
    """Our label of a standard column (translated); another column keeps the header the table prints."""
    return term(COLUMN_LABELS[key]) if key in COLUMN_LABELS else key


def table_unit(table: ParsedTable | None, result: ParseResult) -> str:
    return (table.unit if table else None) or result.meta.unit or "万元"


def figure_unit(result: ParseResult) -> str:
    """The unit the prose writes its amounts in: 万元 in nearly every document, even where the tables use 元."""
    return result.meta.prose_unit or "万元"


def table_name(table: ParsedTable | None, key: str) -> dict:
    if table is not None and table.title.strip():
        return phrase("table", title=table.title.strip())
    return phrase("table.prose") if key == TableKey.NARRATIVE else phrase("table.key", key=key)


def where(line: ParsedLine, table: ParsedTable | None) -> dict:
    first = line.source_lines[0] if line.source_lines else None
    if line.table == TableKey.NARRATIVE or line.from_narrative:
        return phrase("where.prose_line", line=str(first)) if first else phrase("where.prose")
    name = table_name(table, line.table)
    return phrase("where.table_line", table=name, line=str(first)) if first else name


def where_row(line: ParsedLine, table: ParsedTable | None) -> dict:
    """A row and where it is: 《表》第12行「2101202 …」."""
    return phrase("row", where=where(line, table), row=row_label(line))


def row_label(line: ParsedLine) -> str:
    name = line.published_name or line.name
    return f"{line.code} {name}".strip() if line.code else (name or "合计")


def is_total(line: ParsedLine) -> bool:
    return line.row_kind == "total"


def problem(severity: Severity, finding: FindingCode, params: dict, lines: Iterable[int]) -> Problem:
    return Problem(severity=severity, finding=finding, params=params, lines=tuple(sorted({n for n in lines if n})))


# Code shapes of each classification: a row of another shape (a unit code such as "685") is not part of the tree.
SHAPES = {
    Classification.FUNCTIONAL: ("2", (3, 5, 7)),
    Classification.ECONOMIC_DEPARTMENT: ("3", (3, 5)),
    Classification.ECONOMIC_GOVERNMENT: ("5", (3, 5)),
}


def coded_rows(lines: list[ParsedLine], classification: Classification) -> dict[str, ParsedLine]:
    """Rows of one classification by code; a row printed twice (a page repeat) counts once."""
    first_digit, lengths = SHAPES[classification]
    rows: dict[str, ParsedLine] = {}
    for line in lines:
        code = line.code or ""
        if line.classification != classification or is_total(line) or not code.isdigit():
            continue
        if not code.startswith(first_digit) or len(code) not in lengths:
            continue
        rows.setdefault(code, line)
    return rows


def parent_of(code: str, codes: set[str]) -> str | None:
    for cut in range(len(code) - 1, 0, -1):
        if code[:cut] in codes:
            return code[:cut]
    return None
