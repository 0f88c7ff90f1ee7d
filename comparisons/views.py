"""The comparison pages: dashboard (home), compare, bureau, search.

Views parse the request, call one selector from pages/ and render; tables come from tables.py, charts from
charts.py. Every table is sortable, paginated and exported as CSV/XLSX with the columns shown (django-tables2
ExportMixin; the dashboard, with three tables on one page, names the table to export with `_table`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin, TableExport

from disclosures.models import Bureau, Disclosure

from . import charts
from .exports import SafeTableExport
from .filters import CompareFilter
from .forms import DashboardForm
from .indicators import BY_KEY, REGISTRY
from .pages import (
    Distribution,
    Headline,
    bureau_candidates,
    bureau_get_overview,
    bureau_search,
    compare_rows,
    dashboard_get,
    dashboard_periods,
    dashboard_regions,
    default_year,
    headline_indicators,
)
from .params import parse_id
from .selectors import disclosure_list_current, indicator_values_each
from .selectors.rankings import ranking_exported, ranks_set
from .tables import BureauSearchTable, CountedPaginator, IndicatorRowTable, RankedTable

EXPORT_FORMATS = (TableExport.CSV, TableExport.XLSX)
PER_PAGE = 25


def export_links(request: HttpRequest, **extra: str) -> list[tuple[str, str]]:
    """(format, query string) for each download link, keeping the filters and the sort of the page."""
    links = []
    for fmt in EXPORT_FORMATS:
        params = request.GET.copy()
        params["_export"] = fmt
        for key, value in extra.items():
            params[key] = value
        links.append((fmt.upper(), "?" + params.urlencode()))
    return links


# --- dashboard ---


@dataclass
class Panel:
    """One indicator of a headline: its distribution chart, medians, top and bottom."""

    distribution: Distribution
    chart: charts.Chart | None


@dataclass
class Section:
    headline: Headline
    panels: list[Panel]
    table: RankedTable
    export_links: list[tuple[str, str]]


class DashboardView(TemplateView):
    """For one year and kind: each headline indicator as a distribution with its medians, its top and bottom, a
    ranked paginated table (exported whole as CSV/XLSX), and a county finder. Never one bar per bureau."""

    template_name = "comparisons/dashboard.html"

    def get(self, request, *args, **kwargs):
        periods = dashboard_periods()
        # A prefecture alone (a link from elsewhere) implies its province.
        province = request.GET.get("province", "")[:6] or request.GET.get("prefecture", "")[:2]
        regions = dashboard_regions(province=province)
        # The form shows the year and kind on display: where the query names none, the defaults.
        params = request.GET.copy()
        kind = params.get("kind") if params.get("kind") in Disclosure.Kind.values else Disclosure.Kind.BUDGET
        params.setdefault("kind", kind)
        if not params.get("year"):
            params["year"] = str(default_year(periods, kind) or "")
        form = DashboardForm(
            params,
            years=sorted({p.year for p in periods}, reverse=True),
            provinces=regions["provinces"],
            prefectures=regions["prefectures"],
        )
        wanted = request.GET.get("_export")
        exporting = SafeTableExport.is_valid_format(wanted)
        data = dashboard_get(
            year=form.value("year"),
            kind=form.value("kind") or Disclosure.Kind.BUDGET,
            province=form.value("province") or "",
            prefecture=form.value("prefecture") or "",
            county=(form.value("county") or "").strip(),
            periods=periods,
            provinces=regions["provinces"],
            only=request.GET.get("_table", "") if exporting else None,
        )
        if exporting:
            return self.export(data, wanted)
        found = data.finder.chosen.pk if data.finder and data.finder.chosen else None
        sections = [self.section(s, found, data) for s in data.sections]
        if found:
            for section in sections:
                position = data.finder.positions.get(section.headline.chart[0])
                if position is not None:
                    params = request.GET.copy()
                    params[f"{section.headline.slug}-page"] = str(position.before // PER_PAGE + 1)
                    params.pop(f"{section.headline.slug}-sort", None)
                    # Every value of the section is a column of its table, on the county's row of that page.
                    for key in section.headline.chart:
                        data.finder.links[key] = f"?{params.urlencode()}#table-{section.headline.slug}"
        pages = [(s, [row.record for row in s.table.page.object_list]) for s in sections if s.table.page is not None]
        _attach_values(pages)
        for section, rows in pages:
            ranks_set(rows=rows, values=data.values[section.table.part.indicator])
        context = self.get_context_data(form=form, data=data, sections=sections)
        return self.render_to_response(context)

    def export(self, data, wanted: str):
        """One headline's table, whole, in the reader's sort: the rows read as plain values (ranking_exported),
        written by a table of the same columns."""
        if not data.sections:
            raise Http404
        section = data.sections[0]
        headline = section.headline
        sorted_rows = self.table(section.ranking, headline, data)
        RequestConfig(self.request, paginate=False).configure(sorted_rows)
        rows = ranking_exported(
            rows=sorted_rows.data.data,
            part=section.part,
            keys=headline.columns,
            detailed={d.indicator for d in headline.present_details},
        )
        exporter = SafeTableExport(export_format=wanted, table=self.table(rows, headline, data, order_by=()))
        return exporter.response(filename=f"{headline.slug}.{wanted}")

    @staticmethod
    def table(rows, headline, data, **kwargs) -> RankedTable:
        return RankedTable(
            rows,
            indicators=headline.indicators,
            details=headline.present_details,
            caption=_("%(title)s：%(period)s排名") % {"title": headline.title, "period": data.period_label},
            prefix=f"{headline.slug}-",
            table_id=f"table-{headline.slug}",
            ranked_by=headline.chart[0],
            **kwargs,
        )

    def section(self, section, found: int | None, data) -> Section:
        headline = section.headline
        table = self.table(section.ranking, headline, data, found=found)
        table.headline_keys = list(headline.columns)
        table.part = section.part
        paginate = {"per_page": PER_PAGE}
        if section.count is not None:  # known from the statistics: no COUNT query
            paginate |= {"paginator_class": CountedPaginator, "count": section.count}
        RequestConfig(self.request, paginate=paginate).configure(table)
        label = data.finder.chosen.bureau.region.name if found else ""
        panels = [
            Panel(d, charts.distribution_chart(chart_id=f"chart-{d.indicator.key}", distribution=d, found_label=label))
            for d in section.distributions
        ]
        return Section(headline, panels, table, export_links(self.request, _table=headline.slug))


def _attach_values(pages: list[tuple[Section, list]]) -> None:
    """The values of each table's columns, for the rows of its page: one query for every table of the page."""
    found = indicator_values_each(
        wanted=[({r.disclosure_id for r in rows}, section.table.headline_keys) for section, rows in pages]
    )
    for (_section, rows), values in zip(pages, found, strict=True):
        for row in rows:
            row.values = values[row.disclosure_id]


