"""Reads for a bureau's page: its documents, indicators over the years, functional spending, year changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch

from comparisons.facts import facts_for
from comparisons.indicators import BY_KEY, REGISTRY, Indicator
from comparisons.selectors import IndicatorChange, IndicatorRow, indicator_change
from disclosures.links import source_line_url
from disclosures.models import Bureau, CheckResult, Disclosure
from disclosures.parsing.codes import standard_name

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
    """Each document against the same bureau's document of the year before of the same kind and scope: never a
    budget against a final account, never across a gap in years."""
    by_period = {(r.disclosure.fiscal_year, r.disclosure.kind, r.disclosure.scope): r for r in rows}
    found = []
    for row in rows:
        d = row.disclosure
        before = by_period.get((d.fiscal_year - 1, d.kind, d.scope))
        if before is None:
            continue
        pairs = [
            (
                BY_KEY[key],
                indicator_change(current=row.values[key], previous=before.values[key], year=before.disclosure),
            )
            for key in CHANGE_KEYS
            if key in row.values
        ]
        found.append(YearChange(row=row, previous=before.disclosure, changes=pairs))
    return found


@dataclass
class BureauOverview:
    bureau: Bureau
    documents: list[Disclosure]  # every version, newest year first
    rows: list[IndicatorRow]  # current documents, oldest year first
    chosen: Disclosure | None  # the document whose functional spending is shown
    functional: list[FunctionalItem] = field(default_factory=list)
    checks: dict[int, list[CheckResult]] = field(default_factory=dict)
    changes: list[YearChange] = field(default_factory=list)  # against the year before, same kind and scope

    @property
    def several_years(self) -> bool:
        return len({r.disclosure.fiscal_year for r in self.rows}) > 1


def bureau_get_overview(*, pk: int, document_id: int | None = None) -> BureauOverview:
    """A bureau, all its documents with their checks, its indicators over the years; seven queries."""
    bureau = Bureau.objects.select_related("region__parent__parent").prefetch_related("aliases").get(pk=pk)
    documents = list(
        Disclosure.objects.filter(bureau=bureau)
        .select_related("bureau__region__parent__parent")
        .prefetch_related(Prefetch("checks", queryset=CheckResult.objects.order_by("id")))
        .annotate(line_count=Count("lines"))
        .order_by("-fiscal_year", "kind", "scope", "-imported_at")
    )
    current = [d for d in documents if d.status == Disclosure.Status.CURRENT]
    facts = facts_for(sorted(current, key=lambda d: (d.fiscal_year, d.kind)))
    rows = [IndicatorRow(disclosure=f.disclosure, values={i.key: i.value(f) for i in REGISTRY}) for f in facts]
    chosen_facts = next((f for f in facts if f.disclosure.pk == document_id), None)
    if chosen_facts is None and facts:
        chosen_facts = max(facts, key=lambda f: (f.disclosure.fiscal_year, f.disclosure.kind == "budget"))
    functional = []
    if chosen_facts is not None:
        names: dict[str, str] = {}
        for line in chosen_facts.lines:
            if line.classification == "functional" and line.code and line.name:
                names.setdefault(line.code, line.name)
        for code, amount in sorted(chosen_facts.summary.functional.items()):
            name = names.get(code) or standard_name(code) or ""
            functional.append(FunctionalItem(code, name, amount.value, amount.lines, chosen_facts.disclosure.pk))
    return BureauOverview(
        bureau=bureau,
        documents=documents,
        rows=rows,
        chosen=chosen_facts.disclosure if chosen_facts else None,
        functional=functional,
        checks={d.pk: list(d.checks.all()) for d in documents},
        changes=year_changes(rows),
    )
