"""The dashboard (home page) as shown: dashboard.py's reads shaped into what the template renders, each headline as
its panels (a distribution chart each), its ranked table configured from the request (sort, page) with the values
of its page's rows and their ranks, and its export links; the finder's links to the table page that shows the found
county's row. And a headline's table exported whole.

Not imported by pages/__init__.py: it builds tables.py's tables and charts.py's charts, which import from pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from comparisons import charts
from comparisons.exports import SafeTableExport, export_links
from comparisons.selectors import indicator_values_each
from comparisons.selectors.bands import Band
from comparisons.selectors.rankings import ranking_exported, ranks_set
from comparisons.tables import PER_PAGE, CountedPaginator, RankedTable

from .dashboard import DashboardData, Distribution, Period, Section, dashboard_get
from .headlines import Headline


@dataclass
class Panel:
    """One indicator of a headline: its distribution chart, medians, top and bottom."""

    distribution: Distribution
    chart: charts.Chart | None


@dataclass
class SectionShown:
    """A headline as the page shows it: its panels, its ranked table (one page of it) and its export links."""

    headline: Headline
    panels: list[Panel]
    table: RankedTable
    export_links: list[tuple[str, str]]


@dataclass
class DashboardPage:
    data: DashboardData
    sections: list[SectionShown]


def dashboard_page(
    *,
    request: HttpRequest,
    year: int | None,
    kind: str,
    province: str = "",
    prefecture: str = "",
    band: Band | None = None,
    county: str = "",
    periods: list[Period] | None = None,
    provinces: list[tuple[str, str]] | None = None,
) -> DashboardPage:
    """The dashboard of one year and kind, as shown. `request`: what its tables are sorted and paged by (its query
    string), which the finder's and the export links keep. `periods` and `provinces` as for dashboard_get."""
    data = dashboard_get(
        year=year,
        kind=kind,
        province=province,
        prefecture=prefecture,
        band=band,
        county=county,
        periods=periods,
        provinces=provinces,
    )
    found = data.finder.chosen.pk if data.finder and data.finder.chosen else None
    sections = [_section_shown(section, found=found, data=data, request=request) for section in data.sections]
    if found:
        for section in sections:
            position = data.finder.positions.get(section.headline.chart[0])
            if position is not None:
                params = request.GET.copy()
                params[f"{section.headline.slug}-page"] = str(position.before // PER_PAGE + 1)
                params.pop(f"{section.headline.slug}-sort", None)
                # Every value of the section is a column of its table, on the county's row of that page.
                for key in section.headline.chart:
                    data.finder.links[key] = f"?{params.urlencode()}#{section.headline.table_id}"
    pages = [(s, [row.record for row in s.table.page.object_list]) for s in sections if s.table.page is not None]
    _values_attach(pages)
    for section, rows in pages:
        ranks_set(rows=rows, values=data.values[section.table.part.indicator])
    return DashboardPage(data=data, sections=sections)


def dashboard_export(
    *,
    request: HttpRequest,
    export_format: str,
    table: str,
    year: int | None,
    kind: str,
    province: str = "",
    prefecture: str = "",
    band: Band | None = None,
    periods: list[Period] | None = None,
    provinces: list[tuple[str, str]] | None = None,
) -> HttpResponse | None:
    """One headline's table (`table`, its slug), whole, in the reader's sort (the request's query string): the rows
    read as plain values (ranking_exported), written by a table of the same columns. None when there is no such
    table (an unknown slug, or no year)."""
    data = dashboard_get(
        year=year,
        kind=kind,
        province=province,
        prefecture=prefecture,
        band=band,
        periods=periods,
        provinces=provinces,
        only=table,
    )
    if not data.sections:
        return None
    section = data.sections[0]
    headline = section.headline
    sorted_rows = _ranked_table(section.ranking, headline, data)
    RequestConfig(request, paginate=False).configure(sorted_rows)
    rows = ranking_exported(
        rows=sorted_rows.data.data,
        part=section.part,
        keys=headline.columns,
        detailed={d.indicator for d in headline.present_details},
    )
    exporter = SafeTableExport(export_format=export_format, table=_ranked_table(rows, headline, data, order_by=()))
    return exporter.response(filename=f"{headline.slug}.{export_format}")


def _ranked_table(rows, headline: Headline, data: DashboardData, **kwargs) -> RankedTable:
    return RankedTable(
        rows,
        indicators=headline.indicators,
        details=headline.present_details,
        caption=_("%(title)s：%(period)s排名") % {"title": headline.title, "period": data.period_label},
        prefix=f"{headline.slug}-",
        table_id=headline.table_id,
        ranked_by=headline.chart[0],
        **kwargs,
    )


def _section_shown(section: Section, *, found: int | None, data: DashboardData, request: HttpRequest) -> SectionShown:
    headline = section.headline
    table = _ranked_table(section.ranking, headline, data, found=found)
    table.headline_keys = list(headline.columns)
    table.part = section.part
    paginate = {"per_page": PER_PAGE}
    if section.count is not None:  # known from the statistics: no COUNT query
        paginate |= {"paginator_class": CountedPaginator, "count": section.count}
    RequestConfig(request, paginate=paginate).configure(table)
    label = data.finder.chosen.bureau.region.name if found else ""
    panels = [
        Panel(
            d,
            charts.distribution_chart(
                chart_id=f"chart-{d.indicator.key}", distribution=d, found_label=label, listed=table.anchor
            ),
        )
        for d in section.distributions
    ]
    return SectionShown(headline, panels, table, export_links(request, _table=headline.slug))


def _values_attach(pages: list[tuple[SectionShown, list]]) -> None:
    """The values of each table's columns, for the rows of its page: one query for every table of the page."""
    found = indicator_values_each(
        wanted=[({r.disclosure_id for r in rows}, section.table.headline_keys) for section, rows in pages]
    )
    for (_section, rows), values in zip(pages, found, strict=True):
        for row in rows:
            row.values = values[row.disclosure_id]
