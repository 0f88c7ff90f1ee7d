"""Reads for a bureau's page: its documents, indicators over the years, functional spending, year changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from comparisons.indicators import BY_KEY, Indicator
from comparisons.selectors import IndicatorChange, IndicatorRow, indicator_rows
from disclosures.code_names import code_display_label, code_display_name
from disclosures.links import source_line_url
from disclosures.models import BudgetLine, Bureau, CheckResult, Disclosure
from disclosures.parsing.codes import standard_name
from disclosures.summary import summarise

from .profile import Profile, bureau_profile

# --- bureau ---


@dataclass
class FunctionalItem:
    code: str
    name: str
    value: Decimal
    lines: tuple[int, ...]
    disclosure_id: int

    @property
    def level(self) -> int:
        return {3: 1, 5: 2, 7: 3}.get(len(self.code), 3)

    @property
    def url(self) -> str:
        return source_line_url(self.disclosure_id, self.lines[0] if self.lines else None)

    @property
    def display_name(self) -> str:
        """The name in the reader's language: as printed in Chinese, the standard name's English in English."""
        return code_display_name(self.code, self.name)

    @property
    def label(self) -> str:
        """Code and name, as the reader's language writes them: "Administrative operation (2101501)"."""
        return code_display_label(self.code, self.name)


# The indicators whose year-over-year change the bureau page shows.
CHANGE_KEYS = (
    "total_budget",
    "county_contribution",
    "contribution_per_insured",
    "medical_assistance",
    "running_costs",
    "administrative_operation",
)


@dataclass
class YearChange:
    row: IndicatorRow
    previous: Disclosure
    changes: list[tuple[Indicator, IndicatorChange]]


def year_changes(rows: list[IndicatorRow]) -> list[YearChange]:
    """The rows that have a previous year (indicator_rows(..., with_changes=True) paired them: the same bureau's
    document of the year before, of the same kind and scope), with the changes the bureau page shows."""
    return [
        YearChange(row=row, previous=row.previous, changes=[(BY_KEY[k], row.changes[k]) for k in CHANGE_KEYS])
        for row in rows
        if row.previous is not None
    ]


@dataclass
class BureauOverview:
    bureau: Bureau
    documents: list[Disclosure]  # every version, newest year first
    rows: list[IndicatorRow]  # current documents, oldest year first
    chosen: Disclosure | None  # the document whose functional spending is shown
    functional: list[FunctionalItem] = field(default_factory=list)
    checks: dict[int, list[CheckResult]] = field(default_factory=dict)
    changes: list[YearChange] = field(default_factory=list)  # against the year before, same kind and scope
    profile: Profile | None = None  # the chosen document's headline indicators among all counties, province, peers


def document_functional(*, disclosure: Disclosure) -> list[FunctionalItem]:
    """A document's spending by functional code, as the document summary decides it (one query)."""
    lines = list(
        BudgetLine.objects.filter(disclosure=disclosure)
        .filter(Q(classification=BudgetLine.Classification.FUNCTIONAL) | Q(row_kind="total"))
        .select_related("table")
        .order_by("position")
    )
    names: dict[str, str] = {}
    for line in lines:
        if line.classification == BudgetLine.Classification.FUNCTIONAL and line.code and line.name:
            names.setdefault(line.code, line.name)
    return [
        FunctionalItem(code, names.get(code) or standard_name(code) or "", amount.value, amount.lines, disclosure.pk)
        for code, amount in sorted(summarise(lines, []).functional.items())
    ]


def bureau_get_overview(*, pk: int, document_id: int | None = None) -> BureauOverview:
    """A bureau, all its documents with their checks, its stored indicators over the years and their changes against
    the year before, and one document's functional spending and county profile: a fixed number of queries."""
    bureau = Bureau.objects.select_related("region__parent__parent").prefetch_related("aliases").get(pk=pk)
    documents = list(
        Disclosure.objects.filter(bureau=bureau)
        .select_related("bureau__region__parent__parent")
        .defer("source_text")
        .prefetch_related(Prefetch("checks", queryset=CheckResult.objects.order_by("id")))
        .annotate(line_count=Count("lines"))
        .order_by("-fiscal_year", "kind", "scope", "-imported_at")
    )
    current = sorted(
        (d for d in documents if d.status == Disclosure.Status.CURRENT), key=lambda d: (d.fiscal_year, d.kind)
    )
    rows = indicator_rows(disclosures=current, with_changes=True)
    chosen = next((d for d in current if d.pk == document_id), None)
    if chosen is None and current:
        chosen = max(current, key=lambda d: (d.fiscal_year, d.kind == "budget", d.scope == "department"))
    return BureauOverview(
        bureau=bureau,
        documents=documents,
        rows=rows,
        chosen=chosen,
        functional=document_functional(disclosure=chosen) if chosen is not None else [],
        checks={d.pk: list(d.checks.all()) for d in documents},
        changes=year_changes(rows),
        profile=_profile(chosen, rows),
    )


def _profile(chosen: Disclosure | None, rows: list[IndicatorRow]) -> Profile | None:
    row = next((r for r in rows if chosen is not None and r.disclosure.pk == chosen.pk), None)
    if row is None:
        return None
    periods = {(r.disclosure.fiscal_year, r.disclosure.kind) for r in rows}
    return bureau_profile(document=row.disclosure, values=row.values, periods=periods)
