"""Duplicate and impossible data are findings, never silently dropped or multiplied.

- repeated_rows: the same row (code, name, every amount) printed three times or more in one printing of a table. A
  row printed twice is a page break's repeat and no finding; the summaries and indicators count a code once, so the
  repeats change no figure: the finding says so, and how often.
- duplicate_table: a table printed twice (same kind, same title). With the same figures: information; with other
  figures for the same code: a warning naming both, as the pages use the first printing.
- implausible_amount: an amount beyond any county bureau's budget (PLAUSIBLE_YUAN), or a count of insured people
  beyond any county's: an extraction error (two cells read as one number) or a wrong unit.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .check_common import column_label, money, problem, row_label, table_name, table_unit
from .types import ParsedLine, ParsedTable, ParseResult, Problem, Severity

# 1,000亿元: far above the whole budget of any county's medical-insurance bureau (a few 亿元 at most).
PLAUSIBLE_YUAN = Decimal(10) ** 11
# 1亿 people insured in one county: more than the population of any county.
PLAUSIBLE_PEOPLE = Decimal(10) ** 8
COUNTS = {"insured_residents", "insured_employees", "staff"}
SHOWN = 5  # line numbers named in a message


def _printing(line: ParsedLine, tables: list[ParsedTable]) -> ParsedTable | None:
    """The printing of its table a line was read from (a table may be printed twice)."""
    first = min(line.source_lines, default=0)
    candidates = [t for t in tables if t.key == line.table]
    return next((t for t in candidates if t.start_line <= first <= t.end_line), candidates[0] if candidates else None)


def _lines_text(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:SHOWN])
    return f"第 {shown}{' 等' if len(numbers) > SHOWN else ''} 行"


def repeated_rows(result: ParseResult) -> list[Problem]:
    groups: dict[tuple, list[ParsedLine]] = defaultdict(list)
    for line in result.lines:
        if line.row_kind == "total" or line.from_narrative or not line.amounts:
            continue
        printing = _printing(line, result.tables)
        amounts = tuple(sorted(line.amounts.items()))
        groups[(id(printing), line.code, line.name, amounts)].append(line)
    problems = []
    for lines in groups.values():
        # Side-by-side blocks print one label several times on one source line: that is one row, not a repeat.
        numbers = sorted({min(line.source_lines) for line in lines if line.source_lines})
        if len(numbers) < 3:
            continue
        first = lines[0]
        table = _printing(first, result.tables)
        problems.append(
            problem(
                Severity.WARNING,
                "repeated_rows",
                f"{table_name(table, first.table)}中“{row_label(first)}”同样的一行出现了 {len(numbers):,} 次"
                f"（{_lines_text(numbers)}）：合计和指标只算一次，原文的每一行都保留。",
                numbers[:SHOWN],
            )
        )
    return problems


def _codes(lines: list[ParsedLine]) -> dict[str, ParsedLine]:
    by_code: dict[str, ParsedLine] = {}
    for line in lines:
        key = line.code or ("合计" if line.row_kind == "total" else "")
        if key:
            by_code.setdefault(key, line)
    return by_code


def duplicate_tables(result: ParseResult) -> list[Problem]:
    printings: dict[tuple[str, str], list[ParsedTable]] = defaultdict(list)
    for table in result.tables:
        if not table.declared_empty:
            printings[(table.key, "".join(table.title.split()))].append(table)
    lines_of: dict[int, list[ParsedLine]] = defaultdict(list)
    for line in result.lines:
        printing = _printing(line, result.tables)
        if printing is not None:
            lines_of[id(printing)].append(line)
    problems = []
    for tables in printings.values():
        if len(tables) < 2:
            continue
        first, *others = tables
        unit = table_unit(first, result)
        mine = _codes(lines_of[id(first)])
        for other in others:
            theirs = _codes(lines_of[id(other)])
            if not theirs:
                continue
            conflicts = []
            for code in mine.keys() & theirs.keys():
                a, b = mine[code], theirs[code]
                for column in sorted(a.amounts.keys() & b.amounts.keys()):
                    if a.amounts[column] != b.amounts[column]:
                        conflicts.append((a, b, column))
            where = f"第 {first.start_line} 行和第 {other.start_line} 行"
            if conflicts:
                described = "；".join(
                    f"“{row_label(a)}”{column_label(column)} {money(a.amounts[column], unit)}"
                    f"（第 {min(a.source_lines)} 行）与 {money(b.amounts[column], unit)}（第 {min(b.source_lines)} 行）"
                    for a, b, column in conflicts[:3]
                )
                more = f"等 {len(conflicts)} 处" if len(conflicts) > 3 else ""
                lines = [n for a, b, _c in conflicts[:SHOWN] for n in (min(a.source_lines), min(b.source_lines))]
                problems.append(
                    problem(
                        Severity.WARNING,
                        "duplicate_table",
                        f"{table_name(first, first.key)}印了两次（{where}起），数字不同：{described}{more}。"
                        "页面上的合计和指标取第一次印的数字。",
                        [first.start_line, other.start_line, *lines],
                    )
                )
            else:
                problems.append(
                    problem(
                        Severity.INFO,
                        "duplicate_table",
                        f"{table_name(first, first.key)}印了两次（{where}起），数字相同：合计和指标只算一次。",
                        [first.start_line, other.start_line],
                    )
                )
    return problems


def implausible_amounts(result: ParseResult) -> list[Problem]:
    problems = []
    for line in result.lines:
        columns = [(column, value) for column, value in line.amounts.items() if abs(value) >= PLAUSIBLE_YUAN]
        if columns:
            unit = table_unit(_printing(line, result.tables), result)
            amounts = "、".join(f"{column_label(column)} {money(value, unit)}" for column, value in columns)
            problems.append(
                problem(
                    Severity.WARNING,
                    "implausible_amount",
                    f"“{row_label(line)}”的{amounts}超出任何县级医保部门预算的可能（1,000 亿元以上）："
                    "可能是两个数字被提取成了一个，或单位有误。",
                    line.source_lines,
                )
            )
    for figure in result.figures:
        limit = PLAUSIBLE_PEOPLE if figure.key in COUNTS else PLAUSIBLE_YUAN
        if abs(figure.value) >= limit:
            what = f"{figure.value:,.0f} 人" if figure.key in COUNTS else money(figure.value, "万元")
            problems.append(
                problem(
                    Severity.WARNING,
                    "implausible_amount",
                    f"文中的“{figure.label or figure.key}” {what} 超出任何一个县的可能：可能是提取错误。",
                    [figure.line],
                )
            )
    return problems


def run(result: ParseResult) -> list[Problem]:
    return [*repeated_rows(result), *duplicate_tables(result), *implausible_amounts(result)]
