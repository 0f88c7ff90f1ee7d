"""Reads for the dashboard (home page): one year and kind at a time, each headline indicator as a distribution with
its national and province medians, its top and bottom, a ranked paginated table, and a county finder.

Everything is read from the stored indicator values by the database (selectors/rankings.py): the number of queries
does not grow with the number of bureaus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from comparisons.indicators import BY_KEY, Indicator
from comparisons.models import StoredIndicator
from comparisons.selectors.rankings import (
    Bin,
    Position,
    Slice,
    SliceStats,
    ranking,
    slice_extremes,
    slice_histogram,
    slice_median,
    slice_medians,
    slice_position,
    slice_rows,
    slice_stats,
)
from disclosures.models import Disclosure, Region

from .headlines import HEADLINES, Headline

TOP = 5


@dataclass(frozen=True)
class Period:
    year: int
    kind: str
    documents: int

    @property
    def label(self) -> str:
        return str(_("%(year)s年%(kind)s") % {"year": self.year, "kind": Disclosure.Kind(self.kind).label})


def dashboard_periods() -> list[Period]:
    """Every year and kind with ranked documents (current, one per bureau), newest first, and how many: one query
    on the index of the stored values."""
    found = (
        StoredIndicator.objects.filter(indicator=HEADLINES[0].chart[0], ranked=True)
        .values_list("fiscal_year", "kind")
        .annotate(n=Count("*"))
        .order_by("-fiscal_year", "kind")
    )
    return [Period(year, kind, n) for year, kind, n in found]


def default_year(periods: list[Period], kind: str) -> int | None:
    """The latest year with the most documents of this kind."""
    of_kind = [p for p in periods if p.kind == kind]
    if not of_kind:
        return None
    return max(of_kind, key=lambda p: (p.documents, p.year)).year


def dashboard_regions(*, province: str = "") -> dict[str, list[tuple[str, str]]]:
    """Provinces, and the prefectures of the chosen province (none until a province is chosen: a list of every
    prefecture of the country is no help and weighs the page), as choices."""
    provinces = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code").values_list("code", "name")
    prefectures = []
    if province[:2].isdigit():
        prefectures = Region.objects.filter(level=Region.Level.PREFECTURE, code__startswith=province[:2])
        prefectures = list(prefectures.order_by("code").values_list("code", "name"))
    return {"provinces": list(provinces), "prefectures": prefectures}


@dataclass
class Distribution:
    """One indicator over the slice: its histogram, medians, top and bottom, and where the found county stands."""

    indicator: Indicator
    stats: SliceStats
    bins: list[Bin]
    national: tuple[Decimal, int] | None  # every province, same year and kind
    province: tuple[Decimal, int] | None  # the chosen (or the found county's) province
    province_name: str
    province_medians: list[tuple[str, str, Decimal, int]]  # (code, name, median, n) per province, no filter only
    top: list[StoredIndicator]
    bottom: list[StoredIndicator]
    found: Position | None = None

    @property
    def extremes(self) -> list[tuple[str, list[StoredIndicator]]]:
        return [(_("最高"), self.top), (_("最低"), self.bottom)]


@dataclass
class Section:
    headline: Headline
    part: Slice  # the headline's first chart indicator over the year and kind: what the table ranks
    ranking: QuerySet[StoredIndicator]  # its rows
    distributions: list[Distribution]


@dataclass
class Finder:
    query: str
    matches: list[StoredIndicator] = field(default_factory=list)  # rows of the first headline's ranking
    chosen: Disclosure | None = None
    positions: dict[str, Position] = field(default_factory=dict)  # indicator key -> where the county stands
    links: dict[str, str] = field(default_factory=dict)  # indicator key -> the ranked table's page that shows it


@dataclass
class DashboardData:
    year: int | None
    kind: str
    province: str
    prefecture: str
    place: str  # the province or prefecture chosen, in words; "" for the whole country
    periods: list[Period]
    sections: list[Section]
    finder: Finder | None

    @property
    def period_label(self) -> str:
        if self.year is None:
            return ""
        return str(_("%(year)s年%(kind)s") % {"year": self.year, "kind": Disclosure.Kind(self.kind).label})

    @property
    def other_periods(self) -> list[Period]:
        return [p for p in self.periods if (p.year, p.kind) != (self.year, self.kind)]

    @property
    def documents(self) -> int:
        return next((p.documents for p in self.periods if (p.year, p.kind) == (self.year, self.kind)), 0)


def _province_names() -> dict[str, str]:
    return {
        code[:2]: name for code, name in Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name")
    }


def _find(part: Slice, query: str) -> Finder:
    """Bureaus of the slice whose county, prefecture or bureau name contains `query`, or whose code starts with it."""
    finder = Finder(query=query)
    match = (
        Q(disclosure__bureau__region__name__contains=query)
        | Q(disclosure__bureau__name__contains=query)
        | Q(disclosure__bureau__region__parent__name__contains=query)
    )
    if query.isdigit():
        match = Q(region_code__startswith=query)
    finder.matches = list(
        slice_rows(part=part)
        .filter(match)
        .select_related("disclosure__bureau__region__parent__parent")
        .defer("disclosure__source_text")
        .order_by("region_code")[:20]
    )
    if len(finder.matches) == 1:
        finder.chosen = finder.matches[0].disclosure
    return finder


def _distribution(part: Slice, provinces: dict[str, str], found_row: StoredIndicator | None) -> Distribution:
    indicator = BY_KEY[part.indicator]
    stats = slice_stats(part=part)
    filtered = bool(part.province or part.prefecture)
    if filtered:
        country = Slice(part.indicator, part.year, part.kind)
        national = slice_median(part=country, stats=slice_stats(part=country))
        own = slice_median(part=part, stats=stats)
        province_code, province, by_province = part.province[:2], own, {}
    else:
        national = slice_median(part=part, stats=stats)
        by_province = slice_medians(part=part, by_province=True)
        province_code = found_row.region_code[:2] if found_row is not None else ""
        province = by_province.get(province_code)
    top, bottom = slice_extremes(part=part, count=TOP)
    return Distribution(
        indicator=indicator,
        stats=stats,
        bins=slice_histogram(part=part, stats=stats),
        national=national,
        province=province,
        province_name=provinces.get(province_code, ""),
        province_medians=[(code, provinces.get(code, code), m, n) for code, (m, n) in sorted(by_province.items())],
        top=top,
        bottom=bottom,
        found=slice_position(part=part, row=found_row) if found_row is not None else None,
    )


def dashboard_get(
    *,
    year: int | None,
    kind: str,
    province: str = "",
    prefecture: str = "",
    county: str = "",
    periods: list[Period] | None = None,
    only: str | None = None,
) -> DashboardData:
    """The dashboard of one year and kind (the latest year with the most documents of that kind by default).

    With `only` (a headline's slug, for its table's export), that headline's ranking alone: no distributions and
    no finder, none of which an export writes."""
    periods = dashboard_periods() if periods is None else periods
    if year is None:
        year = default_year(periods, kind)
    provinces = _province_names()
    place = provinces.get(province[:2], "") if province else ""
    if prefecture:
        place = Region.objects.filter(code=prefecture).values_list("name", flat=True).first() or place
    data = DashboardData(year, kind, province, prefecture, place, periods, [], None)
    if year is None:
        return data
    if only is not None:
        for headline in HEADLINES:
            if headline.slug == only:
                part = Slice(headline.chart[0], year, kind, province, prefecture)
                data.sections.append(Section(headline, part, ranking(part=part), []))
        return data
    first = HEADLINES[0].chart[0]
    if county:
        data.finder = _find(Slice(first, year, kind, province, prefecture), county)
    chosen = data.finder.chosen if data.finder else None
    found_rows: dict[str, StoredIndicator] = {}
    if chosen is not None:
        keys = [k for h in HEADLINES for k in h.chart]
        found_rows = {r.indicator: r for r in StoredIndicator.objects.filter(disclosure=chosen, indicator__in=keys)}
    for headline in HEADLINES:
        distributions = []
        for key in headline.chart:
            distribution = _distribution(Slice(key, year, kind, province, prefecture), provinces, found_rows.get(key))
            distributions.append(distribution)
            if distribution.found is not None:
                data.finder.positions[key] = distribution.found
        part = Slice(headline.chart[0], year, kind, province, prefecture)
        data.sections.append(Section(headline, part, ranking(part=part), distributions))
    return data
