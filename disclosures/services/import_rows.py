"""What a parsed document writes, built without a database: where it was parsed (in a worker process with
`import_disclosures --jobs`), so that the one process that writes every file only adds the keys the database gives.

Its tables, lines, stated figures and findings as the rows stored (amounts to the fen, names cut to their columns),
the lines already in the form the database reads (bulk.rows_encode), its comparison values as far as they need no
database, and the summary its import record gives.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from disclosures.models import AMOUNT_COLUMNS, BudgetLine, line_amounts
from disclosures.parsing.check_totals import decided_totals
from disclosures.summary import DocumentSummary
from disclosures.vocabulary import TableKey

from .bulk import Encoded, rows_encode

if TYPE_CHECKING:
    from disclosures.parsing.types import ParsedLine, ParseResult, StatedFigure

FIGURE_PLACES = Decimal("0.0001")
CENT = Decimal("0.01")
NARRATIVE_TITLE = "文字说明中的支出数"


class StoredLine(NamedTuple):
    """A line being written, as the indicators read a BudgetLine back (comparisons.facts, parsing/totals.LineLike):
    its amounts as BudgetLine.amounts gives them, its table by key. A model instance per line was the largest single
    cost of the process that writes what parallel parsers read; a tuple, as a frozen dataclass cost that process
    six times as much to receive."""

    table: str
    code: str
    name: str
    classification: str
    row_kind: str
    source_lines: list[int]
    amounts: dict[str, Decimal]


@dataclass
class DocumentRows:
    """Everything of a parsed document that goes into the database, but the keys it is given there."""

    tables: list[dict]  # SourceTable rows, by position, without their document
    lines: Encoded  # BudgetLine rows without their document and table ...
    line_tables: list[int]  # ... and the position of each line's table
    line_count: int
    figures: list[dict]  # StatedFigure rows without their document
    checks: list[dict]  # CheckResult rows without their document, in the order of the findings
    # The comparison values (comparisons.services.indicator_values_of_rows), computed as if the region had no staff
    # denominator, without the keys of the document, its region and whether it is ranked. Where the region has one,
    # the import computes them again from the rows it has written.
    indicators: list[dict]
    summary: DocumentSummary  # of the parsed lines and figures, as the import record states it (no rows)


def document_rows(result: ParseResult) -> DocumentRows:
    """The rows of a parsed, validated document (its year and kind known). No database."""
    tables = _table_rows(result)
    positions = _table_positions(tables)
    lines, line_tables, indicator_lines = [], [], []
    for position, line in enumerate(result.lines):
        table = positions(line)
        row = _line_row(position, line)
        lines.append(row)
        line_tables.append(table)
        if _feeds_indicators(row):
            indicator_lines.append(_as_stored(row, tables[table]["key"]))
    figures = [_stored_figure(f) for f in result.figures]
    from comparisons.services.indicator_values import indicator_values_of_rows

    meta = result.meta
    return DocumentRows(
        tables=tables,
        lines=rows_encode(BudgetLine, lines, given=("disclosure_id", "table_id")),
        line_tables=line_tables,
        line_count=len(lines),
        figures=[_figure_row(f) for f in figures],
        checks=[_check_row(problem) for problem in result.problems],
        indicators=indicator_values_of_rows(
            year=meta.year, kind=meta.kind.value, lines=indicator_lines, figures=figures
        ),
        # The totals the checks decided (the same lines and figures): not worked out a second time.
        summary=_without_rows(decided_totals(result)),
    )


def _without_rows(summary: DocumentSummary) -> DocumentSummary:
    """The summary without the parsed lines its amounts were read from, which the record does not read: they would
    go back from the worker with it. A copy: the parse result keeps its own."""
    return DocumentSummary(
        totals={key: replace(amount, row=None) for key, amount in summary.totals.items()},
        functional={key: replace(amount, row=None) for key, amount in summary.functional.items()},
        figures=dict(summary.figures),
    )


def _table_rows(result: ParseResult) -> list[dict]:
    """The document's tables, and a narrative table for lines read from its prose."""
    meta = result.meta
    rows = [
        {
            "position": position,
            "key": table.key,
            "title": table.title[:255],
            "unit": table.unit or "",
            "start_line": table.start_line,
            "end_line": table.end_line,
            "declared_empty": table.declared_empty,
        }
        for position, table in enumerate(result.tables)
    ]
    keys = {row["key"] for row in rows}
    outside = [line for line in result.lines if line.table not in keys]
    if outside:
        rows.append(
            {
                "position": len(rows),
                "key": TableKey.NARRATIVE,
                "title": NARRATIVE_TITLE,
                "unit": meta.unit or "",
                "start_line": min(line.source_lines[0] for line in outside),
                "end_line": max(max(line.source_lines) for line in result.lines),
                "declared_empty": False,
            }
        )
    return rows


