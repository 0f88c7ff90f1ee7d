"""Every standard table of a disclosure: found by its title, read row by row, amounts in 元.

`read_tables` is the entry point. Titles, units and empty declarations: table_titles. Column roles from the header
rows: table_layout. Rows and page-break repairs: table_rows. This module turns the rows into ParsedLines, checks
their codes and amounts, and completes the names a narrow PDF column cut short.
"""

from __future__ import annotations

import re
from decimal import Decimal

from disclosures.vocabulary import HEADING

from . import codes
from .table_layout import Layout, Section, squash
from .table_rows import RawRow, Region, is_prose, read_region
from .table_titles import title_key
from .text import parse_amount, to_yuan
from .types import Classification, DocumentMeta, ParsedLine, ParsedTable, Problem, RowKind, Severity, TableKey
from .wording import FindingCode, joined

__all__ = ["read_tables"]

_READ_ROWS = {
    TableKey.INCOME_EXPENDITURE_SUMMARY,
    TableKey.INCOME_SUMMARY,
    TableKey.EXPENDITURE_SUMMARY,
    TableKey.FISCAL_SUMMARY,
    TableKey.GENERAL_BUDGET_EXPENDITURE,
    TableKey.GENERAL_BUDGET_ECONOMIC,
    TableKey.BASIC_EXPENDITURE,
    TableKey.BASIC_FUNCTIONAL,
    TableKey.ECONOMIC_SUMMARY,
    TableKey.GOV_FUND,
    TableKey.STATE_CAPITAL,
    TableKey.THREE_PUBLIC,
    TableKey.PROJECTS,
    TableKey.RUNNING_COSTS,
    TableKey.PROCUREMENT,
    TableKey.ASSETS,
}
_REGISTER_ONLY = {TableKey.PERFORMANCE_TARGETS}  # registered for their lines, rows left to the figures reader
_SUMMARY_KEYS = {
    TableKey.INCOME_EXPENDITURE_SUMMARY,
    TableKey.FISCAL_SUMMARY,
    TableKey.INCOME_SUMMARY,
    TableKey.EXPENDITURE_SUMMARY,
}
_TOTAL_NAMES = {"合计", "总计", "共计", "总合计"}
_BLOCK_TOTALS = (("人员经费", "personnel"), ("公用经费", "public"))
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*")
_TAGS = re.compile(r"<[^>]+>")


def read_tables(lines: list[str], *, meta: DocumentMeta) -> tuple[list[ParsedTable], list[ParsedLine], list[Problem]]:
    """Find the tables of a document, read their rows, and say what looked wrong."""
    # Every title has 表 in it: testing for it here spares most lines a call.
    titles = [(i, key) for i, line in enumerate(lines) if "表" in line and (key := title_key(line))]
    tables: list[ParsedTable] = []
    parsed: list[ParsedLine] = []
    problems: list[Problem] = []
    for n, (start, key) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        end = _region_end(lines, start, end)
        region = read_region(lines, start, end)
        if not region.headers and not region.declared_empty and not (key in _REGISTER_ONLY and region.tab_rows):
            continue  # a title in a list of contents, or a table printed as an image
        unit = region.unit or meta.unit
        table = ParsedTable(
            key=key,
            title=_printed_title(lines[start]),
            unit=unit,
            start_line=start + 1,
            end_line=max(region.end_line, start + 1),
            declared_empty=region.declared_empty,
            columns=region.layout.columns if region.layout else [],
        )
        rows: list[ParsedLine] = []
        if key in _READ_ROWS and region.layout is not None and region.rows:
            if unit not in ("元", "万元"):
                problems.append(Problem(Severity.ERROR, FindingCode.TABLE_UNIT, {"title": table.title}, (start + 1,)))
            else:
                rows = _lines_of(region, key, unit, problems)
        if table.declared_empty and any(v != 0 for row in rows for v in row.amounts.values()):
            # "故本表为空表" under a row of figures: the figures are what the table prints.
            table.declared_empty = False
            problems.append(_empty_note_problem(table, region, rows))
        if (
            not rows
            and key in _READ_ROWS
            and not table.declared_empty
            and (not region.rows or key in {TableKey.GOV_FUND, TableKey.STATE_CAPITAL})
        ):
            table.declared_empty = True
        tables.append(table)
        parsed.extend(rows)
    _complete_names(parsed)
    return tables, parsed, problems


