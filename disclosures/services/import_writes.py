"""Write one prepared disclosure: its bureau (created when new) and aliases, the document, its tables, lines,
stated figures and check results. Called by disclosure_save inside its transaction; validates nothing."""

from __future__ import annotations

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

from .bulk import rows_insert

if TYPE_CHECKING:
    from .imports import Prepared


def _bureau_kind(name: str) -> str:
    return Bureau.Kind.AGENCY if "经办" in name or "中心" in name else Bureau.Kind.BUREAU


FIGURE_PLACES = Decimal("0.0001")


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def _write(prepared: Prepared, *, user) -> Disclosure:
    result, meta = prepared.result, prepared.result.meta
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
    disclosure = Disclosure.objects.create(
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
    tables = {}
    table_rows = []
    for position, table in enumerate(result.tables):
        row = SourceTable(
            disclosure=disclosure,
            position=position,
            key=table.key,
            title=table.title[:255],
            unit=table.unit or "",
            start_line=table.start_line,
            end_line=table.end_line,
            declared_empty=table.declared_empty,
        )
        table_rows.append(row)
        tables.setdefault(table.key, row)
    if any(line.table not in tables for line in result.lines):
        first = min((line.source_lines[0] for line in result.lines if line.table not in tables), default=1)
        narrative = SourceTable(
            disclosure=disclosure,
            position=len(table_rows),
            key="narrative",
            title="文字说明中的支出数",
            unit=meta.unit or "",
            start_line=first,
            end_line=max(max(line.source_lines) for line in result.lines),
        )
        table_rows.append(narrative)
    SourceTable.objects.bulk_create(table_rows)
    tables = {}
    for row in table_rows:
        tables.setdefault(row.key, row)
    # Lines keep the table they were read from; the parser names it by key and position in the document.
    by_position = sorted(table_rows, key=lambda t: t.start_line)

    def table_of(line) -> SourceTable:
        candidates = [t for t in by_position if t.key == line.table]
        if not candidates:
            return tables["narrative"]
        first_line = min(line.source_lines)
        for table in candidates:
            if table.start_line <= first_line <= table.end_line:
                return table
        return candidates[0]

    lines = []
    for position, line in enumerate(result.lines):
        amounts = line.amounts
        lines.append(
            BudgetLine(
                disclosure=disclosure,
                table=table_of(line),
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
        )
    rows_insert(BudgetLine, lines)
    figures = [
        StatedFigure(
            disclosure=disclosure,
            key=f.key,
            label=f.label[:64],
            value=f.value.quantize(FIGURE_PLACES),  # as the column stores it, for the indicators computed below
            unit=f.unit,
            line=f.line,
            quote=f.quote,
            year=f.year,
            table_key=f.table,
        )
        for f in result.figures
    ]
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
                message=p.message,
                lines=list(p.lines),
            )
            for p in result.problems
        ],
    )
    return disclosure
