"""Chart specs are plain data that plotly accepts: validated here with plotly's own figure schema (the pages never
build figure objects), and never one bar per bureau for more than MAX_BARS bureaus."""

import json
import re

import plotly.graph_objects as go
import pytest
from django.urls import reverse

from comparisons.charts import MAX_BARS
from disclosures.models import Bureau

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
    assert "chart-county_contribution-data" not in html
    assert f"所选单位超过 {MAX_BARS} 个" in html
    html = client.get(
        reverse("comparisons:compare"), {"bureau": bureaus[:3], "indicator": ["county_contribution"]}
    ).content.decode()
    [bars] = specs(html)["chart-county_contribution"]["data"]
    assert len(bars["x"]) == 3
