"""Chart specifications as plain data (dicts and lists) for plotly.js, handed to the page as JSON.

No plotly figure objects are built per request: a spec is the `data` and `layout` plotly.js takes, and the partial
plotly.js bundle in static/vendor/plotly/ (bar and scatter traces) draws it. Every chart's numbers are also in a
table on the same page; the chart's text alternative names that table. Values are drawn from the Decimals the tables
show (converted to float only for drawing); labels and hover texts are the table's own formatted strings. A missing
value draws no bar (never 0): it is listed instead. Budgets and final accounts are never in one series, and a
bar chart holds one year and kind.

The dashboard never draws one bar per bureau: for a year and kind it draws the distribution (how many bureaus per
range of values) with the national and province medians; bars per bureau are for the compare page (MAX_BARS).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from disclosures.code_names import code_with_name
from disclosures.links import document_url_pattern
from disclosures.models import Bureau

from .formatting import display_unit, enumerated, labelled, number, show, with_unit
from .indicators import Indicator
from .pages import BarYear, Distribution, FunctionalItem
from .selectors import IndicatorRow
from .vocabulary import Unit

COLORS = ("#0b5cad", "#d9822b", "#2e8540", "#8e44ad", "#a3161b", "#5b6475")
FONT = {"family": 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'}
MAX_BARS = 30  # bureaus in one bar chart; more are a table and a distribution, not a chart of bars


@dataclass
class Chart:
    """A plotly.js figure as plain data, and what a screen reader is told instead."""

    id: str
    figure: dict
    summary: str  # the text alternative: what is drawn and where its numbers are
    medians: list[str] = field(default_factory=list)
    # Where the values the medians are taken from are listed, each linked to its document (the dashboard's table).
    medians_listed: str = ""
    not_drawn: list[str] = field(default_factory=list)
    title: str = ""  # a heading above it, where the page has none of its own (the compare page's charts)

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


def _figure(data: list[dict], height: int, **layout) -> dict:
    base = {
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 40, "b": 40},
        "font": FONT,
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "plot_bgcolor": "#fff",
        "xaxis": {"gridcolor": "#e4e8ef", "zerolinecolor": "#5b6475", "automargin": True},
        "yaxis": {"gridcolor": "#e4e8ef", "zerolinecolor": "#5b6475", "automargin": True},
    }
    for key, value in layout.items():
        base[key] = base[key] | value if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return {"data": data, "layout": base}


# A bar's label on a phone, in the width of Chinese characters (a Latin letter or digit is half as wide).
SHORT_LABEL = 14


def _width(text: str) -> int:
    return sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in text)


def _short_code_label(code: str, name: str) -> str:
    """A code with as much of its name as SHORT_LABEL leaves beside it ("2101202 财政对城乡…", "Government s…
    (2101202)"), the name cut with "…"."""
    room = 2 * (SHORT_LABEL - len(code) - 1)
    if _width(name) > room:
        cut = ""
        for c in name:
            if _width(cut + c) > room - 2:
                break
            cut += c
        name = cut.rstrip() + "…"
    return code_with_name(code, name)


def _float(value: Decimal, unit: str) -> float:
    return float(number(value, unit))


def _bureau_label(row: IndicatorRow) -> str:
    bureau = row.disclosure.bureau
    # Two publishers in one county (the bureau and its insurance agency) must not share a bar or a line.
    if bureau.kind == Bureau.Kind.BUREAU:
        return bureau.region.name
    return with_unit(bureau.region.name, bureau.get_kind_display())


def _bureau_labels(rows: list[IndicatorRow]) -> dict[int, str]:
    """Each row's bureau label by document id, worked out once per bureau (a chart asks for it on every bar)."""
    by_bureau: dict[int, str] = {}
    labels = {}
    for row in rows:
        bureau_id = row.disclosure.bureau_id
        if bureau_id not in by_bureau:
            by_bureau[bureau_id] = _bureau_label(row)
        labels[row.disclosure.pk] = by_bureau[bureau_id]
    return labels


class _Units(dict):
    """Each unit's words once per chart (display_unit is a translation lookup; a compare chart has hundreds of
    bars)."""

    def __missing__(self, unit: str) -> str:
        words = self[unit] = display_unit(unit)
        return words


# --- the dashboard: a distribution per indicator ---


def _vline(x: float, color: str, dash: str, label: str, row: int, anchor: str = "left") -> tuple[dict, dict]:
    shape = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "width": 2, "dash": dash},
    }
    note = {
        "x": x,
        "xref": "x",
        "y": 1 - 0.09 * row,
        "yref": "paper",
        "text": label,
        "showarrow": False,
        "xanchor": anchor,
        "font": {"color": color, "size": 12},
        "bgcolor": "rgba(255,255,255,0.8)",
    }
    return shape, note


