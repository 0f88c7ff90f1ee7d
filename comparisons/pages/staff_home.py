"""Reads for the staff home: what needs fixing, each a short list linking to the page that fixes it: documents whose
checks found inconsistencies, bureaus whose per-insured figures lack a denominator, the counties of a province with
no document for a year, and the latest imports. A bounded number of queries, each limited, whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from comparisons.indicators._ratios import NO_INSURED
from comparisons.models import StoredIndicator
from disclosures.models import CheckResult, Disclosure, Region
from disclosures.region_names import region_display_name

LIST_LENGTH = 10
COUNTIES_SHOWN = 40
# The indicator whose missing denominator the list reports (medical assistance per insured shares its denominator).
PER_INSURED = "contribution_per_insured"
FINDINGS = (CheckResult.Severity.ERROR, CheckResult.Severity.WARNING)


@dataclass
class Counted:
    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class StaffHome:
    years: list[int]
    provinces: list[tuple[str, str]]
    year: int | None
    province: Region | None
    with_findings: Counted
    missing_denominators: Counted
    counties_without_documents: Counted
    recent: list[Disclosure]


def _documents() -> QuerySet[Disclosure]:
    return Disclosure.objects.defer("source_text").select_related("bureau__region")


def staff_documents_with_findings(*, limit: int = LIST_LENGTH) -> Counted:
    """Current documents whose checks found an error or an inconsistency, the latest imported first."""
    flagged = CheckResult.objects.filter(disclosure=OuterRef("pk"), severity__in=FINDINGS)
    documents = _documents().filter(Exists(flagged), status=Disclosure.Status.CURRENT)
    shown = documents.annotate(findings=Count("checks", filter=Q(checks__severity__in=FINDINGS)))
    return Counted(list(shown.order_by("-imported_at", "-pk")[:limit]), documents.count())


def staff_missing_denominators(*, year: int, limit: int = LIST_LENGTH) -> Counted:
    """Bureaus ranked for `year` whose documents state no insured residents and have no entered count: their
    per-insured figures are missing until staff enter one. One row per bureau (a budget and a final count once)."""
    rows = StoredIndicator.objects.filter(
        indicator=PER_INSURED, ranked=True, fiscal_year=year, missing_code=NO_INSURED().code
    )
    total = rows.values("disclosure__bureau").distinct().count()
    seen: dict[int, StoredIndicator] = {}
    for row in rows.select_related("disclosure__bureau__region").order_by("region_code", "kind")[: limit * 2]:
        seen.setdefault(row.disclosure.bureau_id, row)
    return Counted(list(seen.values())[:limit], total)


def staff_counties_without_documents(*, province: Region, year: int, limit: int = COUNTIES_SHOWN) -> Counted:
    """The province's counties with no current document for `year` (budget or final)."""
    documents = Disclosure.objects.filter(
        bureau__region=OuterRef("pk"), fiscal_year=year, status=Disclosure.Status.CURRENT
    )
    counties = Region.objects.filter(level=Region.Level.COUNTY, code__startswith=province.code[:2]).filter(
        ~Exists(documents)
    )
    return Counted(list(counties.select_related("parent").order_by("code")[:limit]), counties.count())


def staff_recent_imports(*, limit: int = LIST_LENGTH) -> list[Disclosure]:
    return list(_documents().select_related("imported_by").order_by("-imported_at", "-pk")[:limit])


def staff_home_get(*, year: int | None = None, province: str = "") -> StaffHome:
    """The staff home for a year (the latest with documents by default) and a province (by default the one of the
    latest import); a year or province not offered falls back to the default."""
    years = list(
        Disclosure.objects.filter(status=Disclosure.Status.CURRENT)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    held = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code").values_list("code", "name")
    provinces = [(code, region_display_name(code, name)) for code, name in held]
    chosen_year = year if year in years else (years[0] if years else None)
    chosen = next((code for code, _ in provinces if code == province), None) or _first_province_with_documents()
    region = Region.objects.filter(code=chosen).first() if chosen else None
    empty = Counted([], 0)
    return StaffHome(
        years=years,
        provinces=provinces,
        year=chosen_year,
        province=region,
        with_findings=staff_documents_with_findings(),
        missing_denominators=(staff_missing_denominators(year=chosen_year) if chosen_year else empty),
        counties_without_documents=(
            staff_counties_without_documents(province=region, year=chosen_year) if region and chosen_year else empty
        ),
        recent=staff_recent_imports(),
    )


def _first_province_with_documents() -> str | None:
    latest = _documents().filter(status=Disclosure.Status.CURRENT).order_by("-imported_at", "-pk").first()
    return f"{latest.bureau.region.code[:2]}0000" if latest else None
