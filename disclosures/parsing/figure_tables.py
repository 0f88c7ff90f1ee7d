"""Figures a table states in its own row: the "三公" costs and 机关运行经费 of the "三公"经费 (运行经费) table.

These tables print one row of amounts under headers that name each figure ("合计", "因公出国（境）费", "公务接待费",
"公务用车购置及运行费", "机关运行经费预算数"); a 决算 prints a 预算数 and a 决算数 under each. The figure is the
决算数 in final accounts, the 预算数 in a budget. A cell left blank in a printed row is 0: the row says so.
"""

from __future__ import annotations

from decimal import Decimal

from .types import Kind, ParsedLine, ParsedTable, StatedFigure, TableKey

_FIGURE_TABLES = (TableKey.THREE_PUBLIC, TableKey.RUNNING_COSTS)
# Column words of each figure, checked in order on the column key (the header as printed, or "total" for 合计).
_COLUMNS = (
    ("running_costs", ("运行经费",)),
    ("three_public_travel", ("因公出国",)),
    ("three_public_reception", ("公务接待",)),
    ("three_public_cars", ("公务用车购置及运行", "公务用车购置和运行", "公务用车小计", "小计")),
)
_BUDGET_WORDS = ("预算",)
_SPENT_WORDS = ("决算", "实际", "支出数")


def table_figures(
    tables: list[ParsedTable], lines: list[ParsedLine], raw: list[str], kind: Kind | None
) -> list[StatedFigure]:
    out: list[StatedFigure] = []
    for table in tables:
        if table.key not in _FIGURE_TABLES:
            continue
        row = _figure_row(table, lines)
        if row is None:
            continue
        number = min(row.source_lines)
        quote = " ".join(c for c in raw[number - 1].split("\t") if c.strip())[:160] if number <= len(raw) else ""
        for key, column in _figure_columns(table, kind):
            value = row.amounts.get(column, Decimal(0))
            label = table.title if column == "total" else column
            out.append(
                StatedFigure(
                    key=key, value=value, unit="元", line=number, quote=quote, label=label[:64], table=table.key
                )
            )
    return out


def _figure_row(table: ParsedTable, lines: list[ParsedLine]) -> ParsedLine | None:
    """The table's total row, or its only row of amounts."""
    own = [
        line
        for line in lines
        if line.table == table.key and table.start_line <= min(line.source_lines, default=0) <= table.end_line
    ]
    totals = [line for line in own if line.row_kind == "total"]
    if totals:
        return totals[0]
    return own[0] if len(own) == 1 else None


def _figure_columns(table: ParsedTable, kind: Kind | None) -> list[tuple[str, str]]:
    """(figure key, column key) for each figure the table has a column for; "三公" total from its 合计."""
    chosen: dict[str, str] = {}
    final = kind == Kind.FINAL
    for column in table.columns:
        key = _key_of(column, table)
        if key is None:
            continue
        is_budget = any(w in column for w in _BUDGET_WORDS) and not any(w in column for w in _SPENT_WORDS)
        is_spent = any(w in column for w in _SPENT_WORDS)
        if final and is_budget and column != "total":
            continue  # the budget of a final account's figure
        if not final and is_spent:
            continue
        chosen.setdefault(key, column)
    return sorted(chosen.items())


def _key_of(column: str, table: ParsedTable) -> str | None:
    if column == "total":
        # The 合计 of a "三公" table is the "三公" total; of a 机关运行经费 table, the running costs.
        return "running_costs" if table.key == TableKey.RUNNING_COSTS else "three_public"
    for key, words in _COLUMNS:
        if any(w in column for w in words):
            if key == "three_public_cars" and ("购置费" in column or "运行费" in column) and "及" not in column:
                continue  # 购置费 or 运行费 alone: a part of the cars figure
            return key
    if column.startswith("合计") and table.key == TableKey.THREE_PUBLIC:
        return "three_public"
    return None