def _empty_note_problem(table: ParsedTable, region: Region, rows: list[ParsedLine]) -> Problem:
    first = next(row for row in rows if any(v != 0 for v in row.amounts.values()))
    params = {"title": table.title, "note_line": str(region.declared_line), "line": str(first.source_lines[0])}
    return Problem(
        Severity.WARNING,
        FindingCode.EMPTY_NOTE,
        params,
        (region.declared_line or table.start_line, *first.source_lines),
    )


def _printed_title(line: str) -> str:
    s = _TAGS.sub("", line).strip()
    return HEADING.sub("", s).strip().lstrip("#").strip()


def _region_end(lines: list[str], start: int, end: int) -> int:
    """A table ends at the next title, a markdown heading, or the first sentence of narrative."""
    for i in range(start + 1, end):
        line = lines[i]
        if ("#" in line and HEADING.match(line)) or is_prose(line):
            return i
    return end


def _section_kind(label: str, index: int) -> str:
    if "收入" in label and "支出" not in label:
        return "income"
    if "经济" in label:
        return "expenditure_economic_government" if "政府" in label else "expenditure_economic"
    if "支出" in label or index > 0:
        return "expenditure"
    return ""


def _lines_of(region: Region, key: str, unit: str, problems: list[Problem]) -> list[ParsedLine]:
    layout = region.layout
    assert layout is not None
    out: list[ParsedLine] = []
    multi = len(layout.sections) > 1
    has_total = False
    for row in region.rows:
        found = []
        for si in range(len(layout.sections)):
            line = _line_of(row, layout, si, key, unit, problems, multi=multi, has_total=has_total)
            if line is not None:
                found.append(line)
        for line in _merge_block_totals(found, layout):
            has_total = has_total or line.row_kind == RowKind.TOTAL
            out.append(line)
    units = [x for x in out if x.row_kind == RowKind.UNIT]
    if not has_total and len(units) == 1 and key != TableKey.PROJECTS:
        # A one-unit table prints the unit's row in place of a 合计 row.
        units[0].row_kind = RowKind.TOTAL
        units[0].name = "合计"
        units[0].classification = Classification.SUMMARY
    return out


def _merge_block_totals(found: list[ParsedLine], layout: Layout) -> list[ParsedLine]:
    """人员经费合计 | 公用经费合计 printed side by side on one row: one 合计 line with both and their sum."""
    totals = [line for line in found if line.row_kind == RowKind.TOTAL]
    if len(totals) < 2:  # nearly every row: told before the names are looked at
        return found
    named = any(word in line.name for line in totals for word, _ in _BLOCK_TOTALS)
    if not (named or any(s.block for s in layout.sections)):
        return found
    blocks = [k for line in totals for k in line.amounts if k in ("personnel", "public")]
    if len(blocks) != len(set(blocks)) or not blocks:
        return found
    amounts: dict[str, Decimal] = {}
    for line in totals:
        for k, v in line.amounts.items():
            if k in ("personnel", "public"):
                amounts[k] = v
    amounts["total"] = sum(amounts.values(), Decimal(0))
    merged = ParsedLine(
        table=totals[0].table,
        classification=Classification.SUMMARY,
        code="",
        name="合计",
        published_name=" ".join(line.published_name for line in totals),
        amounts=amounts,
        source_lines=totals[0].source_lines,
        row_kind=RowKind.TOTAL,
    )
    return [line for line in found if line.row_kind != RowKind.TOTAL] + [merged]


