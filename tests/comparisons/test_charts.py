"""Chart specs are plain data that plotly accepts: validated here with plotly's own figure schema (the pages never
build figure objects), and never one bar per bureau for more than MAX_BARS bureaus."""

import json
import re
from dataclasses import replace
from decimal import Decimal

import plotly.graph_objects as go
import pytest
from django.urls import reverse

from comparisons.charts import MAX_BARS, distribution_chart
from comparisons.indicators import BY_KEY
from comparisons.pages import Distribution
from comparisons.selectors.rankings import Bin, SliceStats, histogram_scale
from disclosures.models import Bureau, Region
from tests.factories import BudgetLineFactory, BureauFactory, store_indicators

from .pages_support import import_samples, make_bureaus

pytestmark = pytest.mark.django_db


def specs(html: str) -> dict[str, dict]:
    found = re.findall(r'<script id="([^"]+)-data" type="application/json">(.*?)</script>', html, flags=re.S)
    return {chart_id: json.loads(body) for chart_id, body in found}


def test_every_chart_on_every_page_is_a_valid_plotly_figure(client):
    import_samples()
    shunping, yanbian = Bureau.objects.get(region__code="130636"), Bureau.objects.get(region__code="510422")
    pages = ["/", "/?year=2022&kind=final", f"/compare/?bureau={shunping.pk}&bureau={yanbian.pk}"]
    pages += [reverse("comparisons:bureau_detail", args=[b.pk]) for b in Bureau.objects.all()]
    seen = 0
    for path in pages:
        for chart_id, spec in specs(client.get(path).content.decode()).items():
            go.Figure(spec)  # raises on a property plotly does not know
            assert all(trace["type"] in ("bar", "scatter") for trace in spec["data"]), chart_id  # the partial bundle
            seen += 1
    assert seen >= 8


def test_the_compare_page_charts_bars_for_a_few_bureaus_only(client):
    documents = make_bureaus(MAX_BARS + 1)
    bureaus = sorted({d.bureau_id for d in documents})
    html = client.get(
        reverse("comparisons:compare"), {"bureau": bureaus, "indicator": ["county_contribution"]}
    ).content.decode()
    assert "chart-county_contribution-budget-data" not in html
    assert f"所选单位超过 {MAX_BARS} 个" in html
    html = client.get(
        reverse("comparisons:compare"), {"bureau": bureaus[:3], "indicator": ["county_contribution"]}
    ).content.decode()
    [bars] = specs(html)["chart-county_contribution-budget"]["data"]
    assert len(bars["x"]) == 3


# --- the dashboard's distributions when a panel has few values: what the reader sees in the drawn spec ---


def _assistance(totals: list[str]) -> None:
    """One bureau per total, in different counties, each with one 2101301 line (the 医疗救助 panel, in 元)."""
    for region, total in zip(Region.objects.filter(level=Region.Level.COUNTY).order_by("code"), totals, strict=False):
        BudgetLineFactory(
            table__disclosure__bureau=BureauFactory(region=region),
            code="2101301",
            name="城乡医疗救助",
            total=Decimal(total),
        )
    store_indicators()


def _panel(client) -> dict:
    return specs(client.get("/").content.decode())["chart-medical_assistance"]


def _bars(spec: dict) -> list[tuple[float, float, int]]:
    """Each drawn bar: its left end, right end and count."""
    [bars] = spec["data"]
    return [(x - w / 2, x + w / 2, n) for x, w, n in zip(bars["x"], bars["width"], bars["y"], strict=True)]


def _covers(bar: tuple[float, float, int], value: float) -> bool:
    # A bar is drawn a little narrower than its range of values (bars stand apart): 2% of its width each side.
    low, high, _n = bar
    gap = (high - low) * 0.03
    return low - gap <= value <= high + gap


def _check_drawn(spec: dict, values: list[float]) -> list[tuple[float, float, int]]:
    """Every value is under a bar with a count, the counts add up, and the x axis holds every bar whole, with room to
    spare at both ends, and every vertical line (medians)."""
    bars = _bars(spec)
    assert sum(n for _l, _h, n in bars) == len(values)
    for value in values:
        assert any(bar[2] > 0 and _covers(bar, value) for bar in bars), value
    for left, right, _n in bars:
        assert right - left > 0, "a bar of no width is not drawn"
    axis = spec["layout"]["xaxis"]
    assert axis.get("autorange") is False, "plotly's own range ends at the bars' ends (or around a single bar)"
    low, high = axis["range"]
    span = high - low
    for left, right, _n in bars:
        assert low + 0.01 * span < left and right < high - 0.01 * span, (left, right, low, high)
    for shape in spec["layout"]["shapes"]:
        assert low < shape["x0"] < high
    return bars


