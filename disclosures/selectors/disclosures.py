"""Reads of bureaus and their documents."""

from __future__ import annotations

from django.db.models import Prefetch

from disclosures.models import BudgetLine, Disclosure, SourceTable


def disclosure_get_detail(*, pk: int) -> Disclosure:
    lines = BudgetLine.objects.order_by("position")
    tables = SourceTable.objects.order_by("position").prefetch_related(Prefetch("lines", queryset=lines))
    return (
        Disclosure.objects.select_related("bureau__region__parent__parent", "imported_by", "superseded_by")
        .prefetch_related(Prefetch("tables", queryset=tables), "figures", "checks", "replaced_versions")
        .get(pk=pk)
    )
