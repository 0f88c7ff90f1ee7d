"""Writes of the stored indicator values: at import (inside its transaction), when a denominator changes, and by
`manage.py rebuild_indicators` after a definition changes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q

from comparisons.facts import DocumentFacts, denominators_of, facts_for, facts_of, indicator_lines
from comparisons.indicators import REGISTRY
from comparisons.models import StoredIndicator
from comparisons.stored import stored_row
from disclosures.models import Disclosure, Region, StatedFigure
from disclosures.services.bulk import Rows, model_rows, plain_select, rows_write
from disclosures.versioning import data_version_bump

if TYPE_CHECKING:
    from disclosures.services.import_rows import DocumentRows

# Documents recomputed together: four queries and one insert per batch, and a bounded amount of memory.
BATCH = 200


def _rows(facts: DocumentFacts, region_code: str) -> list[dict]:
    rows = []
    for indicator in REGISTRY:
        row = stored_row(indicator.value(facts), facts.disclosure, region_code)
        row["version"] = indicator.version  # the registry's declaration is what `rebuild_indicators` compares with
        rows.append(row)
    return rows


def indicator_values_of_rows(*, year: int, kind: str, lines: Iterable, figures: Iterable) -> list[dict]:
    """A document's indicator values from the rows it is about to write (its lines as StoredLine, its figures as
    stored), as if its region had no staff denominator: no database, so the process that parsed it computes them.
    The rows have no document key yet (None, in their sources too) nor region code; indicator_values_for_import
    gives them theirs."""
    facts = facts_of(disclosure=Disclosure(fiscal_year=year, kind=kind), lines=lines, figures=figures, denominators={})
    return _rows(facts, "")


def indicator_values_for_import(
    *, disclosure: Disclosure, region: Region, rows: DocumentRows, bureau_created: bool
) -> Rows:
    """A newly imported document's indicator values (`rows`: its import_rows.DocumentRows, with the values computed
    where it was parsed), returned for the importer to write with its other rows in one statement
    (bulk.rows_write); the bureau's other documents of that year and kind lose their ranked flag here where the new
    one displaces them. One query for the staff denominators of its region and year (where there are some, the
    values are computed again with them, from the lines the import has written), and, unless the import has just
    created the bureau (it then has no other document), one for those documents. Call inside the import
    transaction, after the lines are written."""
    denominators = denominators_of(region=region, year=disclosure.fiscal_year)
    if denominators:
        # The lines as written (the document's COPY is in this transaction), the figures as they will be.
        lines = indicator_lines().filter(disclosure=disclosure)
        figures = [StatedFigure(disclosure=disclosure, **row) for row in rows.figures]
        facts = facts_of(disclosure=disclosure, lines=lines, figures=figures, denominators=denominators)
        values = _rows(facts, region.code)
    else:
        values = [_of_document(row, disclosure.pk, region.code) for row in rows.indicators]
    # Which of the bureau's documents of this year and kind is ranked now; the new rows are written with their flag,
    # the others' rows changed only where the new document displaces them.
    group = [(disclosure.pk, disclosure.status, disclosure.scope)]
    if not bureau_created:
        # Disclosure.objects.filter(bureau, fiscal_year, kind), written once (compiled, it cost more than its query).
        group_of = ("bureau", "fiscal_year", "kind")
        select = plain_select(Disclosure, connection.alias, equal=group_of, defer=("source_text",))
        versions = model_rows(Disclosure, select, [disclosure.bureau_id, disclosure.fiscal_year, disclosure.kind])
        group = [(d.pk, d.status, d.scope) for d in versions]
    chosen = _ranked_of(group)
    for row in values:
        row["ranked"] = chosen == disclosure.pk
    others = [pk for pk, _status, _scope in group if pk != disclosure.pk]
    if others:
        StoredIndicator.objects.filter(disclosure_id__in=others, ranked=True).exclude(disclosure_id=chosen).update(
            ranked=False
        )
        if chosen in others:
            StoredIndicator.objects.filter(disclosure_id=chosen, ranked=False).update(ranked=True)
    return StoredIndicator, values


def _of_document(row: dict, key: int, region_code: str) -> dict:
    # Without a staff denominator, every source is the document itself.
    sources = [source | {"document": key} if source["document"] is None else source for source in row["sources"]]
    return row | {"disclosure_id": key, "region_code": region_code, "sources": sources}


def _ranked_of(group: list[tuple[int, str, str]]) -> int | None:
    """Of one bureau's documents of a year and kind, (pk, status, scope), the one it is ranked by."""
    current = [(pk, scope) for pk, status, scope in group if status == Disclosure.Status.CURRENT]
    department = [pk for pk, scope in current if scope == Disclosure.Scope.DEPARTMENT]
    return (department or [pk for pk, _scope in current] or [None])[0]


