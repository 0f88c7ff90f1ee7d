"""Reads for the dashboard (home page): one year and kind at a time, each headline indicator as a distribution with
its national and province medians, its top and bottom, a ranked paginated table, and a county finder.

Everything is read from the stored indicator values by the database (selectors/rankings.py): the number of queries
does not grow with the number of bureaus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from comparisons.indicators import BY_KEY, Indicator
from comparisons.models import StoredIndicator
from comparisons.selectors.bands import Band, band_documents
from comparisons.selectors.rankings import (
    Bin,
    Extreme,
    FenValues,
    Position,
    Slice,
    SliceStats,
    ranking,
    slice_rows,
    slices_extremes,
    slices_histogram,
    slices_medians,
    slices_positions,
    slices_stats,
    slices_values,
)
from comparisons.selectors.summaries import Summary, SummaryKey, summaries_get
from comparisons.services.slice_summaries import NATIONAL
from disclosures.models import Disclosure, Region
from disclosures.region_names import region_display_name

from .headlines import HEADLINE_KEYS, HEADLINES, Headline

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
    held = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code").values_list("code", "name")
    provinces = [(code, region_display_name(code, name)) for code, name in held]
    prefectures = []
    if province[:2].isdigit():
        prefectures = Region.objects.filter(level=Region.Level.PREFECTURE, code__startswith=province[:2])
        prefectures = list(prefectures.order_by("code").values_list("code", "name"))
    return {"provinces": provinces, "prefectures": prefectures}


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
    top: list[Extreme]
    bottom: list[Extreme]
    found: Position | None = None

    @property
    def extremes(self) -> list[tuple[str, list[Extreme]]]:
        """The lists shown, each under a heading that says what it holds. The bottom holds only units not in the
        top, listed as the top is (highest first, so the lowest is last) and numbered by rank; with no more units
        than the top shows, one list of them all."""
        if not self.bottom:
            return [(_("全部单位，从高到低"), self.top)]
        return [(_("最高"), self.top), (_lowest_heading(self.bottom), self.bottom)]


def _lowest_heading(bottom: list[Extreme]) -> str:
    """The lowest list's heading ("最低：第 2,846–2,850 名（最后一个最低）"): its ranks, which end is lowest."""
    first, last = bottom[0].rank, bottom[-1].rank
    if first == last:
        return str(_("最低：第 %(rank)s 名") % {"rank": f"{last:,}"})
    return str(_("最低：第 %(first)s–%(last)s 名（最后一个最低）") % {"first": f"{first:,}", "last": f"{last:,}"})


@dataclass
class Section:
    headline: Headline
    part: Slice  # the headline's first chart indicator over the year and kind: what the table ranks
    ranking: QuerySet[StoredIndicator]  # its rows
    distributions: list[Distribution]

    @property
    def count(self) -> int | None:
        """How many rows the ranking has, from the statistics of its indicator's distribution (None without)."""
        return next((d.stats.count for d in self.distributions if d.indicator.key == self.part.indicator), None)


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
    # Each panel's values in order (slices_values, or the whole country's slice summaries).
    values: dict[str, Sequence[Decimal]] = field(default_factory=dict)

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

    @property
    def ranked_among(self) -> int:
        """How many documents the ranks, medians and distributions are of: the chosen place's or size band's (its
        first panel's count), else the country's."""
        counts = [s.count for s in self.sections[:1] if s.count is not None]
        return counts[0] if counts and self.place else self.documents


def _province_names(provinces: list[tuple[str, str]] | None) -> dict[str, str]:
    """Each province's 2-digit prefix -> its name in the reader's language (`provinces` as dashboard_regions gives
    them, else read)."""
    if provinces is None:
        provinces = Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name")
    return {code[:2]: region_display_name(code, name) for code, name in provinces}


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


