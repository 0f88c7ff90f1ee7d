"""Write one prepared disclosure: its bureau (created when new) and aliases, the document, its tables, lines,
stated figures and check results. Called by disclosure_save inside its transaction; validates nothing."""

from __future__ import annotations

from collections.abc import Callable
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
)
from disclosures.vocabulary import TableKey

from .bulk import rows_insert

if TYPE_CHECKING:
    from disclosures.parsing.types import ParsedLine as Line
    from disclosures.parsing.types import StatedFigure as Figure

    from .imports import Prepared


def _bureau_kind(name: str) -> str:
    return Bureau.Kind.AGENCY if "经办" in name or "中心" in name else Bureau.Kind.BUREAU


FIGURE_PLACES = Decimal("0.0001")


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def disclosure_write(prepared: Prepared, *, user) -> Disclosure:
    """Every row of one prepared document, in the caller's transaction; the document returned."""
    result = prepared.result
    disclosure = _disclosure_create(prepared, bureau=_bureau_of(prepared), user=user)
    table_of = _tables_write(disclosure, prepared)
    lines = [_line_row(disclosure, table_of(line), position, line) for position, line in enumerate(result.lines)]
    rows_insert(BudgetLine, lines)
    figures = [_figure_row(disclosure, f) for f in result.figures]
    rows_insert(StatedFigure, figures)
    # The comparison values of the new document, in the same transaction: pages never compute them.
    from comparisons.services import indicator_values_write

    indicator_values_write(disclosure=disclosure, region=prepared.region, lines=lines, figures=figures)
    rows_insert(
        CheckResult,
        [
            CheckResult(
                disclosure=disclosure,
                severity=p.severity.value,
                code=p.code,
                finding=p.finding.value,
                params=p.params,
                message=p.message,
                lines=list(p.lines),
            )
            for p in result.problems
        ],
    )
    return disclosure


def _bureau_of(prepared: Prepared) -> Bureau:
    meta = prepared.result.meta
    bureau = prepared.bureau
    if bureau is None:
        bureau = Bureau.objects.create(
            region=prepared.region,
            name=prepared.publisher,
            kind=_bureau_kind(prepared.publisher),
            budget_code=meta.budget_code or "",
        )
    # Every spelling the documents use for the bureau is kept, to find it by any of them.
    for alias in {*meta.other_names, prepared.publisher} - {bureau.name}:
        BureauAlias.objects.get_or_create(bureau=bureau, name=alias)
    return bureau


def _disclosure_create(prepared: Prepared, *, bureau: Bureau, user) -> Disclosure:
    meta = prepared.result.meta
    return Disclosure.objects.create(
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
    SourceTable.objects.bulk_create(table_rows)
    tables: dict[str, SourceTable] = {}
    for row in table_rows:
        tables.setdefault(row.key, row)
    # Lines keep the table they were read from; the parser names it by key and position in the document.
    by_position = sorted(table_rows, key=lambda t: t.start_line)

    def table_of(line: Line) -> SourceTable:
        candidates = [t for t in by_position if t.key == line.table]
        if not candidates:
            return tables[TableKey.NARRATIVE]
        first_line = min(line.source_lines)
        for table in candidates:
            if table.start_line <= first_line <= table.end_line:
                return table
        return candidates[0]

    return table_of


def _line_row(disclosure: Disclosure, table: SourceTable, position: int, line: Line) -> BudgetLine:
    amounts = line.amounts
    return BudgetLine(
        disclosure=disclosure,
        table=table,
        position=position,
        classification=line.classification.value,
        code=line.code,
        name=line.name[:255],
        published_name=line.published_name[:255],
        row_kind=line.row_kind[:32],
        other_amounts={k: str(v) for k, v in amounts.items() if k not in AMOUNT_COLUMNS},
        source_lines=list(line.source_lines),
        first_line=min(line.source_lines),
        from_narrative=line.from_narrative,
        **{key: _money(amounts.get(key)) for key in AMOUNT_COLUMNS},
    )


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
