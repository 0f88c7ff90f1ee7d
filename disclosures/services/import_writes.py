"""Write one prepared disclosure: its bureau (created when new) and aliases, the document, its tables, lines,
stated figures and check results. Called by disclosure_save inside its transaction; validates nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING

from disclosures.models import (
    AMOUNT_COLUMNS,
    BudgetLine,
    Bureau,
    BureauAlias,
    CheckResult,
    Disclosure,
    SourceTable,
    StatedFigure,
    line_amounts,
)
from disclosures.vocabulary import TableKey

from .bulk import row_insert, rows_insert_returning, rows_of, rows_write

if TYPE_CHECKING:
    from disclosures.parsing.types import ParsedLine as Line
    from disclosures.parsing.types import StatedFigure as Figure

    from .imports import Prepared


def _bureau_kind(name: str) -> str:
    return Bureau.Kind.AGENCY if "经办" in name or "中心" in name else Bureau.Kind.BUREAU


FIGURE_PLACES = Decimal("0.0001")


CENT = Decimal("0.01")


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT)


def disclosure_write(prepared: Prepared, *, user) -> Disclosure:
    """Every row of one prepared document, in the caller's transaction; the document returned.

    Round trips are what an import waits for: the bureau (when new), the document and its tables are written one
    statement each (the lines point at the tables' keys); every other row goes in one statement at the end."""
    result = prepared.result
    bureau, bureau_created = _bureau_of(prepared)
    disclosure = _disclosure_create(prepared, bureau=bureau, user=user)
    table_of = _tables_write(disclosure, prepared)
    lines = [_line_row(disclosure.pk, table_of(line), position, line) for position, line in enumerate(result.lines)]
    figures = [_figure_row(disclosure, f) for f in result.figures]
    # The comparison values of the new document, in the same transaction: pages never compute them. They read the
    # rows as stored (amounts to the fen); only the lines they read are handed over.
    from comparisons.services import indicator_values_for_import

    indicators = indicator_values_for_import(
        disclosure=disclosure,
        region=prepared.region,
        lines=[_as_stored(row, table) for row, table in lines if _feeds_indicators(row)],
        figures=figures,
        bureau_created=bureau_created,
    )
    rows_write(
        (BudgetLine, [row for row, _table in lines]),
        (StatedFigure, rows_of(StatedFigure, figures)),
        indicators,
        (CheckResult, [_check_row(disclosure.pk, p) for p in result.problems]),
    )
    return disclosure


def _bureau_of(prepared: Prepared) -> tuple[Bureau, bool]:
    """The document's bureau, and whether this import created it."""
    meta = prepared.result.meta
    bureau = prepared.bureau
    created = bureau is None
    if created:
        bureau = Bureau.objects.create(
            region=prepared.region,
            name=prepared.publisher,
            kind=_bureau_kind(prepared.publisher),
            budget_code=meta.budget_code or "",
        )
    # Every spelling the documents use for the bureau is kept, to find it by any of them.
    for alias in {*meta.other_names, prepared.publisher} - {bureau.name}:
        BureauAlias.objects.get_or_create(bureau=bureau, name=alias)
    return bureau, created


def _disclosure_create(prepared: Prepared, *, bureau: Bureau, user) -> Disclosure:
    meta = prepared.result.meta
    disclosure = Disclosure(
        bureau=bureau,
        fiscal_year=meta.year,
        kind=meta.kind.value,
        scope=meta.scope.value,
        title=(meta.title or "")[:255],
        # The name, not the path: a server path given to the command is nobody's business on a public page.
        source_filename=PurePath(prepared.filename).name[:255],
        source_text=prepared.text,
        sha256=prepared.sha256,
        unit=meta.unit,
        imported_by=user if getattr(user, "is_authenticated", False) else None,
    )
    # The text, tens of kilobytes, sent apart from the statement (bulk.row_insert), where the ORM would quote it in.
    row_insert(disclosure)
    return disclosure


def _tables_write(disclosure: Disclosure, prepared: Prepared) -> Callable[[Line], SourceTable]:
    """The document's tables, and a narrative table for lines read from its prose; returns the table of a line."""
    result, meta = prepared.result, prepared.result.meta
    table_rows = [
        SourceTable(
            disclosure=disclosure,
            position=position,
            key=table.key,
            title=table.title[:255],
            unit=table.unit or "",
            start_line=table.start_line,
            end_line=table.end_line,
            declared_empty=table.declared_empty,
        )
        for position, table in enumerate(result.tables)
    ]
    keys = {t.key for t in table_rows}
    outside = [line for line in result.lines if line.table not in keys]
    if outside:
        table_rows.append(
            SourceTable(
                disclosure=disclosure,
                position=len(table_rows),
                key=TableKey.NARRATIVE,
                title="文字说明中的支出数",
                unit=meta.unit or "",
                start_line=min(line.source_lines[0] for line in outside),
                end_line=max(max(line.source_lines) for line in result.lines),
            )
        )
    rows_insert_returning(SourceTable, table_rows)
    tables: dict[str, SourceTable] = {}
    for row in table_rows:
        tables.setdefault(row.key, row)
    # Lines keep the table they were read from; the parser names it by key and position in the document.
    by_key: dict[str, list[SourceTable]] = {}
    for table in sorted(table_rows, key=lambda t: t.start_line):
        by_key.setdefault(table.key, []).append(table)

    def table_of(line: Line) -> SourceTable:
        candidates = by_key.get(line.table)
        if not candidates:
            return tables[TableKey.NARRATIVE]
        first_line = min(line.source_lines)
        for table in candidates:
            if table.start_line <= first_line <= table.end_line:
                return table
        return candidates[0]

    return table_of


def _line_row(disclosure_id: int, table: SourceTable, position: int, line: Line) -> tuple[dict, SourceTable]:
    """The stored row of a parsed line (as BudgetLine's attributes), with its table."""
    amounts = line.amounts
    row = {
        "disclosure_id": disclosure_id,
        "table_id": table.pk,
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
    return row, table


def _feeds_indicators(row: dict) -> bool:
    # As comparisons.facts reads them: functional lines and table totals, a minority of a document's rows.
    return row["classification"] == BudgetLine.Classification.FUNCTIONAL or row["row_kind"] == "total"


@dataclass(frozen=True, slots=True)
class StoredLine:
    """A line being written, as the indicators read a BudgetLine back (comparisons.facts, parsing/totals.LineLike):
    its amounts as BudgetLine.amounts gives them, its table by key. A model instance per line was the largest single
    cost of the process that writes what parallel parsers read."""

    table: str
    code: str
    name: str
    classification: str
    row_kind: str
    source_lines: list[int]
    amounts: dict[str, Decimal]


def _as_stored(row: dict, table: SourceTable) -> StoredLine:
    amounts = line_amounts({key: row[key] for key in AMOUNT_COLUMNS}, row["other_amounts"])
    return StoredLine(
        table=table.key,
        code=row["code"],
        name=row["name"],
        classification=row["classification"],
        row_kind=row["row_kind"],
        source_lines=row["source_lines"],
        amounts=amounts,
    )


def _check_row(disclosure_id: int, problem) -> dict:
    return {
        "disclosure_id": disclosure_id,
        "severity": problem.severity.value,
        "code": problem.code,
        "finding": problem.finding.value,
        "params": problem.params,
        "message": problem.message,
        "lines": list(problem.lines),
    }


def _figure_row(disclosure: Disclosure, figure: Figure) -> StatedFigure:
    return StatedFigure(
        disclosure=disclosure,
        key=figure.key,
        label=figure.label[:64],
        value=figure.value.quantize(FIGURE_PLACES),  # as the column stores it, for the indicators computed below
        unit=figure.unit,
        line=figure.line,
        quote=figure.quote,
        year=figure.year,
        table_key=figure.table,
    )
