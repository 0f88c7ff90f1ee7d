"""Reads for the dashboard (home page): its rows, its filter choices and the list of bureaus."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from comparisons.selectors import IndicatorRow, disclosure_latest_per_bureau, indicator_rows
from disclosures.models import Bureau, Disclosure, Region

from .groups import Group, groups_of

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
