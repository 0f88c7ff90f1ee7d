"""Plotly figures built in Python, handed to the page as JSON (plotly.js is served from static/).

Every chart's numbers are also in a table on the same page; the chart's text alternative names that table.
Values are drawn from the same Decimals the tables show (converted to float only for drawing); the labels and
hover texts are the table's own formatted strings. A missing value draws no bar (never 0): it is listed instead.
Budget and final-account figures are separate traces; different years are separate panels, each with its median.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from plotly.subplots import make_subplots

from disclosures.models import Bureau

from .formatting import display_unit, number, show
from .indicators import Indicator
from .pages import FunctionalItem, Group, groups_of, median, row_group
from .selectors import IndicatorRow

COLORS = ("#0b5cad", "#d9822b", "#2e8540", "#8e44ad", "#a3161b", "#5b6475")
FONT = {"family": 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'}


@dataclass
class Chart:
    """A figure as JSON for plotly.js, and what a screen reader is told instead."""

    id: str
    figure: dict
    summary: str  # the text alternative: what is drawn and where its numbers are
    medians: list[str] = field(default_factory=list)
    not_drawn: list[str] = field(default_factory=list)

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


def _json(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def _layout(fig: go.Figure, height: int, **kwargs) -> None:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 20, "t": 40, "b": 40},
        font=FONT,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        plot_bgcolor="#fff",
        **kwargs,
    )
    fig.update_xaxes(gridcolor="#e4e8ef", zerolinecolor="#5b6475", rangemode="tozero")
    fig.update_yaxes(automargin=True)


def _bureau_label(row: IndicatorRow) -> str:
    bureau = row.disclosure.bureau
    # Two publishers in one county (the bureau and its insurance agency) must not share a bar or a line.
    if bureau.kind == Bureau.Kind.BUREAU:
        return bureau.region.name
    return f"{bureau.region.name}（{bureau.get_kind_display()}）"


def _present(row: IndicatorRow, key: str) -> bool:
    value = row.values.get(key)
    return value is not None and not value.missing


def ranking_chart(
    *, chart_id: str, rows: list[IndicatorRow], indicators: list[Indicator], peers: str, caption_id: str
) -> Chart | None:
    """Horizontal bars, one panel per year and kind, a median line per measure and panel."""
    if not indicators or not rows:
        return None
    not_drawn: list[str] = []
    by_group: dict[Group, list[IndicatorRow]] = defaultdict(list)
    for row in rows:
        by_group[row_group(row)].append(row)
    first = indicators[0]
    drawable = {g: sum(any(_present(r, i.key) for i in indicators) for r in g_rows) for g, g_rows in by_group.items()}
    # A year and kind with nothing to draw gets no panel; its rows are listed as not drawn.
    groups = [g for g in groups_of(rows) if drawable[g]]
    for row in rows:
        if not drawable[row_group(row)]:
            for indicator in indicators:
                value = row.values.get(indicator.key)
                if value is not None and value.missing:
                    label = row_group(row).label
                    not_drawn.append(f"{_bureau_label(row)}（{label}，{indicator.name}）：{value.missing_reason}")
    if not groups:
        return Chart(id=chart_id, figure={}, summary="", not_drawn=not_drawn)
    heights = [drawable[g] for g in groups]
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.12, 0.3 / max(len(groups), 1)),
        row_heights=heights,
        subplot_titles=[g.label for g in groups],
    )
    medians = []
    unit = display_unit(first.unit)
    for g_index, group in enumerate(groups, start=1):
        group_rows = by_group[group]
        for row in group_rows:
            for indicator in indicators:
                value = row.values.get(indicator.key)
                if value is not None and value.missing:
                    not_drawn.append(f"{_bureau_label(row)}（{group.label}，{indicator.name}）：{value.missing_reason}")
        drawn = [r for r in group_rows if any(_present(r, i.key) for i in indicators)]
        # Largest on top: plotly draws the first category at the bottom.
        drawn.sort(key=lambda r, key=first.key: r.values[key].value if _present(r, key) else -1)
        for i_index, indicator in enumerate(indicators):
            names, values, texts, custom = [], [], [], []
            present = []
            for row in drawn:
                value = row.values.get(indicator.key)
                names.append(_bureau_label(row))
                if value is None or value.missing:
                    values.append(None)
                    texts.append("")
                    custom.append(["", ""])
                    continue
                shown = show(value.value, value.unit)
                values.append(float(number(value.value, value.unit)))
                texts.append(shown)
                url = next((s.url for s in value.sources if s.url), "")
                custom.append([url, f"{shown} {display_unit(value.unit)}"])
                present.append(value.value)
            color = COLORS[i_index % len(COLORS)]
            fig.add_trace(
                go.Bar(
                    x=values,
                    y=names,
                    orientation="h",
                    name=f"{indicator.name}（{display_unit(indicator.unit)}）",
                    legendgroup=indicator.key,
                    showlegend=g_index == 1 and len(indicators) > 1,
                    marker_color=color,
                    text=texts,
                    textposition="auto",
                    customdata=custom,
                    hovertemplate="%{y}<br>%{customdata[1]}<extra>" + indicator.name + "</extra>",
                ),
                row=g_index,
                col=1,
            )
            mid = median(present)
            if mid is not None:
                mid_text = show(mid, indicator.unit)
                fig.add_vline(
                    x=float(number(mid, indicator.unit)),
                    line_dash="dash",
                    line_color=color,
                    line_width=2,
                    row=g_index,
                    col=1,
                )
                medians.append(
                    _("%(group)s %(name)s中位数 %(value)s %(unit)s（%(peers)s，%(n)s 个单位）")
                    % {
                        "group": group.label,
                        "name": indicator.name,
                        "value": mid_text,
                        "unit": display_unit(indicator.unit),
                        "peers": peers,
                        "n": len(present),
                    }
                )
    total_bars = sum(heights) * max(len(indicators), 1)
    _layout(fig, height=max(220, 90 + 26 * total_bars + 50 * len(groups)), barmode="group", bargap=0.25)
    fig.update_xaxes(title_text=unit if len(indicators) == 1 else display_unit(first.unit), row=len(groups), col=1)
    summary = _("条形图：%(names)s，按年度和类型分组，虚线为中位数；图中数字见下表。") % {
        "names": "、".join(i.name for i in indicators)
    }
    return Chart(id=chart_id, figure=_json(fig), summary=summary, medians=medians, not_drawn=not_drawn)


def grouped_chart(*, chart_id: str, rows: list[IndicatorRow], indicator: Indicator) -> Chart | None:
    """Compare page: one group of bars per bureau, one bar per year and kind (never summed)."""
    if not rows:
        return None
    fig = go.Figure()
    not_drawn = []
    bureaus = list(dict.fromkeys(_bureau_label(r) for r in rows))
    for index, group in enumerate(groups_of(rows)):
        xs, ys, texts, custom = [], [], [], []
        for row in rows:
            if row_group(row) != group:
                continue
            value = row.values.get(indicator.key)
            if value is None or value.missing:
                if value is not None:
                    not_drawn.append(f"{_bureau_label(row)}（{group.label}）：{value.missing_reason}")
                continue
            shown = show(value.value, value.unit)
            xs.append(_bureau_label(row))
            ys.append(float(number(value.value, value.unit)))
            texts.append(shown)
            custom.append([next((s.url for s in value.sources if s.url), ""), f"{shown} {display_unit(value.unit)}"])
        if xs:
            fig.add_trace(
                go.Bar(
                    x=xs,
                    y=ys,
                    name=group.label,
                    marker_color=COLORS[index % len(COLORS)],
                    text=texts,
                    textposition="auto",
                    customdata=custom,
                    hovertemplate="%{x} " + group.label + "<br>%{customdata[1]}<extra></extra>",
                )
            )
    if not fig.data:
        return Chart(id=chart_id, figure={}, summary="", not_drawn=not_drawn)
    _layout(fig, height=360, barmode="group")
    fig.update_xaxes(categoryorder="array", categoryarray=bureaus, rangemode="normal")
    fig.update_yaxes(title_text=display_unit(indicator.unit), rangemode="tozero")
    summary = _("分组条形图：%(name)s，每个单位按年度和类型各一条；数字见下表。") % {"name": indicator.name}
    return Chart(id=chart_id, figure=_json(fig), summary=summary, not_drawn=not_drawn)


def time_series_chart(
    *, chart_id: str, rows: list[IndicatorRow], indicators: list[Indicator], by_bureau: bool
) -> Chart | None:
    """Lines over the years: one line per bureau (or per indicator) and kind; budgets and final accounts apart."""
    series: dict[tuple[str, str], list[tuple[int, IndicatorRow, Indicator]]] = defaultdict(list)
    for row in rows:
        for indicator in indicators:
            value = row.values.get(indicator.key)
            if value is None or value.missing:
                continue
            name = _bureau_label(row) if by_bureau else indicator.name
            series[(name, row.disclosure.kind)].append((row.disclosure.fiscal_year, row, indicator))
    if not any(len({year for year, _r, _i in points}) > 1 for points in series.values()):
        return None
    fig = go.Figure()
    for index, ((name, kind), points) in enumerate(sorted(series.items())):
        points.sort(key=lambda p: p[0])
        xs, ys, custom = [], [], []
        for year, row, indicator in points:
            value = row.values[indicator.key]
            shown = show(value.value, value.unit)
            xs.append(year)
            ys.append(float(number(value.value, value.unit)))
            custom.append([next((s.url for s in value.sources if s.url), ""), f"{shown} {display_unit(value.unit)}"])
        kind_label = _("预算") if kind == "budget" else _("决算")
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=f"{name} {kind_label}",
                line={"color": COLORS[index % len(COLORS)], "dash": "solid" if kind == "budget" else "dot"},
                customdata=custom,
                hovertemplate="%{x}年 " + f"{name} {kind_label}" + "<br>%{customdata[1]}<extra></extra>",
            )
        )
    _layout(fig, height=360)
    fig.update_xaxes(dtick=1, tickformat="d", rangemode="normal")
    units = {display_unit(i.unit) for i in indicators}
    fig.update_yaxes(title_text="、".join(sorted(units)), rangemode="tozero")
    summary = _("折线图：%(names)s 逐年变化，预算为实线、决算为虚线；数字见下表。") % {
        "names": "、".join(i.name for i in indicators)
    }
    return Chart(id=chart_id, figure=_json(fig), summary=summary)


def functional_chart(*, chart_id: str, items: list[FunctionalItem]) -> Chart | None:
    """A treemap of spending by functional class: 类 > 款 > 项, sized by the deepest level the document lists."""
    if not items:
        return None
    by_code = {item.code: item for item in items}
    ids, labels, parents, values, custom = [], [], [], [], []

    def parent_of(code: str) -> str:
        for length in (5, 3):
            if len(code) > length and code[:length] in by_code:
                return code[:length]
        return ""

    has_child = {parent_of(code) for code in by_code}
    for item in items:
        ids.append(item.code)
        labels.append(f"{item.code} {item.name}")
        parents.append(parent_of(item.code))
        # Leaves carry their amount; a parent adds what its listed children do not explain (never below 0).
        children = sum((c.value for c in items if parent_of(c.code) == item.code), start=0)
        own = item.value - children if item.code in has_child else item.value
        values.append(max(float(number(own, "元")), 0.0))
        custom.append([item.url, f"{show(item.value, '元')} 万元"])
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="remainder",
            customdata=custom,
            texttemplate="%{label}<br>%{customdata[1]}",
            hovertemplate="%{label}<br>%{customdata[1]}<extra></extra>",
        )
    )
    _layout(fig, height=460)
    fig.update_layout(margin={"l": 5, "r": 5, "t": 10, "b": 5})
    return Chart(id=chart_id, figure=_json(fig), summary=_("矩形树图：按功能分类的支出；数字见下表。"))
