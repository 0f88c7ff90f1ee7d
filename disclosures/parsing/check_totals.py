"""Checks across the document: one total in every table that carries it, prose totals against the tables,
and a figure the prose states twice with different values."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .check_common import (
    coded_rows,
    differ,
    difference,
    figure_unit,
    is_total,
    money,
    parent_of,
    table_name,
    table_unit,
    where_row,
    worst,
)
from .check_findings import Findings
from .totals import DocumentSummary, summarise
from .types import (
    FIGURE_KEYS,
    Classification,
    ParsedLine,
    ParsedTable,
    ParseResult,
    Problem,
    Severity,
    StatedFigure,
    TableKey,
)
from .wording import FindingCode, joined, numbers, phrase, term

ZERO = Decimal(0)
T = TableKey

# Where each headline total is printed, most authoritative first. Tables in one group cover the same money
# (a 收支总表 counts every fund, an 一般公共预算 table only the general budget), so only they must agree.
# A table and column, with the side of a 收支总表 whose total row counts: "spending" (本年支出合计, else 支出总计),
# "income" (本年收入合计) or "grand" (总计, with the balances carried over); plain tables have one 合计 row.
TOTAL_SOURCES: dict[str, list[list[tuple[TableKey, str, str]]]] = {
    "total": [
        [(T.INCOME_EXPENDITURE_SUMMARY, "total", "spending"), (T.EXPENDITURE_SUMMARY, "total", "spending")],
        [(T.FISCAL_SUMMARY, "total", "spending"), (T.GENERAL_BUDGET_EXPENDITURE, "total", "spending")],
    ],
    "income_total": [[(T.INCOME_EXPENDITURE_SUMMARY, "total", "income"), (T.INCOME_SUMMARY, "total", "income")]],
    "grand_total": [[(T.INCOME_EXPENDITURE_SUMMARY, "total", "grand")]],
    "fiscal_grand_total": [[(T.FISCAL_SUMMARY, "total", "grand")]],
    "basic": [
        [(T.EXPENDITURE_SUMMARY, "basic", "spending")],
        [
            (T.GENERAL_BUDGET_EXPENDITURE, "basic", "spending"),
            (T.BASIC_EXPENDITURE, "total", "spending"),
            (T.BASIC_FUNCTIONAL, "total", "spending"),
        ],
    ],
    "project": [
        [(T.EXPENDITURE_SUMMARY, "project", "spending"), (T.PROJECTS, "total", "spending")],
        [(T.GENERAL_BUDGET_EXPENDITURE, "project", "spending")],
    ],
    "personnel": [[(T.BASIC_EXPENDITURE, "personnel", "spending"), (T.BASIC_FUNCTIONAL, "personnel", "spending")]],
    "public": [[(T.BASIC_EXPENDITURE, "public", "spending"), (T.BASIC_FUNCTIONAL, "public", "spending")]],
}
# Keys whose prose value is compared with the tables, and checked for being stated twice.
PROSE_KEYS = ("total", "income_total", "grand_total", "fiscal_grand_total", "basic", "project", "personnel", "public")
REPEAT_KEYS = (*PROSE_KEYS, "running_costs", "three_public", "three_public_reception", "three_public_cars")


@dataclass
class TableTotal:
    key: str  # figure key: total / basic / ...
    table: ParsedTable | None
    table_key: str
    value: Decimal
    unit: str
    lines: tuple[int, ...]
    place: dict  # where the total is printed, or which rows were added up when the table prints none (a phrase)
    computed: bool = False


def _total_rank(name: str, side: str) -> int:
    """How well a total row's name fits the side asked for (lower is better; rows of the other side come last)."""
    income, spending = "收入" in name, "支出" in name
    if side == "grand":
        return 0 if "支出总计" in name else 1 if "总计" in name else 3 if income or spending else 2
    if side == "income":
        return 0 if "本年收入" in name else 1 if "收入合计" in name else 2 if income else 4 if spending else 3
    if income and not spending:
        return 6
    if "本年支出" in name:
        return 0
    return 1 if "支出合计" in name else 2 if "支出总计" in name else 3 if "合计" in name else 4


