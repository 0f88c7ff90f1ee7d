"""Reads of bureaus and their documents."""

from __future__ import annotations

from django.db.models import Prefetch

from disclosures.models import BudgetLine, Disclosure, SourceTable


def disclosure_get_detail(*, pk: int) -> Disclosure:
    lines = BudgetLine.objects.order_by("position")
    tables = SourceTable.objects.order_by("position").prefetch_related(Prefetch("lines", queryset=lines))
    # The other versions are only linked to (their id and when they were imported): not their source text.
    versions = Disclosure.objects.only("superseded_by_id", "imported_at")
    return (
        Disclosure.objects.select_related("bureau__region__parent__parent", "imported_by", "superseded_by")
        .defer("superseded_by__source_text")
        .prefetch_related(
            Prefetch("tables", queryset=tables),
            "figures",
            "checks",
            Prefetch("replaced_versions", queryset=versions),
        )
        .get(pk=pk)
    )