def _table_positions(tables: list[dict]):
    """The position of the table a line was read from: the parser names it by key, the line's place in the
    document tells which of several tables of one key."""
    first: dict[str, int] = {}
    for row in tables:
        first.setdefault(row["key"], row["position"])
    by_key: dict[str, list[dict]] = {}
    for row in sorted(tables, key=lambda t: t["start_line"]):
        by_key.setdefault(row["key"], []).append(row)

    def position_of(line: ParsedLine) -> int:
        candidates = by_key.get(line.table)
        if not candidates:
            return first[TableKey.NARRATIVE]
        first_line = min(line.source_lines)
        for table in candidates:
            if table["start_line"] <= first_line <= table["end_line"]:
                return table["position"]
        return candidates[0]["position"]

    return position_of


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT)


def _line_row(position: int, line: ParsedLine) -> dict:
    """The stored row of a parsed line (as BudgetLine's attributes), without its document and table."""
    amounts = line.amounts
    row = {
        "position": position,
        "classification": line.classification.value,
        "code": line.code,
        "name": line.name[:255],
        "published_name": line.published_name[:255],
        "row_kind": line.row_kind[:32],
        "other_amounts": {k: str(v) for k, v in amounts.items() if k not in AMOUNT_COLUMNS},
        "source_lines": list(line.source_lines),
        "first_line": min(line.source_lines),
        "from_narrative": line.from_narrative,
    }
    for key in AMOUNT_COLUMNS:
        row[key] = _money(amounts.get(key))
    return row


def _feeds_indicators(row: dict) -> bool:
    # As comparisons.facts reads them: functional lines and table totals, a minority of a document's rows.
    return row["classification"] == BudgetLine.Classification.FUNCTIONAL or row["row_kind"] == "total"


def _as_stored(row: dict, table: str) -> StoredLine:
    amounts = line_amounts({key: row[key] for key in AMOUNT_COLUMNS}, row["other_amounts"])
    return StoredLine(
        table=table,
        code=row["code"],
        name=row["name"],
        classification=row["classification"],
        row_kind=row["row_kind"],
        source_lines=row["source_lines"],
        amounts=amounts,
    )


def _stored_figure(figure: StatedFigure) -> StatedFigure:
    """A figure as its row stores it (label cut to the column, value to its places): the indicators read that."""
    return replace(figure, label=figure.label[:64], value=figure.value.quantize(FIGURE_PLACES))


def _figure_row(figure: StatedFigure) -> dict:
    return {
        "key": figure.key,
        "label": figure.label,
        "value": figure.value,
        "unit": figure.unit,
        "line": figure.line,
        "quote": figure.quote,
        "year": figure.year,
        "table_key": figure.table,
    }


def _check_row(problem) -> dict:
    return {
        "severity": problem.severity.value,
        "code": problem.code,
        "finding": problem.finding.value,
        "params": problem.params,
        "message": problem.message,
        "lines": list(problem.lines),
    }