def _total_line(lines: list[ParsedLine], column: str, side: str) -> tuple[ParsedLine, Decimal] | None:
    """The table's total for one side: a 收支总表 prints 本年收入合计 | 本年支出合计 and 总计 | 总计 rows."""
    totals = [line for line in lines if is_total(line) and line.amounts]
    totals.sort(key=lambda line: _total_rank(line.published_name or line.name, side))
    for line in totals:
        value = line.amounts.get(column)
        if value is None and column == "total" and len(line.amounts) == 1:
            value = next(iter(line.amounts.values()))
        if isinstance(value, Decimal):
            return line, value
    return None


def _top_rows(lines: list[ParsedLine]) -> list[ParsedLine]:
    """The rows with no parent in a coded table: what its 合计 would add up, when it prints none."""
    best: list[ParsedLine] = []
    for classification in (Classification.FUNCTIONAL, Classification.ECONOMIC_DEPARTMENT):
        rows = coded_rows(lines, classification)
        codes = set(rows)
        top = [line for code, line in rows.items() if parent_of(code, codes) is None]
        if len(rows) > len(best):
            best = top
    return best


def _found(result: ParseResult, source: tuple[str, str, str], lines: list[ParsedLine], computed: bool):
    table_key, column, side = source
    table = next((t for t in result.tables if t.key == table_key), None)
    unit = table_unit(table, result)
    hit = _total_line(lines, column, side)
    if hit:
        line, value = hit
        return TableTotal("", table, table_key, value, unit, line.source_lines, where_row(line, table))
    if not computed or any(is_total(line) for line in lines):
        return None
    top = _top_rows(lines)
    if not top or not any(column in line.amounts for line in top):
        return None
    value = sum((line.amounts.get(column, ZERO) for line in top), ZERO)
    first = top[0].source_lines[0] if top[0].source_lines else None
    place = phrase("row.computed", table=table_name(table, table_key), line=str(first))
    lines = tuple(n for line in top for n in line.source_lines)
    return TableTotal("", table, table_key, value, unit, lines, place, computed=True)


def table_totals(result: ParseResult, key: str, *, computed: bool = False) -> list[list[TableTotal]]:
    """For one figure key, the totals the tables print, grouped by the money they cover. With `computed`, a
    table that prints no 合计 row takes the sum of its top rows."""
    sources = TOTAL_SOURCES.get(key, [])
    wanted = {source[0] for group in sources for source in group}  # a few of the tables: skip the others
    by_table: dict[str, list[ParsedLine]] = {}
    for line in result.lines:
        if line.table in wanted:
            by_table.setdefault(line.table, []).append(line)
    groups = []
    for group in sources:
        found = []
        for source in group:
            hit = _found(result, source, by_table.get(source[0], []), computed)
            if hit:
                hit.key = key
                found.append(hit)
        if found:
            # A printed total is the better reference than one added up here.
            groups.append(sorted(found, key=lambda t: t.computed))
    return groups


def decided_totals(result: ParseResult) -> DocumentSummary:
    """The document's totals as totals.py decides them, worked out once per parse (the checks ask many times, and
    the import record states them: import_rows)."""
    cached = result.decided_totals
    if cached is None or cached[0] != (len(result.lines), len(result.figures)):
        cached = ((len(result.lines), len(result.figures)), summarise(result.lines, result.figures))
        result.decided_totals = cached
    return cached[1]


def reference_total(result: ParseResult, key: str) -> TableTotal | None:
    """The table total the prose is checked against: the document's own total as totals.py decides it (the one the
    import record and the comparisons show), else the first total a table prints for that side."""
    decided = decided_totals(result).totals.get(key)
    if decided is not None and decided.row is not None:
        line = decided.row
        first = min(line.source_lines, default=0)
        table = next(
            (t for t in result.tables if t.key == line.table and t.start_line <= first <= t.end_line),
            next((t for t in result.tables if t.key == line.table), None),
        )
        unit = table_unit(table, result)
        return TableTotal(key, table, line.table, decided.value, unit, line.source_lines, where_row(line, table))
    groups = table_totals(result, key)
    return groups[0][0] if groups else None