def ranked_documents() -> Q:
    """The documents a bureau is ranked by, one per year and kind: current, its department document, or its unit
    document where it published no department document (a condition on StoredIndicator)."""
    department = Disclosure.objects.filter(
        bureau_id=OuterRef("disclosure__bureau_id"),
        fiscal_year=OuterRef("fiscal_year"),
        kind=OuterRef("kind"),
        status=Disclosure.Status.CURRENT,
        scope=Disclosure.Scope.DEPARTMENT,
    )
    return Q(disclosure__status=Disclosure.Status.CURRENT) & (
        Q(disclosure__scope=Disclosure.Scope.DEPARTMENT) | ~Exists(department)
    )


def indicator_values_rank(*, bureau_id: int | None = None, year: int | None = None, kind: str | None = None) -> None:
    """Mark which stored rows are ranked, for one bureau's year and kind (after an import, a replacement or a
    restore), or for everything (no arguments)."""
    rows = StoredIndicator.objects.all()
    if bureau_id is not None:
        rows = rows.filter(disclosure__bureau_id=bureau_id, fiscal_year=year, kind=kind)
    rows.filter(ranked=True).exclude(ranked_documents()).update(ranked=False)
    rows.filter(ranked_documents(), ranked=False).update(ranked=True)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def indicator_values_refresh(
    *, disclosure_ids: Iterable[int], batch_size: int = BATCH, progress: Callable[[int], None] | None = None
) -> int:
    """Recompute and replace the stored values of these documents, `batch_size` at a time, each batch in its own
    transaction (a batch is all or nothing). Returns how many documents were done; `progress(n)` after each batch."""
    done = 0
    for batch in _batched(disclosure_ids, batch_size):
        with transaction.atomic():
            documents = Disclosure.objects.filter(pk__in=batch).select_related("bureau__region").defer("source_text")
            rows = [row for facts in facts_for(documents) for row in _rows(facts, facts.disclosure.bureau.region.code)]
            StoredIndicator.objects.filter(disclosure_id__in=batch).delete()
            rows_write((StoredIndicator, rows))
            StoredIndicator.objects.filter(ranked_documents(), disclosure_id__in=batch).update(ranked=True)
            data_version_bump()  # the pages (and their slice summaries) show these values
        done += len(batch)
        if progress is not None:
            progress(done)
    return done


def indicator_values_refresh_for_denominator(*, region: Region, year: int) -> int:
    """After a staff denominator of a region and year was entered, corrected or removed: every document of that
    bureau's region and year (replaced versions too: their pages show their values) is recomputed."""
    ids = Disclosure.objects.filter(bureau__region=region, fiscal_year=year).values_list("pk", flat=True)
    return indicator_values_refresh(disclosure_ids=list(ids))


def indicator_values_stale() -> list[int]:
    """Documents whose stored values are not all of the current definitions (a version raised, an indicator added)."""
    current = Q(pk__in=[])
    for indicator in REGISTRY:
        current |= Q(indicator_values__indicator=indicator.key, indicator_values__version=indicator.version)
    return list(
        Disclosure.objects.annotate(current=Count("indicator_values", filter=current))
        .filter(current__lt=len(REGISTRY))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def indicator_values_drop_retired() -> int:
    """Rows of indicators no longer in the registry."""
    deleted, _ = StoredIndicator.objects.exclude(indicator__in=[i.key for i in REGISTRY]).delete()
    return deleted
