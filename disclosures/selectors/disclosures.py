"""Reads of bureaus and their documents."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from disclosures.models import BudgetLine, Bureau, Disclosure, SourceTable


def bureau_list_with_documents() -> QuerySet[Bureau]:
    current = Disclosure.objects.filter(status=Disclosure.Status.CURRENT).order_by("-fiscal_year", "kind")
    return (
        Bureau.objects.select_related("region__parent__parent")
        .prefetch_related(Prefetch("disclosures", queryset=current, to_attr="current_disclosures"))
        .annotate(document_count=Count("disclosures"))
        .filter(document_count__gt=0)
        .order_by("region__code", "name")
    )


def disclosure_list_recent(*, limit: int = 20) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.select_related("bureau__region", "imported_by")
        .annotate(line_count=Count("lines", distinct=True))
        .order_by("-imported_at", "-pk")[:limit]
    )


def disclosure_get_detail(*, pk: int) -> Disclosure:
    lines = BudgetLine.objects.order_by("position")
    tables = SourceTable.objects.order_by("position").prefetch_related(Prefetch("lines", queryset=lines))
    return (
        Disclosure.objects.select_related("bureau__region__parent__parent", "imported_by", "superseded_by")
        .prefetch_related(Prefetch("tables", queryset=tables), "figures", "checks", "replaced_versions")
        .get(pk=pk)
    )
