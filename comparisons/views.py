"""The comparison pages: dashboard (home), compare, bureau, search.

Views parse the request, call one selector from pages/ and render; tables come from tables.py, charts from
charts.py. Every table is sortable, paginated and exported as CSV/XLSX with the columns shown (django-tables2
ExportMixin; the dashboard, with three tables on one page, names the table to export with `_table`).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from disclosures.models import Bureau, Disclosure

from . import charts
from .exports import EXPORT_FORMATS, SafeTableExport, export_links
from .filters import CompareFilter
from .forms import DashboardForm
from .indicators import BY_KEY, REGISTRY
from .pages import (
    bureau_candidates,
    bureau_get_overview,
    bureau_search,
    compare_bar_years,
    compare_rows,
    dashboard_periods,
    dashboard_regions,
    default_year,
    headline_indicators,
)
from .pages.dashboard_page import dashboard_export, dashboard_page
from .params import parse_id
from .selectors import disclosure_list_current
from .selectors.bands import band_from
from .tables import PER_PAGE, BureauSearchTable, IndicatorRowTable

# --- dashboard ---


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
        year, kind = form.value("year"), form.value("kind") or Disclosure.Kind.BUDGET
        province, prefecture = form.value("province") or "", form.value("prefecture") or ""
        band = band_from(form.value("band"))
        wanted = request.GET.get("_export")
        if SafeTableExport.is_valid_format(wanted):
            response = dashboard_export(
                request=request,
                export_format=wanted,
                table=request.GET.get("_table", ""),
                year=year,
                kind=kind,
                province=province,
                prefecture=prefecture,
                band=band,
                periods=periods,
                provinces=regions["provinces"],
            )
            if response is None:  # no such table, or no year
                raise Http404
            return response
        page = dashboard_page(
            request=request,
            year=year,
            kind=kind,
            province=province,
            prefecture=prefecture,
            band=band,
            county=(form.value("county") or "").strip(),
            periods=periods,
            provinces=regions["provinces"],
        )
        return self.render_to_response(self.get_context_data(form=form, data=page.data, sections=page.sections))


# --- compare ---


class CompareView(ExportMixin, SingleTableMixin, FilterView):
    """Two or more bureaus side by side, any indicators; bars of one year and kind each, and lines where a bureau has
    several years."""

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
        chosen = self.filterset.chosen_bureaus
        year = self.filterset.chosen_year
        context["bar_years"] = [
            (
                bars,
                [
                    c
                    for i in indicators
                    if (c := charts.bar_chart(chart_id=f"chart-{i.key}-{bars.kind}", bars=bars, indicator=i))
                    is not None
                ],
            )
            for bars in compare_bar_years(rows=rows, bureaus=chosen, year=year)
        ]
        # The year select offers the chosen units' years (and the one asked for, had none of them that year).
        years = sorted({r.disclosure.fiscal_year for r in rows} | ({year} if year else set()), reverse=True)
        widget = self.filterset.form.fields["year"].widget
        widget.choices = [widget.choices[0], *((y, str(y)) for y in years)]
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