def _count_step(most: int) -> int:
    """Whole-number ticks for a count axis: 1, 2, 5, 10, 20, 50 … so that there are at most about eight."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if most / step <= 8:
                return step
        power *= 10


def distribution_chart(
    *, chart_id: str, distribution: Distribution, found_label: str = "", listed: str = ""
) -> Chart | None:
    """Bars of how many bureaus fall in each range of values, with the national and province medians (and the found
    county) as vertical lines. One bar per range, never one per bureau."""
    indicator, stats = distribution.indicator, distribution.stats
    unit = display_unit(indicator.unit)
    if not distribution.bins:
        return Chart(id=chart_id, figure={}, summary="")
    bars = _histogram_bars(distribution, unit)
    lines, medians = _median_lines(distribution, unit, found_label)
    xs = [_float(value, indicator.unit) for value, *_rest in lines]
    x_range = _x_range(distribution, xs)
    shapes, notes = [], []
    for index, (x, (_value, color, dash, label)) in enumerate(zip(xs, lines, strict=True), start=1):
        # A label right of its line, or left of it in the right part of the chart, where it would run off the edge.
        anchor = "right" if x - x_range[0] > 0.55 * (x_range[1] - x_range[0]) else "left"
        shape, note = _vline(x, color, dash, label, index, anchor)
        shapes.append(shape)
        notes.append(note)
    figure = _figure(
        [bars],
        height=300,
        bargap=0,
        shapes=shapes,
        annotations=notes,
        margin={"t": 30},
        xaxis={"title": {"text": unit}, "range": x_range, "autorange": False},
        yaxis={
            "title": {"text": _("单位数")},
            "rangemode": "tozero",
            "tickformat": ",d",
            "dtick": _count_step(max(bars["y"])),
        },
    )
    summary = ngettext(
        "直方图：%(name)s在 %(n)s 个单位中的分布（每根柱为一个数值区间内的单位数），虚线为中位数；各单位的数字见下表。",
        "直方图：%(name)s在 %(n)s 个单位中的分布（每根柱为一个数值区间内的单位数），虚线为中位数；各单位的数字见下表。",
        stats.present,
    ) % {"name": indicator.name, "n": stats.present}
    return Chart(id=chart_id, figure=figure, summary=summary, medians=medians, medians_listed=listed)


def _x_range(distribution: Distribution, lines: list[float]) -> list[float]:
    """The x axis from the first bin to the last and every vertical line, with half a bin's width to spare at each
    end: the bars at the ends are drawn whole, clear of the axis's edges (plotly's own range for bars of set widths
    ends at the bins' ends, or around the bars' centres when there is one)."""
    unit = distribution.indicator.unit
    first, last = distribution.bins[0], distribution.bins[-1]
    low, high = _float(first.low, unit), _float(last.high, unit)
    half = (_float(first.high, unit) - low) / 2
    return [min(low, *lines) - half, max(high, *lines) + half]


def _histogram_bars(distribution: Distribution, unit: str) -> dict:
    """One bar per range of values, as wide as its range, its hover text the range and the count."""
    indicator = distribution.indicator
    xs, ys, widths, texts = [], [], [], []
    hovers: dict[int, str] = {}  # translated once per count, not per bar
    for b in distribution.bins:
        low, high = _float(b.low, indicator.unit), _float(b.high, indicator.unit)
        xs.append((low + high) / 2)
        widths.append((high - low) * 0.96)
        ys.append(b.count)
        shown = {"low": show(b.low, indicator.unit), "high": show(b.high, indicator.unit)}
        if b.count not in hovers:
            hovers[b.count] = ngettext(
                "%(low)s–%(high)s %(unit)s：%(n)s 个单位", "%(low)s–%(high)s %(unit)s：%(n)s 个单位", b.count
            )
        texts.append(hovers[b.count] % {**shown, "unit": unit, "n": b.count})
    return {
        "type": "bar",
        "x": xs,
        "y": ys,
        "width": widths,
        "marker": {"color": "#9fbfe0", "line": {"color": COLORS[0], "width": 1}},
        "hovertext": texts,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "name": _("单位数"),
        "showlegend": False,
    }


def _median_lines(
    distribution: Distribution, unit: str, found_label: str
) -> tuple[list[tuple[Decimal, str, str, str]], list[str]]:
    """The vertical lines (value, colour, dash, label) of the medians and the found county, and the medians' words."""
    indicator = distribution.indicator
    medians: list[str] = []
    lines = []
    if distribution.national is not None:
        value, n = distribution.national
        lines.append((value, COLORS[0], "dash", _("全国中位数 %(v)s") % {"v": show(value, indicator.unit)}))
        medians.append(
            ngettext(
                "全国中位数 %(value)s %(unit)s（%(n)s 个单位）", "全国中位数 %(value)s %(unit)s（%(n)s 个单位）", n
            )
            % {"value": show(value, indicator.unit), "unit": unit, "n": n}
        )
    if distribution.province is not None:
        value, n = distribution.province
        name = distribution.province_name or _("所选地区")
        lines.append(
            (value, COLORS[1], "dot", _("%(place)s中位数 %(v)s") % {"place": name, "v": show(value, indicator.unit)})
        )
        medians.append(
            ngettext(
                "%(place)s中位数 %(value)s %(unit)s（%(n)s 个单位）",
                "%(place)s中位数 %(value)s %(unit)s（%(n)s 个单位）",
                n,
            )
            % {"place": name, "value": show(value, indicator.unit), "unit": unit, "n": n}
        )
    found = distribution.found
    if found is not None and found.value is not None:
        lines.append((found.value, COLORS[4], "solid", f"{found_label} {show(found.value, indicator.unit)}"))
    return lines, medians


