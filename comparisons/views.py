"""The comparison pages: dashboard (home), compare, bureau, search.

Views parse the request, call one selector from pages/ and render; tables come from tables.py, charts from
charts.py. Every table is sortable, paginated and exported as CSV/XLSX with the columns shown (django-tables2
ExportMixin; the dashboard, with three tables on one page, names the table to export with `_table`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin, TableExport

from disclosures.models import Bureau

from . import charts
from .exports import SafeTableExport
from .filters import CompareFilter, DashboardFilter
from .indicators import BY_KEY, REGISTRY
from .pages import (
    HEADLINES,
    Headline,
    bureau_get_overview,
    bureau_list_for_dashboard,
    bureau_search,
    compare_rows,
    dashboard_get,
    headline_indicators,
)
from .params import parse_id
from .selectors import disclosure_list_current
from .tables import BureauSearchTable, IndicatorRowTable

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
class Section:
    headline: Headline
    table: IndicatorRowTable
    chart: charts.Chart | None
    export_links: list[tuple[str, str]]


class DashboardView(FilterView):
    """The three headline comparisons, each a chart and a table, for each bureau's latest document by default."""

    filterset_class = DashboardFilter
    template_name = "comparisons/dashboard.html"

    def get_queryset(self):
        return disclosure_list_current()

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        usable = not self.filterset.is_bound or self.filterset.is_valid()
        self.object_list = self.filterset.qs if usable else self.get_queryset().none()
        data = dashboard_get(documents=self.object_list, latest=self.filterset.latest_only, peers=self.filterset.peers)
        sections = [self.section(headline, data) for headline in HEADLINES]
        wanted = request.GET.get("_export")
        if SafeTableExport.is_valid_format(wanted):
            section = next((s for s in sections if s.headline.slug == request.GET.get("_table")), None)
            if section is None:
                raise Http404
            exporter = SafeTableExport(export_format=wanted, table=section.table)
            return exporter.response(filename=f"{section.headline.slug}.{wanted}")
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        context |= {"data": data, "sections": sections, "bureaus": bureau_list_for_dashboard()}
        return self.render_to_response(context)

    def section(self, headline: Headline, data) -> Section:
        first = headline.chart_indicators[0].key if headline.chart_indicators else None
        order = ("-year", "kind", f"-ind_{first}") if first else ("-year", "kind")
        table = IndicatorRowTable(
            data.rows,
            indicators=headline.indicators,
            details=headline.present_details,
            caption=str(headline.title),
            prefix=f"{headline.slug}-",
            order_by=order,
            table_id=f"table-{headline.slug}",
        )
        RequestConfig(self.request, paginate={"per_page": PER_PAGE}).configure(table)
        chart = charts.ranking_chart(
            chart_id=f"chart-{headline.slug}",
            rows=data.rows,
            indicators=headline.chart_indicators,
            peers=data.peers,
            caption_id=f"table-{headline.slug}",
        )
        return Section(headline, table, chart, export_links(self.request, _table=headline.slug))


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

    def indicators(self):
        keys = self.filterset.chosen_indicator_keys
        return [BY_KEY[k] for k in keys if k in BY_KEY] or headline_indicators()

    def get_table_data(self):
        if not hasattr(self, "_rows"):
            chosen = self.filterset.chosen_bureaus
            self._rows = compare_rows(documents=self.object_list) if chosen else []
        return self._rows

    def get_table_kwargs(self):
        return {"indicators": self.indicators(), "caption": _("所选单位的指标")}

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
        return {"indicators": list(REGISTRY), "caption": _("历年指标"), "order_by": ("year", "kind")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overview = self.overview
        money = [
            BY_KEY[k]
            for k in ("county_contribution", "medical_assistance", "running_costs", "administrative_operation")
            if k in BY_KEY
        ]
        context |= {
            "o": overview,
            "bureau": overview.bureau,
            "series": charts.time_series_chart(
                chart_id="series", rows=overview.rows, indicators=money, by_bureau=False
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