def _distributions(
    parts: list[Slice],
    provinces: dict[str, str],
    found_rows: dict[str, StoredIndicator],
    values: dict[str, Sequence[Decimal]],
    summaries: dict[SummaryKey, Summary],
    place: str = "",
) -> list[Distribution]:
    """The panels of these slices (the same year, kind and place, one indicator each), read together: a fixed number
    of queries for them all; `values` each slice's values in order, which rank the extremes; `summaries` the year
    and kind's national and provincial slice summaries (selectors.summaries), which are the whole country's panels
    (its statistics, histogram and medians) without reading its values again."""
    first = parts[0]
    period = (first.year, first.kind)
    national = {p.indicator: summaries.get((p.indicator, NATIONAL, *period)) for p in parts}
    filtered = first.chosen
    by_province: dict[str, dict[str, tuple[Decimal, int]]] = {p.indicator: {} for p in parts}
    if filtered:
        stats = slices_stats(parts=parts)
        own = {key: medians.get("") for key, medians in slices_medians(parts=parts).items()}
        bins = slices_histogram(parts=parts, stats=stats)
    else:
        stats = {
            key: SliceStats(s.count, s.present, s.low, s.high) if s else SliceStats(0, 0, None, None)
            for key, s in national.items()
        }
        bins = {key: s.bins if s else [] for key, s in national.items()}
        for (key, group, *_), summary in summaries.items():
            if group != NATIONAL and summary.median is not None and key in by_province:
                by_province[key][group] = (summary.median, summary.present)
    extremes = slices_extremes(parts=parts, count=TOP, values=values)
    positions = slices_positions(parts=parts, rows=found_rows, values=values)
    distributions = []
    for part in parts:
        key, found_row = part.indicator, found_rows.get(part.indicator)
        whole = national[key]
        if filtered:
            province_code, province = first.province[:2], own[key]
        else:
            province_code = found_row.region_code[:2] if found_row is not None else ""
            province = by_province[key].get(province_code)
        top, bottom = extremes[key]
        distributions.append(
            Distribution(
                indicator=BY_KEY[key],
                stats=stats[key],
                bins=bins[key],
                national=(whole.median, whole.present) if whole and whole.median is not None else None,
                province=province,
                # The group the filter chose, by its name (a prefecture, a size band), else the found county's
                # province.
                province_name=place if filtered and place else provinces.get(province_code, ""),
                province_medians=[
                    (code, provinces.get(code, code), m, n) for code, (m, n) in sorted(by_province[key].items())
                ],
                top=top,
                bottom=bottom,
                found=positions.get(key),
            )
        )
    return distributions


def dashboard_get(
    *,
    year: int | None,
    kind: str,
    province: str = "",
    prefecture: str = "",
    band: Band | None = None,
    county: str = "",
    periods: list[Period] | None = None,
    provinces: list[tuple[str, str]] | None = None,
    only: str | None = None,
) -> DashboardData:
    """The dashboard of one year and kind (the latest year with the most documents of that kind by default).

    With `only` (a headline's slug, for its table's export), that headline's ranking alone: no distributions and
    no finder, none of which an export writes. `periods` and `provinces` (code, name), when the caller has read
    them already."""
    periods = dashboard_periods() if periods is None else periods
    if year is None:
        year = default_year(periods, kind)
    provinces = _province_names(provinces)
    place = provinces.get(province[:2], "") if province else ""
    if prefecture:
        place = Region.objects.filter(code=prefecture).values_list("name", flat=True).first() or place
    if band is not None:
        place = f"{place} {band.label}" if place else band.label
    data = DashboardData(year, kind, province, prefecture, place, periods, [], None)
    if year is None:
        return data
    # The peers of a size band: their documents read once (one query), every slice then kept to them.
    documents = tuple(band_documents(year=year, kind=kind, band=band)) if band is not None else None

    def of(key: str) -> Slice:
        return Slice(key, year, kind, province, prefecture, documents)

    if only is not None:
        for headline in HEADLINES:
            if headline.slug == only:
                part = of(headline.chart[0])
                data.sections.append(Section(headline, part, ranking(part=part), []))
        return data
    first = HEADLINES[0].chart[0]
    if county:
        data.finder = _find(of(first), county)
    chosen = data.finder.chosen if data.finder else None
    found_rows: dict[str, StoredIndicator] = {}
    if chosen is not None:
        keys = [k for h in HEADLINES for k in h.chart]
        # What a position is counted by (its value and region code), not the JSON columns of each row.
        rows = StoredIndicator.objects.filter(disclosure=chosen, indicator__in=keys)
        found_rows = {r.indicator: r for r in rows.only("indicator", "value", "region_code")}
    parts = [of(key) for key in HEADLINE_KEYS]
    # The whole country's panels from the slice summaries (with each province's, where no place is chosen: its
    # medians); a chosen place's from its own values.
    filtered = parts[0].chosen
    groups = [] if filtered else list(provinces)
    summaries = summaries_get(periods=[(year, kind)], groups=groups, keys=HEADLINE_KEYS, values=not filtered)
    # Every panel's values in order, read once: they rank the panels' extremes and the rows of the tables' pages
    # (each table ranks by its headline's first panel).
    if filtered:
        data.values = slices_values(parts=parts)
    else:
        empty = FenValues([])
        data.values = {
            key: getattr(summaries.get((key, NATIONAL, year, kind)), "values", empty) for key in HEADLINE_KEYS
        }
    distributions = _distributions(parts, provinces, found_rows, data.values, summaries, place)
    distributions = {d.indicator.key: d for d in distributions}
    for headline in HEADLINES:
        for key in headline.chart:
            if distributions[key].found is not None:
                data.finder.positions[key] = distributions[key].found
        part = of(headline.chart[0])
        data.sections.append(Section(headline, part, ranking(part=part), [distributions[k] for k in headline.chart]))
    return data
