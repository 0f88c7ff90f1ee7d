"""Checks across the document: one total in every table that carries it, prose totals against the tables,
and a figure the prose states twice with different values."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .check_common import differ, difference, figure_unit, is_total, money, row_label, table_unit, where
from .check_findings import Findings
from .types import FIGURE_KEYS, ParsedLine, ParsedTable, ParseResult, Problem, Severity, StatedFigure

# Where each headline total is printed, most authoritative first. Tables in one group cover the same money
# (a 收支总表 counts every fund, an 一般公共预算 table only the general budget), so only they must agree.
TOTAL_SOURCES: dict[str, list[list[tuple[str, str]]]] = {
    "total": [
        [("income_expenditure_summary", "total"), ("expenditure_summary", "total"), ("income_summary", "total")],
        [("fiscal_summary", "total"), ("general_budget_expenditure", "total")],
    ],
    "basic": [
        [("expenditure_summary", "basic")],
        [("general_budget_expenditure", "basic"), ("basic_expenditure", "total")],
    ],
    "project": [
        [("expenditure_summary", "project"), ("projects", "total")],
        [("general_budget_expenditure", "project")],
    ],
    "personnel": [[("basic_expenditure", "personnel")]],
    "public": [[("basic_expenditure", "public")]],
}
# Keys whose prose value is compared with the tables, and checked for being stated twice.
PROSE_KEYS = ("total", "basic", "project", "personnel", "public")
REPEAT_KEYS = (*PROSE_KEYS, "running_costs", "three_public", "three_public_reception", "three_public_cars")


@dataclass
class TableTotal:
    key: str  # figure key: total / basic / ...
    table: ParsedTable | None
    line: ParsedLine
    value: Decimal
    unit: str

    @property
    def place(self) -> str:
        return f"{where(self.line, self.table)}「{row_label(self.line)}」"


def _total_line(lines: list[ParsedLine], column: str) -> tuple[ParsedLine, Decimal] | None:
    """The table's grand total: a 总计 row before a 合计 row (a 收支总表 prints both)."""
    totals = [line for line in lines if is_total(line) and line.amounts]
    totals.sort(key=lambda line: 0 if "总计" in (line.published_name or line.name) else 1)
    for line in totals:
        value = line.amounts.get(column)
        if value is None and column == "total" and len(line.amounts) == 1:
            value = next(iter(line.amounts.values()))
        if isinstance(value, Decimal):
            return line, value
    return None


def table_totals(result: ParseResult, key: str) -> list[list[TableTotal]]:
    """For one figure key, the totals the tables print, grouped by the money they cover."""
    tables = {}
    for table in result.tables:
        tables.setdefault(table.key, table)
    by_table: dict[str, list[ParsedLine]] = {}
    for line in result.lines:
        by_table.setdefault(line.table, []).append(line)
    groups = []
    for group in TOTAL_SOURCES.get(key, []):
        found = []
        for table_key, column in group:
            hit = _total_line(by_table.get(table_key, []), column)
            if hit:
                table = tables.get(table_key)
                found.append(TableTotal(key, table, hit[0], hit[1], table_unit(table, result)))
        if found:
            groups.append(found)
    return groups


def reference_total(result: ParseResult, key: str) -> TableTotal | None:
    groups = table_totals(result, key)
    return groups[0][0] if groups else None


def current_figures(result: ParseResult, key: str) -> list[StatedFigure]:
    year = result.meta.year
    return [
        f
        for f in result.figures
        if f.key == key and isinstance(f.value, Decimal) and (f.year is None or (year is not None and f.year == year))
    ]


def label(key: str) -> str:
    return FIGURE_KEYS.get(key, key)


def _lines_text(lines: list[int]) -> str:
    return "、".join(str(n) for n in sorted(set(lines)))


def check_tables_agree(result: ParseResult, findings: Findings) -> None:
    for key in ("total", "basic", "project"):
        for group in table_totals(result, key):
            ref = group[0]
            for other in group[1:]:
                severity = differ(ref.value, other.value)
                if severity is None:
                    continue
                message = (
                    f"各表的{label(key)}不一致：{ref.place}为{money(ref.value, ref.unit)}，"
                    f"{other.place}为{money(other.value, other.unit)}"
                    f"（{difference(ref.value, other.value, ref.unit)}）。"
                )
                fact = ("table_totals", key, ref.value, other.value)
                findings.add(
                    fact, severity, "table_totals", message, [*ref.line.source_lines, *other.line.source_lines]
                )


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
            message = (
                f"说明第{_lines_text(lines)}行写明{label(key)}{money(value, unit)}，"
                f"而{ref.place}为{money(ref.value, ref.unit)}（{difference(value, ref.value, unit)}）。"
            )
            findings.add(
                ("prose_total", key, value, ref.value),
                severity,
                "prose_total",
                message,
                [*lines, *ref.line.source_lines],
            )


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
        listed = "，".join(f"第{_lines_text(by_value[v])}行为{money(v, unit)}" for v in values)
        message = f"说明中的{label(key)}前后不一：{listed}（相差{money(values[-1] - values[0], unit)}）。"
        lines = [n for v in values for n in by_value[v]]
        findings.add(("stated_twice", key, tuple(values)), severity, "figure_repeated", message, lines)


def run(result: ParseResult) -> list[Problem]:
    findings = Findings()
    check_tables_agree(result, findings)
    check_prose_totals(result, findings)
    check_stated_twice(result, findings)
    return findings.problems()
