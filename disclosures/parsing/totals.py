"""One decision of a document's totals, functional amounts and headline figures: what the import record, the stored
comparison values and the checks of the prose all use.

Works on parsed rows (before saving) and on stored rows alike: both expose `table`, `code`, `row_kind`,
`classification`, `amounts` (column key -> Decimal 元), `source_lines`; figures expose `key`, `value`, `unit`, `year`,
`table`. Plain code: no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from disclosures.vocabulary import TableKey

# Where a document's totals and functional amounts are read from, most authoritative first.
TOTAL_TABLES = (
    TableKey.EXPENDITURE_SUMMARY,
    TableKey.GENERAL_BUDGET_EXPENDITURE,
    TableKey.INCOME_SUMMARY,
    TableKey.NARRATIVE,
)
FUNCTIONAL_TABLES = (
    TableKey.EXPENDITURE_SUMMARY,
    TableKey.GENERAL_BUDGET_EXPENDITURE,
    TableKey.INCOME_SUMMARY,
    TableKey.NARRATIVE,
)
ECONOMIC_TABLES = (
    TableKey.BASIC_EXPENDITURE,
    TableKey.BASIC_FUNCTIONAL,
    TableKey.ECONOMIC_SUMMARY,
    TableKey.GENERAL_BUDGET_EXPENDITURE,
)
# Tables of basic spending alone: their 合计 is the document's 基本支出 where no table has a 基本支出 column.
BASIC_TABLES = (TableKey.BASIC_FUNCTIONAL, TableKey.BASIC_EXPENDITURE)
FIGURES_OUT = {
    "insured_residents": "insured_residents",
    "insured_employees": "insured_employees",
    "subsidy_per_insured": "stated_subsidy_per_insured",
    "running_costs": "running_costs",
    "three_public": "three_public",
    "staff": "staff",
}


class LineLike(Protocol):
    table: object  # a table key (parsed) or a SourceTable (stored)
    code: str
    row_kind: str
    classification: str
    amounts: dict[str, Decimal]
    source_lines: Sequence[int]


class FigureLike(Protocol):
    key: str
    value: Decimal
    unit: str
    year: int | None
    line: int
    table: str  # the table whose row states it; "" for words


@dataclass
class Amount:
    value: Decimal
    lines: tuple[int, ...]
    table_key: str  # the table it was read from, or "prose"
    row: object = None  # the row it was read from (parsed or stored), None for prose


@dataclass
class DocumentSummary:
    totals: dict[str, Amount] = field(default_factory=dict)  # total/basic/project/personnel/public
    functional: dict[str, Amount] = field(default_factory=dict)  # code -> 合计
    figures: dict[str, FigureLike] = field(default_factory=dict)  # JSON key -> first stated figure


def _line_numbers(line) -> tuple[int, ...]:
    return tuple(line.source_lines)


def table_key_of(line) -> str:
    # Parsed rows name their table by key; stored rows point at a SourceTable.
    return line.table if isinstance(line.table, str) else line.table.key


def _by_priority(keyed: Sequence[tuple[str, LineLike]], tables: Sequence[str]) -> list[LineLike]:
    """The lines of these tables, in the tables' order, then by first line (a stable sort: ties keep their order).
    `keyed`: (table key, line) of every line."""
    rank = {key: i for i, key in enumerate(tables)}
    chosen = [(rank[key], min(line.source_lines, default=0), line) for key, line in keyed if key in rank]
    chosen.sort(key=lambda c: (c[0], c[1]))
    return [line for _rank, _first, line in chosen]


def summarise(lines: Sequence[LineLike], figures: Sequence[FigureLike]) -> DocumentSummary:
    summary = DocumentSummary()
    keyed = [(table_key_of(line), line) for line in lines]  # each line's table, once for the four readings below
    for line in _by_priority(keyed, TOTAL_TABLES):
        if line.row_kind != "total":
            continue
        for key in ("total", "basic", "project"):
            if key in line.amounts and key not in summary.totals:
                summary.totals[key] = Amount(line.amounts[key], _line_numbers(line), table_key_of(line), line)
    for line in _by_priority(keyed, ECONOMIC_TABLES):
        if line.row_kind != "total":
            continue
        for key in ("personnel", "public"):
            if key in line.amounts and key not in summary.totals:
                summary.totals[key] = Amount(line.amounts[key], _line_numbers(line), table_key_of(line), line)
    if "basic" not in summary.totals:
        for line in _by_priority(keyed, BASIC_TABLES):
            if line.row_kind == "total" and "total" in line.amounts:
                summary.totals["basic"] = Amount(line.amounts["total"], _line_numbers(line), table_key_of(line), line)
                break
    for line in _by_priority(keyed, FUNCTIONAL_TABLES):
        if line.classification != "functional" or not line.code or "total" not in line.amounts:
            continue
        summary.functional.setdefault(
            line.code, Amount(line.amounts["total"], _line_numbers(line), table_key_of(line), line)
        )
    current_year = [f for f in figures if f.year is None]
    # A figure its own table prints wins over the same figure in words (often rounded to 万元).
    for figure in sorted(current_year, key=lambda f: (not f.table, f.line)):
        out = FIGURES_OUT.get(figure.key)
        if out and out not in summary.figures:
            summary.figures[out] = figure
    _totals_from_prose(summary, sorted(current_year, key=lambda f: f.line))
    return summary


def _totals_from_prose(summary: DocumentSummary, figures: list[FigureLike]) -> None:
    """A document without tables (a 决算 whose tables were images) states its totals only in words.

    The prose may state one figure twice with different values (628.06 and 628.07); the one that makes
    total = basic + project and basic = personnel + public hold is taken, else the first stated.
    """
    stated = {key: [f for f in figures if f.key == key] for key in ("total", "basic", "project", "personnel", "public")}
    # Prose that states no spending total may state the grand total (收支总计), which a budget balances with it.
    stated["total"] = stated["total"] or [f for f in figures if f.key == "grand_total"]
    pairs = {
        "basic": ("total", "project"),
        "project": ("total", "basic"),
        "personnel": ("basic", "public"),
        "public": ("basic", "personnel"),
    }
    for key in ("total", "basic", "project", "personnel", "public"):
        if key in summary.totals or not stated[key]:
            continue
        chosen = stated[key][0]
        whole, other = pairs.get(key, (None, None))
        if whole and len({f.value for f in stated[key]}) > 1:
            wholes = [summary.totals[whole].value] if whole in summary.totals else [f.value for f in stated[whole]]
            others = [f.value for f in stated[other]]
            chosen = next(
                (f for f in stated[key] if any(f.value + o in wholes for o in others)),
                chosen,
            )
        summary.totals[key] = Amount(chosen.value, (chosen.line,), "prose")
