"""Reads behind the open data: the JSON API, the bulk CSV downloads and the staff denominator page.

Every function is named <entity>_<action>, takes keyword-only arguments and returns a queryset (or a list) that
runs a fixed number of queries whatever its length: the callers paginate or stream it.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast

from disclosures.models import (
    BudgetLine,
    Bureau,
    BureauAlias,
    Disclosure,
    Region,
    StatedFigure,
)

from .models import Denominator, DenominatorChange


def division_prefix(code: str) -> str:
    """The part of a 6-digit division code shared by everything under it: 130000 -> 13, 130600 -> 1306."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def region_list(*, q: str = "", level: str = "", parent: str = "") -> QuerySet[Region]:
    qs = Region.objects.select_related("parent__parent").order_by("code")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__startswith=q))
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent)
    return qs


def region_match(*, query: str) -> list[Region]:
    """The divisions a staff member means by "411103", "郾城区", "郾城" or "411103 郾城区" (at most a few)."""
    query = query.strip()
    digits = query[:6]
    if len(digits) == 6 and digits.isascii() and digits.isdigit():
        return list(Region.objects.filter(code=digits).select_related("parent__parent"))
    exact = list(Region.objects.filter(name=query).select_related("parent__parent").order_by("code"))
    if exact:
        return exact
    return list(Region.objects.filter(name__startswith=query).select_related("parent__parent").order_by("code")[:20])


def bureau_list(*, region: str = "", province: str = "", q: str = "") -> QuerySet[Bureau]:
    current = Q(disclosures__status=Disclosure.Status.CURRENT)
    qs = (
        Bureau.objects.filter(merged_into__isnull=True)
        .select_related("region__parent__parent")
        .prefetch_related(Prefetch("aliases", queryset=BureauAlias.objects.order_by("name")))
        .annotate(document_count=Count("disclosures", filter=current, distinct=True))
        .order_by("region__code", "name")
    )
    if region:
        qs = qs.filter(region__code__startswith=division_prefix(region))
    if province:
        qs = qs.filter(region__code__startswith=province[:2])
    if q:
        qs = qs.filter(
            Q(name__contains=q) | Q(aliases__name__contains=q) | Q(region__name__contains=q) | Q(region__code=q)
        ).distinct()
    return qs