def test_one_value_is_one_bar_centred_on_it_with_a_readable_axis(client):
    _assistance(["1400000"])  # 140 万元
    spec = _panel(client)
    [(left, right, n)] = _check_drawn(spec, [140.0])
    assert n == 1
    assert (left + right) / 2 == pytest.approx(140.0)
    low, high = spec["layout"]["xaxis"]["range"]
    # Wide enough to see (a tenth of the axis or more), and the axis not a sliver around it: 130–150 万元.
    assert (right - left) / (high - low) > 0.1
    assert (low, high) == (pytest.approx(130.0), pytest.approx(150.0))
    # The hover names the bar's range of values, not "140.00–140.00".
    assert spec["data"][0]["hovertext"] == ["135.00–145.00 万元：1 个单位"]


def test_equal_values_are_one_bar_with_their_count(client):
    _assistance(["1400000"] * 3)
    spec = _panel(client)
    [(left, right, n)] = _check_drawn(spec, [140.0] * 3)
    assert n == 3
    assert (left + right) / 2 == pytest.approx(140.0)


def test_values_of_zero_are_a_bar_at_zero(client):
    _assistance(["0", "0"])
    spec = _panel(client)
    [(left, right, n)] = _check_drawn(spec, [0.0, 0.0])
    assert n == 2
    assert left < 0 < right
    assert right - left == pytest.approx(2.0, rel=0.05)  # 2 万元 wide around 0, not 2 元 (0.0002 万元: nothing drawn)


def test_two_values_are_two_bars_inside_the_axis(client):
    _assistance(["93800", "239300"])  # 9.38 and 23.93 万元: the bars at both ends of the axis
    spec = _panel(client)
    bars = _check_drawn(spec, [9.38, 23.93])
    assert [n for _l, _h, n in bars if n] == [1, 1]


def test_values_close_together_are_not_drawn_as_bars_of_no_width(client):
    _assistance(["1400000", "1400050"])  # 50 元 apart: less than the 0.01 万元 a figure shows
    spec = _panel(client)
    _check_drawn(spec, [140.0, 140.005])


def test_a_huge_outlier_keeps_every_bar_visible(client):
    totals = [str(1_000_000 + 10_000 * i) for i in range(20)] + ["500000000"]  # 100–119 万元 and 5 亿元
    _assistance(totals)
    spec = _panel(client)
    bars = _check_drawn(spec, [float(t) / 10_000 for t in totals])
    assert len(bars) <= 26  # about 24 bins whatever the values
    assert bars[0][2] == 20 and bars[-1][2] == 1


def _chart_of(values: list[Decimal]) -> dict:
    """The 医疗救助 panel of these values (in 元), binned as the dashboard bins them, with their median line."""
    indicator = BY_KEY["medical_assistance"]
    low, high = min(values), max(values)
    start, width = histogram_scale(low=low, high=high, unit=indicator.unit)
    count = int((high - start) // width) + 1
    bins = [Bin(start + width * i, start + width * (i + 1), 0) for i in range(count)]
    bins = [replace(b, count=sum(b.low <= v < b.high for v in values)) for b in bins]
    middle = sorted(values)[len(values) // 2]
    distribution = Distribution(
        indicator=indicator,
        stats=SliceStats(len(values), len(values), low, high),
        bins=bins,
        national=(middle, len(values)),
        province=None,
        province_name="",
        province_medians=[],
        top=[],
        bottom=[],
    )
    return distribution_chart(chart_id="chart-x", distribution=distribution).figure


def test_negative_values_are_binned_and_drawn():
    """A negative value (a correction printed as a negative total) is binned below 0 like any other (the indicators
    store none today: drawn here from bins as the dashboard makes them)."""
    _check_drawn(_chart_of([Decimal("-120000"), Decimal("-35000"), Decimal("80000")]), [-12.0, -3.5, 8.0])
    [(left, right, _n)] = _check_drawn(_chart_of([Decimal("-35000")]), [-3.5])
    assert (left + right) / 2 == pytest.approx(-3.5)


def test_many_values_keep_their_round_bins_and_the_axis_half_a_bin_wider(client):
    totals = [str(50_000 * i) for i in range(1, 97)]  # 5 to 480 万元
    _assistance(totals)
    spec = _panel(client)
    bars = _check_drawn(spec, [float(t) / 10_000 for t in totals])
    assert 20 <= len(bars) <= 26
    [trace] = spec["data"]
    width = trace["x"][1] - trace["x"][0]
    assert width == pytest.approx(20.0)  # 20 万元 bins, from 0 to 500 万元
    assert spec["layout"]["xaxis"]["range"] == [pytest.approx(-10.0), pytest.approx(510.0)]