def current_figures(result: ParseResult, key: str) -> list[StatedFigure]:
    """The figures the document states for its own year in words (the figures of a table's row are that row)."""
    year = result.meta.year
    return [
        f
        for f in result.figures
        if f.key == key
        and not f.table
        and isinstance(f.value, Decimal)
        and (f.year is None or (year is not None and f.year == year))
    ]


def label(key: str) -> dict | str:
    """Our label of a figure key, translated when shown."""
    return term(FIGURE_KEYS[key]) if key in FIGURE_KEYS else key


def _lines_text(lines: list[int]) -> list[str]:
    return numbers(sorted(set(lines)))


def check_tables_agree(result: ParseResult, findings: Findings) -> None:
    """One finding per pair of tables, naming every total they disagree on."""
    pairs: dict[tuple[str, str], list[tuple[TableTotal, TableTotal]]] = {}
    for key in TOTAL_SOURCES:
        for group in table_totals(result, key, computed=True):
            ref = group[0]
            for other in group[1:]:
                if differ(ref.value, other.value) is not None:
                    pairs.setdefault((ref.table_key, other.table_key), []).append((ref, other))
    for (ref_key, other_key), disagreements in pairs.items():
        parts = [
            phrase(
                "totals.pair",
                figure=label(ref.key),
                place=ref.place,
                value=money(ref.value, ref.unit),
                other_place=other.place,
                other=money(other.value, other.unit),
                difference=difference(ref.value, other.value, ref.unit),
            )
            for ref, other in disagreements
        ]
        severity = worst(differ(ref.value, other.value) or Severity.INFO for ref, other in disagreements)
        lines = [n for ref, other in disagreements for n in (*ref.lines, *other.lines)]
        params = {"parts": joined(parts, "；")}
        findings.add(("table_totals", ref_key, other_key), severity, FindingCode.TABLE_TOTALS, params, lines)


def check_prose_totals(result: ParseResult, findings: Findings) -> None:
    unit = figure_unit(result)
    for key in PROSE_KEYS:
        ref = reference_total(result, key)
        if ref is None:
            continue
        by_value: dict[Decimal, list[StatedFigure]] = {}
        for figure in current_figures(result, key):
            by_value.setdefault(figure.value, []).append(figure)
        for value, figures in by_value.items():
            severity = differ(value, ref.value)
            if severity is None:
                continue
            lines = [f.line for f in figures]
            params = {
                "lines": _lines_text(lines),
                "figure": label(key),
                "value": money(value, unit),
                "place": ref.place,
                "reference": money(ref.value, ref.unit),
                "difference": difference(value, ref.value, unit),
            }
            fact = ("prose_total", key, value, ref.value)
            findings.add(fact, severity, FindingCode.PROSE_TOTAL, params, [*lines, *ref.lines])


def check_stated_twice(result: ParseResult, findings: Findings) -> None:
    """A figure the prose gives with two values; where a table prints it, the prose check names each one."""
    unit = figure_unit(result)
    for key in REPEAT_KEYS:
        if key in PROSE_KEYS and reference_total(result, key) is not None:
            continue
        by_value: dict[Decimal, list[int]] = {}
        for figure in current_figures(result, key):
            by_value.setdefault(figure.value, []).append(figure.line)
        values = sorted(by_value)
        if len(values) < 2:
            continue
        severities = [s for a in values for b in values if a < b and (s := differ(a, b)) is not None]
        if not severities:
            continue
        severity = Severity.WARNING if Severity.WARNING in severities else Severity.INFO
        listed = [phrase("stated.at", lines=_lines_text(by_value[v]), value=money(v, unit)) for v in values]
        params = {
            "figure": label(key),
            "values": joined(listed, "，"),
            "difference": difference(values[-1], values[0], unit),
        }
        lines = [n for v in values for n in by_value[v]]
        findings.add(("stated_twice", key, tuple(values)), severity, FindingCode.FIGURE_REPEATED, params, lines)


def run(result: ParseResult) -> list[Problem]:
    findings = Findings()
    check_tables_agree(result, findings)
    check_prose_totals(result, findings)
    check_stated_twice(result, findings)
    return findings.problems()
