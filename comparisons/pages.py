"""Reads for the comparison pages (dashboard, compare, bureau, search, document indicators).

Selectors in the HackSoft sense: keyword-only, bounded queries whatever the number of bureaus, no writes. They shape
`indicator_rows` into what one page shows; formatting and links live in tables.py and charts.py.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from disclosures.links import source_line_url
from disclosures.models import Bureau, CheckResult, Disclosure, Region
from disclosures.parsing.codes import standard_name

from .facts import facts_for
from .indicators import BY_KEY, REGISTRY, Indicator
from .selectors import IndicatorChange, IndicatorRow, disclosure_latest_per_bureau, indicator_change, indicator_rows


@dataclass(frozen=True)
class Detail:
    """An extra column read from an indicator's details (the stated per head, the split by source ...)."""

    indicator: str
    key: str
    label: str
    kind: str  # "wan" (元 shown in 万元), "yuan" (元 with 2 decimals), "count", "percent", "text"
    source_match: str = ""  # a word of the SourceRef label the number comes from, to link it


@dataclass(frozen=True)
class Headline:
    """One headline comparison of the dashboard: a chart of `chart` and a table of `columns` + `details`."""

    slug: str
    title: str
    intro: str
    chart: tuple[str, ...]
    columns: tuple[str, ...]
    details: tuple[Detail, ...] = ()

    @property
    def chart_indicators(self) -> list[Indicator]:
        return [BY_KEY[key] for key in self.chart if key in BY_KEY]

    @property
    def indicators(self) -> list[Indicator]:
        return [BY_KEY[key] for key in self.columns if key in BY_KEY]

    @property
    def present_details(self) -> list[Detail]:
        return [d for d in self.details if d.indicator in BY_KEY]


HEADLINES: tuple[Headline, ...] = (
    Headline(
        slug="contribution",
        title=_("每名城乡居民参保人的县级财政补助"),
        intro=_(
            "县级财政对城乡居民基本医疗保险基金的补助（2101202）除以同一文件写明的参保人数；"
            "文件未写明人数时用工作人员录入并注明来源的人数，否则空缺并说明原因。"
        ),
        chart=("contribution_per_insured",),
        columns=("county_contribution", "contribution_per_insured"),
        details=(
            Detail("contribution_per_insured", "insured_residents", _("参保人数（人）"), "count", "参保人数"),
            Detail("contribution_per_insured", "stated_per_head", _("文件自述每人补助（元）"), "yuan"),
            Detail("contribution_per_insured", "share_of_national_minimum", _("占全国人均最低标准（%）"), "percent"),
        ),
    ),
    Headline(
        slug="assistance",
        title=_("医疗救助"),
        intro=_("医疗救助支出（21013）；文件写明资金来源时，另列中央、省级、县级资金，不与合计相加。"),
        chart=("medical_assistance",),
        columns=("medical_assistance", "medical_assistance_per_insured"),
        details=(
            Detail("medical_assistance", "central", _("其中中央资金（万元）"), "wan", "中央"),
            Detail("medical_assistance", "provincial", _("其中省级资金（万元）"), "wan", "省级"),
            Detail("medical_assistance", "county", _("其中县级资金（万元）"), "wan", "县级"),
        ),
    ),
    Headline(
        slug="running",
        title=_("运行经费：机关运行经费与行政运行"),
        intro=_(
            "机关运行经费（不含工资）与行政运行（2101501，含人员工资）是两个口径，并列显示，从不相加。"
            "经办机构的事业运行（2101550）和记在其他科目的行政运行均注明。"
        ),
        chart=("running_costs", "administrative_operation"),
        columns=("running_costs", "administrative_operation", "running_costs_share", "administrative_operation_share"),
        details=(Detail("running_costs", "stated_as", _("机关运行经费口径"), "text"),),
    ),
)
HEADLINE_BY_SLUG = {h.slug: h for h in HEADLINES}
HEADLINE_KEYS: tuple[str, ...] = tuple(dict.fromkeys(k for h in HEADLINES for k in h.chart))


def headline_indicators() -> list[Indicator]:
    """The indicators offered by default on the compare page: those declared headline, else the dashboard's."""
    declared = [i for i in REGISTRY if getattr(i, "headline", False)]
    return declared or [BY_KEY[k] for k in HEADLINE_KEYS if k in BY_KEY]


# --- groups of rows that may be ranked together ---


@dataclass(frozen=True)
class Group:
    """Documents of one year and kind: the only rows ranked against each other."""

    year: int
    kind: str

    @property
    def label(self) -> str:
        return str(_("%(year)s年%(kind)s") % {"year": self.year, "kind": Disclosure.Kind(self.kind).label})


def row_group(row: IndicatorRow) -> Group:
    return Group(row.disclosure.fiscal_year, row.disclosure.kind)


def groups_of(rows: list[IndicatorRow]) -> list[Group]:
    """Newest year first, budget before final account."""
    return sorted({row_group(r) for r in rows}, key=lambda g: (-g.year, g.kind))


def median(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values) if values else None


# --- the dashboard ---


@dataclass
class DashboardData:
    rows: list[IndicatorRow]
    groups: list[Group]
    peers: str  # what the medians are taken over: a province name or "全部地区"

    @property
    def mixed(self) -> bool:
        return len(self.groups) > 1