# --- the compare page: the chosen bureaus ---


def bar_chart(*, chart_id: str, bars: BarYear, indicator: Indicator) -> Chart | None:
    """Compare page: one bar per chosen unit, all of one year and kind (`bars`: compare_bar_years), named in the
    title, the legend and every bar's hover text. Never a budget beside a final account, nor two years side by side:
    the line charts show the years."""
    if bars.group is None or not bars.rows:
        return None
    period = bars.group.label
    title = labelled(with_unit(indicator.name, display_unit(indicator.unit)), period)
    rows = bars.rows
    labels = _bureau_labels(rows)
    if len(set(labels.values())) > MAX_BARS:
        return Chart(
            id=chart_id,
            figure={},
            summary="",
            not_drawn=[_("所选单位超过 %(n)s 个，只列表格。") % {"n": MAX_BARS}],
            title=title,
        )
    # A unit with two documents of the year and kind (its department's and its own) has a bar for each, named.
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        counts[row.disclosure.bureau_id] += 1
    pattern = document_url_pattern()
    units = _Units()
    xs, ys, texts, custom, not_drawn = [], [], [], [], []
    for row in rows:
        label = labels[row.disclosure.pk]
        if counts[row.disclosure.bureau_id] > 1:
            label = with_unit(label, row.disclosure.kind_label)
        value = row.values.get(indicator.key)
        if value is None or value.missing:
            if value is not None:
                not_drawn.append(labelled(label, value.missing_reason))
            continue
        shown = show(value.value, value.unit)
        xs.append(label)
        ys.append(_float(value.value, value.unit))
        texts.append(shown)
        custom.append([value.source_url(pattern), f"{shown} {units[value.unit]}"])
    if not xs:
        return Chart(id=chart_id, figure={}, summary="", not_drawn=not_drawn, title=title)
    trace = {
        "type": "bar",
        "x": xs,
        "y": ys,
        "name": period,
        "showlegend": True,  # the year and kind, said on the chart itself, even with one trace
        "marker": {"color": COLORS[0] if bars.group.kind == "budget" else COLORS[1]},
        "text": texts,
        "textposition": "auto",
        "customdata": custom,
        "hovertemplate": "%{x} " + period + "<br>%{customdata[1]}<extra></extra>",
    }
    figure = _figure(
        [trace],
        height=360,
        xaxis={"categoryorder": "array", "categoryarray": xs},
        yaxis={"title": {"text": display_unit(indicator.unit)}, "rangemode": "tozero"},
    )
    summary = _("条形图：%(name)s，%(period)s，每个单位一条；数字见上表。") % {"name": indicator.name, "period": period}
    return Chart(id=chart_id, figure=figure, summary=summary, not_drawn=not_drawn, title=title)