def _line_of(
    row: RawRow,
    layout: Layout,
    si: int,
    key: str,
    unit: str,
    problems: list[Problem],
    *,
    multi: bool,
    has_total: bool,
) -> ParsedLine | None:
    cells = row.cells
    section = layout.sections[si]
    code_columns = section.code if si else layout.code
    amounts, bad_cells = _amounts_of(cells, section, unit)
    if not amounts:
        if bad_cells:  # most rows without amounts in a section are empty there: nothing to tell
            _note_unread_row(row, section, code_columns, bad_cells, problems)
        return None
    lines = tuple(row.lines)
    # " ".join(s.split()) is re.sub(r"\s+", " ", s).strip(), done without a regex.
    published = " ".join(cells[section.name].split()) if section.name < len(cells) else ""
    code_text, code = _code_of(cells, code_columns)
    checked = _checked_code(code_text, code, squash(published), published, lines, problems)
    if checked is None:
        return None
    code, name, published = checked
    for cell in bad_cells:
        problems.append(Problem(Severity.WARNING, FindingCode.BAD_AMOUNT_CELL, {"name": name, "cell": cell}, lines))
    row_kind = cells[layout.type].strip() if si == 0 and layout.type is not None else ""
    common = {"table": key, "published_name": published, "amounts": amounts, "source_lines": lines}
    if code:
        return ParsedLine(
            classification=codes.classification_of(code), code=code, name=name, row_kind=row_kind, **common
        )
    total = _total_line(name, common)
    if total is not None:
        return total
    unit_code = squash(cells[layout.unit_code]) if si == 0 and layout.unit_code is not None else ""
    if not name:
        if unit_code:
            return ParsedLine(classification=Classification.OTHER, code="", name="", row_kind=RowKind.UNIT, **common)
        return ParsedLine(
            classification=Classification.OTHER if has_total else Classification.SUMMARY,
            code="",
            name="" if has_total else "合计",
            row_kind=RowKind.SUBTOTAL if has_total else RowKind.TOTAL,
            **common,
        )
    if key == TableKey.PROJECTS:
        if name.isdigit():
            return ParsedLine(classification=Classification.OTHER, code="", name=name, row_kind=RowKind.UNIT, **common)
        return ParsedLine(classification=Classification.PROJECT, code="", name=name, row_kind=row_kind, **common)
    if unit_code:
        return ParsedLine(classification=Classification.OTHER, code="", name=name, row_kind=RowKind.UNIT, **common)
    kind = _section_kind(section.label, si) if multi else ""
    return _named_line(name, row_kind, kind, common, summary=multi or key in _SUMMARY_KEYS or bool(layout.code))


def _amounts_of(cells: list[str], section: Section, unit: str) -> tuple[dict[str, Decimal], list[str]]:
    """The amounts of one section of a row, in 元, and the cells that should have been amounts but are not."""
    amounts: dict[str, Decimal] = {}
    bad_cells: list[str] = []
    for p, column in section.amounts:
        cell = cells[p] if p < len(cells) else ""
        if not cell:
            continue
        value = parse_amount(cell)
        if value is None:
            if squash(cell) not in {"", "—", "-", "/", "*", "——", "－"}:
                bad_cells.append(cell)
            continue
        amounts[column] = to_yuan(value, unit)
        if section.block and column == "total":
            amounts[section.block] = amounts[column]
    return amounts, bad_cells


def _note_unread_row(
    row: RawRow, section: Section, code_columns: list[int], bad_cells: list[str], problems: list[Problem]
) -> None:
    """A coded row whose every amount is unreadable is left out: the user is told which and why."""
    cells = row.cells
    code = squash("".join(cells[p] for p in code_columns if p < len(cells)))
    if code.isdigit() and len(code) in (3, 5, 7):
        label = code + " " + " ".join(cells[section.name].split()) if section.name < len(cells) else code
        problems.append(
            Problem(
                Severity.WARNING,
                FindingCode.BAD_AMOUNT_ROW,
                {"row": label, "cells": joined(bad_cells, "”“")},
                tuple(row.lines),
            )
        )