def dashboard_get(*, documents: QuerySet[Disclosure], latest: bool = True, peers: str = "") -> DashboardData:
    """Indicator rows of the filtered documents (each bureau's latest by default), grouped by year and kind."""
    chosen = disclosure_latest_per_bureau(documents=documents) if latest else list(documents)
    rows = indicator_rows(disclosures=chosen)
    return DashboardData(rows=rows, groups=groups_of(rows), peers=peers or str(_("全部地区")))


def dashboard_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Provinces, prefectures and years that have current documents: one query."""
    found = (
        Disclosure.objects.filter(status=Disclosure.Status.CURRENT)
        .values_list(
            "fiscal_year",
            "bureau__region__parent__code",
            "bureau__region__parent__name",
            "bureau__region__parent__level",
            "bureau__region__parent__parent__code",
            "bureau__region__parent__parent__name",
        )
        .distinct()
    )
    years, provinces, prefectures = set(), {}, {}
    for year, p_code, p_name, p_level, pp_code, pp_name in found:
        years.add(year)
        if p_level == Region.Level.PROVINCE:  # a district of a 直辖市 or a county directly under a province
            provinces[p_code] = p_name
        elif p_code:
            prefectures[p_code] = p_name
            if pp_code:
                provinces[pp_code] = pp_name
    return {
        "years": [(str(y), str(y)) for y in sorted(years, reverse=True)],
        "provinces": sorted(provinces.items()),
        "prefectures": sorted(prefectures.items()),
    }


def bureau_list_for_dashboard() -> QuerySet[Bureau]:
    """Every bureau with its current documents (two queries), for the list under the charts."""
    current = Disclosure.objects.filter(status=Disclosure.Status.CURRENT).order_by("-fiscal_year", "kind")
    return (
        Bureau.objects.filter(disclosures__status=Disclosure.Status.CURRENT)
        .distinct()
        .select_related("region__parent__parent")
        .prefetch_related(Prefetch("disclosures", queryset=current, to_attr="current_disclosures"))
        .order_by("region__code", "name")
    )


# --- compare ---


def compare_rows(*, documents: QuerySet[Disclosure]) -> list[IndicatorRow]:
    """Every current document of the chosen bureaus, by bureau then year."""
    rows = indicator_rows(disclosures=list(documents))
    return sorted(
        rows, key=lambda r: (r.disclosure.bureau.region.code, r.disclosure.bureau_id, r.disclosure.fiscal_year)
    )


def bureau_choices() -> QuerySet[Bureau]:
    return (
        Bureau.objects.filter(disclosures__status=Disclosure.Status.CURRENT)
        .distinct()
        .select_related("region")
        .order_by("region__code", "name")
    )


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


# --- search ---


@dataclass
class SearchResult:
    bureaus: QuerySet[Bureau]
    regions_without_documents: list[Region]


def bureau_search(*, query: str, limit: int = 20) -> SearchResult:
    """Bureaus by their name or alias, their county's, prefecture's or province's name, or a region code prefix."""
    query = query.strip()
    if not query:
        return SearchResult(bureaus=Bureau.objects.none(), regions_without_documents=[])
    match = (
        Q(name__icontains=query)
        | Q(aliases__name__icontains=query)
        | Q(region__name__icontains=query)
        | Q(region__parent__name__icontains=query)
        | Q(region__parent__parent__name__icontains=query)
    )
    if query.isdigit():
        match |= Q(region__code__startswith=query)
    ids = Bureau.objects.filter(match).values("pk")
    current = Disclosure.objects.filter(status=Disclosure.Status.CURRENT).order_by("-fiscal_year", "kind")
    bureaus = (
        Bureau.objects.filter(pk__in=ids)
        .select_related("region__parent__parent")
        .prefetch_related(Prefetch("disclosures", queryset=current, to_attr="current_disclosures"))
        .order_by("region__code", "name")
    )
    region_match = Q(name__icontains=query) | (Q(code__startswith=query) if query.isdigit() else Q(pk__in=[]))
    regions = list(
        Region.objects.filter(region_match, level=Region.Level.COUNTY)
        .exclude(bureaus__disclosures__status=Disclosure.Status.CURRENT)
        .select_related("parent__parent")
        .order_by("code")[:limit]
    )
    return SearchResult(bureaus=bureaus, regions_without_documents=regions)


# --- a document's own indicators (document page) ---


@dataclass
class DocumentIndicators:
    row: IndicatorRow | None
    feeds: dict[int, list[Indicator]]  # source line number -> the indicators it feeds

    @property
    def values(self) -> list[tuple[Indicator, object]]:
        if self.row is None:
            return []
        return [(BY_KEY[key], value) for key, value in self.row.values.items() if key in BY_KEY]


def document_indicators(*, disclosure: Disclosure) -> DocumentIndicators:
    """Every indicator of one document and, for each source line, the indicators that read it."""
    rows = indicator_rows(disclosures=[disclosure])
    if not rows:
        return DocumentIndicators(row=None, feeds={})
    feeds: dict[int, list[Indicator]] = defaultdict(list)
    for key, value in rows[0].values.items():
        for source in value.sources:
            if source.disclosure_id != disclosure.pk:
                continue
            for line in source.lines:
                if key in BY_KEY and BY_KEY[key] not in feeds[line]:
                    feeds[line].append(BY_KEY[key])
    return DocumentIndicators(row=rows[0], feeds=dict(feeds))