# --- compare ---


class CompareView(ExportMixin, SingleTableMixin, FilterView):
    """Two or more bureaus side by side, any indicators; grouped bars, and lines where a bureau has several years."""

    filterset_class = CompareFilter
    template_name = "comparisons/compare.html"
    table_class = IndicatorRowTable
    table_pagination = {"per_page": 50}
    export_formats = EXPORT_FORMATS
    export_class = SafeTableExport
    export_name = "compare"

    def get_queryset(self):
        return disclosure_list_current()

    def get(self, request, *args, **kwargs):
        self.candidates = []
        added = request.GET.get("add", "").strip()[:32]
        if added:
            self.candidates = bureau_candidates(query=added)
            if len(self.candidates) == 1:
                return redirect(self.adding(self.candidates[0]))
        return super().get(request, *args, **kwargs)

    def adding(self, bureau: Bureau) -> str:
        """This page with one more bureau chosen and the search box emptied."""
        params = self.request.GET.copy()
        params.pop("add", None)
        if str(bureau.pk) not in params.getlist("bureau"):
            params.appendlist("bureau", str(bureau.pk))
        return f"{self.request.path}?{params.urlencode()}"

    def indicators(self):
        keys = self.filterset.chosen_indicator_keys
        return [BY_KEY[k] for k in keys if k in BY_KEY] or headline_indicators()

    def get_table_data(self):
        if not hasattr(self, "_rows"):
            chosen = self.filterset.chosen_bureaus
            keys = [i.key for i in self.indicators()]
            self._rows = compare_rows(documents=self.object_list, bureaus=chosen, keys=keys) if chosen else []
        return self._rows

    def get_table_kwargs(self):
        return {"indicators": self.indicators(), "caption": _("所选单位的指标"), "table_id": "table-compare"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.get_table_data()
        indicators = self.indicators()
        context["indicators"] = indicators
        context["too_few"] = len(self.filterset.chosen_bureaus) < 2
        context["charts"] = [
            c
            for i in indicators
            if (c := charts.grouped_chart(chart_id=f"chart-{i.key}", rows=rows, indicator=i)) is not None
        ]
        context["series"] = [
            c
            for i in indicators
            if (c := charts.time_series_chart(chart_id=f"series-{i.key}", rows=rows, indicators=[i], by_bureau=True))
            is not None
        ]
        context["export_links"] = export_links(self.request)
        context["candidates"] = [(b, self.adding(b)) for b in self.candidates]
        context["added"] = self.request.GET.get("add", "").strip()[:32]
        return context


# --- bureau ---


class BureauView(ExportMixin, SingleTableMixin, TemplateView):
    """A bureau: every document over the years, its indicators over time, spending by functional class, checks."""

    template_name = "comparisons/bureau.html"
    table_class = IndicatorRowTable
    table_pagination = {"per_page": 50}
    export_formats = EXPORT_FORMATS
    export_class = SafeTableExport

    def get(self, request, *args, **kwargs):
        document = parse_id(request.GET.get("document"))
        merged_into = Bureau.objects.filter(pk=kwargs["pk"]).values_list("merged_into", flat=True).first()
        if merged_into:  # a bureau staff merged into another: its page is the other's
            return redirect("comparisons:bureau_detail", pk=merged_into, permanent=True)
        try:
            self.overview = bureau_get_overview(pk=kwargs["pk"], document_id=document)
        except Bureau.DoesNotExist as exc:
            raise Http404 from exc
        return super().get(request, *args, **kwargs)

    def get_export_filename(self, export_format):
        return f"bureau-{self.overview.bureau.pk}.{export_format}"

    def get_table_data(self):
        return self.overview.rows

    def get_table_kwargs(self):
        # Its id: the profile's trend charts name this table as where their numbers are.
        return {
            "indicators": list(REGISTRY),
            "caption": _("历年指标"),
            "order_by": ("year", "kind"),
            "table_id": "indicator-table",
            "page_hides": ("bureau", "region", "code"),  # one bureau: its name is the page's title
            # Every indicator side by side: short headings (the full names as their titles) so it fits 1366 px.
            "short_headings": True,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overview = self.overview
        profiled = [item.indicator for item in overview.profile.items] if overview.profile else []
        context |= {
            "o": overview,
            "bureau": overview.bureau,
            "trends": charts.trend_charts(
                rows=overview.rows, indicators=profiled, medians=overview.profile.medians if overview.profile else {}
            ),
            "treemap": charts.functional_chart(chart_id="functional", items=overview.functional),
            "export_links": export_links(self.request),
        }
        return context


# --- search ---


class SearchView(ExportMixin, SingleTableMixin, TemplateView):
    """Bureaus by county, prefecture or province name, region code or bureau name (?q=)."""

    template_name = "comparisons/search.html"
    table_class = BureauSearchTable
    table_pagination = {"per_page": PER_PAGE}
    export_formats = EXPORT_FORMATS
    export_class = SafeTableExport
    export_name = "search"

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "").strip()[:64]
        self.result = bureau_search(query=self.query)
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        return self.result.bureaus

    def get_table_kwargs(self):
        return {"caption": _("找到的单位")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {"q": self.query, "result": self.result, "export_links": export_links(self.request)}
        return context


dashboard = DashboardView.as_view()
compare = CompareView.as_view()
bureau_detail = BureauView.as_view()
search = SearchView.as_view()
