"""Write one prepared disclosure: its bureau (created when new) and aliases, the document, its tables, lines,
stated figures and check results. Called by disclosure_save inside its transaction; validates nothing."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from disclosures.models import Bureau, BureauAlias, CheckResult, Disclosure, SourceTable, StatedFigure
from disclosures.versioning import data_version_bump_statement, data_version_bumped

from .bulk import row_insert, rows_copy, rows_write

if TYPE_CHECKING:
    from .imports import Prepared


def _bureau_kind(name: str) -> str:
    return Bureau.Kind.AGENCY if "经办" in name or "中心" in name else Bureau.Kind.BUREAU


def disclosure_write(prepared: Prepared, *, user) -> Disclosure:
    """Every row of one prepared document, in the caller's transaction, and the data version bumped; the document
    returned.

    The rows were built where the document was parsed (import_rows.document_rows); here they are given the keys the
    database gives. Round trips are what an import waits for: the bureau (when new) is one statement, the document
    with its tables another (the lines point at the tables' keys), the lines one COPY; every other row, and the bump
    of the data version, go in one statement at the end."""
    rows = prepared.rows
    bureau, bureau_created = _bureau_of(prepared)
    disclosure = _disclosure(prepared, bureau=bureau, user=user)
    # The text, tens of kilobytes, sent apart from the statement (bulk.row_insert), where the ORM would quote it in.
    tables = row_insert(disclosure, children=rows.tables, child=SourceTable._meta.get_field("disclosure"))
    rows_copy(rows.lines, [(disclosure.pk, tables[position]) for position in rows.line_tables])
    # The comparison values of the new document, in the same transaction: pages never compute them.
    from comparisons.services import indicator_values_for_import, slice_summaries_carry

    indicators = indicator_values_for_import(
        disclosure=disclosure, region=prepared.region, rows=rows, bureau_created=bureau_created
    )
    document = {"disclosure_id": disclosure.pk}
    bumped = rows_write(
        (StatedFigure, [document | row for row in rows.figures]),
        indicators,
        (CheckResult, [document | row for row in rows.checks]),
        then=data_version_bump_statement(),
    )
    data_version_bumped(rows=bumped)
    slice_summaries_carry(year=disclosure.fiscal_year, kind=disclosure.kind)
    return disclosure


def _bureau_of(prepared: Prepared) -> tuple[Bureau, bool]:
    """The document's bureau, and whether this import created it."""
    meta = prepared.result.meta
    bureau = prepared.bureau
    created = bureau is None
    if created:
        bureau = Bureau(
            region=prepared.region,
            name=prepared.publisher,
            kind=_bureau_kind(prepared.publisher),
            budget_code=meta.budget_code or "",
        )
        row_insert(bureau)  # as Bureau.objects.create writes it, by a statement not compiled for each file
    # Every spelling the documents use for the bureau is kept, to find it by any of them.
    for alias in {*meta.other_names, prepared.publisher} - {bureau.name}:
        BureauAlias.objects.get_or_create(bureau=bureau, name=alias)
    return bureau, created


def _disclosure(prepared: Prepared, *, bureau: Bureau, user) -> Disclosure:
    meta = prepared.result.meta
    return Disclosure(
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