def time_series_chart(
    *, chart_id: str, rows: list[IndicatorRow], indicators: list[Indicator], by_bureau: bool, height: int = 360
) -> Chart | None:
    """Lines over the years: one line per bureau (or per indicator) and kind; budgets and final accounts apart."""
    series: dict[tuple[str, str], list[tuple[int, IndicatorRow, Indicator]]] = defaultdict(list)
    labels = _bureau_labels(rows) if by_bureau else {}
    pattern = document_url_pattern()
    units = _Units()
    for row in rows:
        for indicator in indicators:
            value = row.values.get(indicator.key)
            if value is None or value.missing:
                continue
            name = labels[row.disclosure.pk] if by_bureau else indicator.name
            series[(name, row.disclosure.kind)].append((row.disclosure.fiscal_year, row, indicator))
    if not any(len({year for year, _r, _i in points}) > 1 for points in series.values()):
        return None
    if by_bureau and len({name for name, _kind in series}) > MAX_BARS:
        return None
    data = []
    for index, ((name, kind), points) in enumerate(sorted(series.items())):
        points.sort(key=lambda p: p[0])
        xs, ys, custom = [], [], []
        for year, row, indicator in points:
            value = row.values[indicator.key]
            shown = show(value.value, value.unit)
            xs.append(year)
            ys.append(_float(value.value, value.unit))
            custom.append([value.source_url(pattern), f"{shown} {units[value.unit]}"])
        kind_label = _("预算") if kind == "budget" else _("决算")
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines+markers",
                "name": f"{name} {kind_label}",
                "line": {"color": COLORS[index % len(COLORS)], "dash": "solid" if kind == "budget" else "dot"},
                "customdata": custom,
                "hovertemplate": "%{x}年 " + f"{name} {kind_label}" + "<br>%{customdata[1]}<extra></extra>",
            }
        )
    units = {display_unit(i.unit) for i in indicators}
    figure = _figure(
        data,
        height=height,
        xaxis={"dtick": 1, "tickformat": "d"},
        yaxis={"title": {"text": enumerated(sorted(units))}, "rangemode": "tozero"},
    )
    summary = _("折线图：%(names)s 逐年变化，预算为实线、决算为虚线；数字见下表。") % {
        "names": enumerated(i.name for i in indicators)
    }
    # On the compare page a chart of one indicator over the years is headed by it and its unit; the bureau page's
    # small multiples sit under their own headings.
    title = ""
    if by_bureau:
        title = labelled(with_unit(enumerated(i.name for i in indicators), enumerated(sorted(units))), _("逐年变化"))
    return Chart(id=chart_id, figure=figure, summary=summary, title=title)


# --- the bureau page: the profile's small multiples, one document's spending by functional class ---


def trend_charts(
    *, rows: list[IndicatorRow], indicators: list[Indicator], medians: dict[tuple[str, int, str], Decimal]
) -> dict[str, Chart | None]:
    """One small chart per indicator over the years (each on its own axis and unit), with the national median of
    each year and kind as a grey dashed line; None where fewer than two years have a value."""
    charts = {}
    for i in indicators:
        chart = time_series_chart(chart_id=f"trend-{i.key}", rows=rows, indicators=[i], by_bureau=False, height=240)
        if chart is not None:
            _add_medians(chart, i, medians)
        charts[i.key] = chart
    return charts


def _add_medians(chart: Chart, indicator: Indicator, medians: dict[tuple[str, int, str], Decimal]) -> None:
    for kind in ("budget", "final"):
        points = sorted((year, m) for (key, year, k), m in medians.items() if key == indicator.key and k == kind)
        if len(points) < 2:
            continue
        name = _("全国中位数（预算）") if kind == "budget" else _("全国中位数（决算）")
        shown = [f"{show(m, indicator.unit)} {display_unit(indicator.unit)}" for _year, m in points]
        chart.figure["data"].append(
            {
                "type": "scatter",
                "x": [year for year, _m in points],
                "y": [_float(m, indicator.unit) for _year, m in points],
                "mode": "lines",
                "name": str(name),
                "line": {"color": "#8a93a3", "dash": "dash", "width": 1.5},
                "customdata": shown,
                "hovertemplate": "%{x} " + str(name) + "<br>%{customdata}<extra></extra>",
            }
        )
        chart.medians = [_("灰色虚线为同一年度、同一类型全部单位的中位数。")]


def functional_chart(*, chart_id: str, items: list[FunctionalItem]) -> Chart | None:
    """Horizontal bars of the document's spending by 项 (7-digit functional code), largest on top; a 项 links to its
    line. Where the document lists no 项 under a 类 or 款, that class is drawn instead."""
    if not items:
        return None
    codes = {item.code for item in items}
    leaves = [i for i in items if not any(c != i.code and c.startswith(i.code) for c in codes)]
    leaves.sort(key=lambda i: i.value)
    names = [i.label for i in leaves]
    shown = [f"{show(i.value, Unit.MONEY)} {display_unit(Unit.MONEY)}" for i in leaves]
    bars = {
        "type": "bar",
        "orientation": "h",
        "x": [_float(i.value, Unit.MONEY) for i in leaves],
        "y": names,
        "text": shown,
        "textposition": "auto",
        "marker": {"color": COLORS[0]},
        "customdata": [[i.url, s] for i, s in zip(leaves, shown, strict=True)],
        "hovertemplate": "%{y}<br>%{customdata[1]}<extra></extra>",
    }
    figure = _figure(
        [bars],
        height=max(220, 60 + 28 * len(leaves)),
        margin={"l": 10, "r": 20, "t": 10, "b": 40},
        xaxis={"title": {"text": display_unit(Unit.MONEY)}, "rangemode": "tozero"},
    )
    # On a phone the full names would take the whole width from the bars: short ones (the table below has them).
    figure["narrow"] = {"data": [{"y": [_short_code_label(i.code, i.display_name) for i in leaves]}]}
    return Chart(id=chart_id, figure=figure, summary=_("条形图：按功能分类（项）的支出；数字见下表。"))