def _checked_code(
    code_text: str, code: str, name: str, published: str, lines: tuple[int, ...], problems: list[Problem]
) -> tuple[str, str, str] | None:
    """(code, name, published name) of a row once its code is checked and repaired; None to skip the row."""
    if code and not code.isdigit():
        if name:
            problems.append(Problem(Severity.WARNING, FindingCode.BAD_CODE, {"code": code_text}, lines))
            return None
        name, published, code = code, code_text, ""
    if code and len(code) not in (3, 5, 7):
        repaired = _repair_code(code, name)
        if repaired is None:
            problems.append(
                Problem(Severity.WARNING, FindingCode.BAD_CODE_LENGTH, {"code": code_text, "name": name}, lines)
            )
            return None
        problems.append(
            Problem(
                Severity.INFO,
                FindingCode.CODE_REPAIRED,
                {"code": code_text, "name": name, "repaired": repaired},
                lines,
            )
        )
        code = repaired
    return code, name, published


def _total_line(name: str, common: dict) -> ParsedLine | None:
    """A 合计/总计 row (or one block's 合计), else None."""
    if not (name in _TOTAL_NAMES or (("合计" in name or "总计" in name) and len(name) <= 8 and "小计" not in name)):
        return None
    amounts = common["amounts"]
    block = next((key for word, key in _BLOCK_TOTALS if word in name), None)
    if block and set(amounts) == {"total"}:
        # "人员经费合计 | 公用经费合计" under blocks that print only 决算数: the total of one block.
        common = {**common, "amounts": {block: amounts["total"]}}
    return ParsedLine(
        classification=Classification.SUMMARY,
        code="",
        name="合计" if name in _TOTAL_NAMES else name,
        row_kind=RowKind.TOTAL,
        **common,
    )


def _named_line(name: str, row_kind: str, kind: str, common: dict, *, summary: bool) -> ParsedLine:
    """A row without a code, known by its name alone."""
    bare = _NUMBERING.sub("", name)
    if summary:
        # Economic sections nest "(2)商品和服务支出" under both 基本 and 专项 groups:
        # only functional classes are given a code.
        class_code = codes.class_code_for_name(bare) if kind in {"expenditure", ""} else None
        return ParsedLine(
            classification=Classification.SUMMARY,
            code=class_code or "",
            name=bare,
            row_kind=row_kind or kind,
            **common,
        )
    return ParsedLine(classification=Classification.OTHER, code="", name=bare, row_kind=row_kind, **common)


def _code_of(cells: list[str], columns: list[int]) -> tuple[str, str]:
    """(the code as printed, the code) of a row. Printed in 类 | 款 | 项 columns, a 款 or 项 is two digits, though
    some tables drop its leading zero ("301 | 2" for 30102)."""
    parts = [squash(cells[p]) for p in columns if p < len(cells)]
    printed = "".join(cells[p] for p in columns if p < len(cells))
    if len(parts) > 1 and parts[0].isdigit():
        parts = parts[:1] + [p.zfill(2) if p.isdigit() and len(p) == 1 else p for p in parts[1:]]
    return printed, "".join(parts)


def _repair_code(code: str, name: str) -> str | None:
    """A code printed one digit short ("2210" 住房改革支出) is read by its standard name, when that is unique."""
    found = [
        c
        for c, standard in codes.STANDARD_NAMES.items()
        if len(c) in (3, 5, 7) and c.startswith(code) and len(c) == len(code) + 1 and standard == name
    ]
    return found[0] if len(found) == 1 else None


def _complete_names(parsed: list[ParsedLine]) -> None:
    """A name cut short by a narrow column is completed from the same code elsewhere, else from the standard list."""
    known: dict[str, set[str]] = {}
    for line in parsed:
        if line.code and line.name and line.classification is not Classification.SUMMARY:
            known.setdefault(line.code, set()).add(line.name)
    for line in parsed:
        if not line.code or not line.name or line.classification is Classification.SUMMARY:
            continue
        candidates = set(known.get(line.code, ()))
        standard = codes.standard_name(line.code)
        if standard:
            candidates.add(standard)
        longer = [c for c in candidates if len(c) > len(line.name) and c.startswith(line.name)]
        if longer:
            # Sorted first: of two names as long, the same one on every run (a set's order varies with the hash seed).
            line.name = max(sorted(longer), key=len)