def disclosure_list(
    *,
    bureau: int | None = None,
    year: int | None = None,
    kind: str = "",
    scope: str = "",
    status: str = Disclosure.Status.CURRENT,
    region: str = "",
) -> QuerySet[Disclosure]:
    """Documents without their source text; `status` "all" keeps replaced versions too. Their lines are counted
    for the page shown (disclosures_line_counted)."""
    qs = (
        Disclosure.objects.select_related("bureau__region__parent__parent")
        .defer("source_text")
        .order_by("bureau__region__code", "bureau__name", "-fiscal_year", "kind", "scope", "-imported_at")
    )
    if status and status != "all":
        qs = qs.filter(status=status)
    if bureau is not None:
        qs = qs.filter(bureau_id=bureau)
    if year is not None:
        qs = qs.filter(fiscal_year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if scope:
        qs = qs.filter(scope=scope)
    if region:
        qs = qs.filter(bureau__region__code__startswith=division_prefix(region))
    return qs


def disclosures_line_counted(*, documents: list[Disclosure]) -> list[Disclosure]:
    """These documents (a page of a list) with their number of lines as `line_count`, counted in one query for them
    alone. Counted in the list's own query, every document before the page's offset was counted too (the last page
    of 22,800 documents took 1 s)."""
    counts = dict(
        BudgetLine.objects.filter(disclosure_id__in=[d.pk for d in documents])
        .order_by()
        .values("disclosure_id")
        .annotate(n=Count("pk"))
        .values_list("disclosure_id", "n")
    )
    for document in documents:
        document.line_count = counts.get(document.pk, 0)
    return documents


def disclosure_get_open(*, pk: int) -> Disclosure:
    """One document with its tables, stated figures and check results (four queries); no source text."""
    return (
        Disclosure.objects.select_related("bureau__region__parent__parent", "superseded_by")
        .defer("source_text", "superseded_by__source_text")
        .annotate(line_count=Count("lines"))
        .prefetch_related("tables", Prefetch("figures", queryset=StatedFigure.objects.order_by("line")), "checks")
        .get(pk=pk)
    )


def line_list(
    *,
    disclosure: int | None = None,
    code: str = "",
    code_prefix: str = "",
    year: int | None = None,
    kind: str = "",
    region: str = "",
    classification: str = "",
) -> QuerySet[BudgetLine]:
    """Lines with their table and document (bureau and region loaded, source text deferred).

    Without `disclosure`, only the current version of each document is read."""
    qs = (
        BudgetLine.objects.select_related("table", "disclosure__bureau__region__parent__parent")
        .defer("disclosure__source_text")
        .order_by("disclosure__bureau__region__code", "disclosure_id", "position")
    )
    if disclosure is not None:
        qs = qs.filter(disclosure_id=disclosure)
    else:
        qs = qs.filter(disclosure__status=Disclosure.Status.CURRENT)
    if code:
        qs = qs.filter(code=code)
    if code_prefix:
        qs = qs.filter(code__startswith=code_prefix)
    if year is not None:
        qs = qs.filter(disclosure__fiscal_year=year)
    if kind:
        qs = qs.filter(disclosure__kind=kind)
    if region:
        qs = qs.filter(disclosure__bureau__region__code__startswith=division_prefix(region))
    if classification:
        qs = qs.filter(classification=classification)
    return qs


# The columns of `disclosure_values_for_download` and of `line_values_for_download`, in order.
DOWNLOAD_DOCUMENT_FIELDS = (
    "id",
    "bureau__region__code",
    "bureau__region__name",
    "bureau__region__level",
    "bureau__region__parent__name",
    "bureau__region__parent__level",
    "bureau__region__parent__parent__name",
    "bureau__region__parent__parent__level",
    "bureau__name",
    "fiscal_year",
    "kind",
    "scope",
    "demo",
)
DOWNLOAD_LINE_FIELDS = (
    "disclosure_id",
    "table__position",
    "table__title",
    "position",
    "classification",
    "code",
    "name",
    "published_name",
    "total",
    "basic",
    "project",
    "personnel",
    "public",
    "other_amounts_text",
    "from_narrative",
    "source_lines_text",
    "first_line",
)


def disclosure_values_for_download() -> QuerySet:
    """The current documents as plain tuples (DOWNLOAD_DOCUMENT_FIELDS): what every row of the download repeats."""
    return Disclosure.objects.filter(status=Disclosure.Status.CURRENT).values_list(*DOWNLOAD_DOCUMENT_FIELDS)


def line_values_for_download() -> QuerySet:
    """Every line of every current document as plain tuples (DOWNLOAD_LINE_FIELDS), in one query.

    Tuples rather than model instances, without the document's columns (read once, by the query above), and the two
    JSON columns as their text, decoded only where needed: the bulk download streams hundreds of thousands."""
    return (
        BudgetLine.objects.filter(disclosure__status=Disclosure.Status.CURRENT)
        .annotate(
            other_amounts_text=Cast("other_amounts", TextField()), source_lines_text=Cast("source_lines", TextField())
        )
        .order_by("disclosure__bureau__region__code", "disclosure_id", "position")
        .values_list(*DOWNLOAD_LINE_FIELDS)
    )


def denominator_list() -> QuerySet[Denominator]:
    return Denominator.objects.select_related("region__parent__parent", "entered_by").order_by(
        "region__code", "-year", "kind"
    )


def denominator_change_list(*, limit: int = 100) -> list[DenominatorChange]:
    """The latest entries, corrections and deletions of denominators, newest first."""
    return list(DenominatorChange.objects.select_related("region", "changed_by").order_by("-changed_at", "-id")[:limit])


def region_list_with_bureaus() -> QuerySet[Region]:
    """The divisions that have a bureau on the site: what staff usually enter a denominator for."""
    return Region.objects.filter(bureaus__isnull=False).distinct().order_by("code")
