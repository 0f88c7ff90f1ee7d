"""The API's FilterSets: strict parameters (an unknown name or a bad value is a 400 naming it), each path declared
once, and the documentation page written from the same FilterSets."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from comparisons.api import ENDPOINTS

pytestmark = pytest.mark.django_db


def _url(endpoint) -> str:
    return reverse(f"comparisons:api_{endpoint.key}", kwargs={"pk": 1} if "<id>" in endpoint.path else {})


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.key for e in ENDPOINTS])
def test_an_unknown_parameter_is_a_400_naming_it_and_the_allowed_ones(client, endpoint):
    response = client.get(_url(endpoint), {"yaer": "2024"})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "yaer"
    assert "yaer" in body["error"]
    for f in endpoint.filters:
        assert f.name in body["error"]


def test_the_one_document_endpoint_takes_no_parameter_and_says_so(client):
    response = client.get("/api/documents/1/", {"limit": "10"})
    assert response.status_code == 400
    assert response.json() == {"error": "不认识的参数：limit。可用的参数：（无）。", "field": "limit"}


@pytest.mark.parametrize(
    ("url", "params", "error"),
    [
        ("/api/documents/", {"year": "1800"}, "year 应为 1990 到 2100 之间的整数。"),
        ("/api/documents/", {"kind": "plan"}, "kind 只能是：budget、final。"),
        ("/api/regions/", {"parent": "4111"}, "parent 应为 6 位区划代码，如 411103。"),
        ("/api/bureaus/", {"province": "1"}, "province 应为省级区划代码，2 位或 6 位，如 13 或 130000。"),
        ("/api/lines/", {"code": "21O13"}, "code 应为数字科目编码，如 2101202。"),
        ("/api/regions/", {"q": "x" * 65}, "q 太长（最多 64 个字符）。"),
        ("/api/indicators/", {"latest": "maybe"}, "latest 应为 1 或 0。"),
        ("/api/indicators/", {"indicator": "nope,total_budget"}, "没有这个指标：nope。可用的指标见 /api/。"),
        ("/api/regions/", {"offset": "-1"}, "offset 应为 0 到 2147483648 之间的整数。"),
    ],
)
def test_a_bad_value_is_a_400_whose_message_names_the_parameter_and_what_it_takes(client, url, params, error):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response.json() == {"error": error, "field": next(iter(params))}


def test_blank_parameters_are_absent_and_values_are_stripped(client):
    everything = client.get("/api/regions/", {"level": "province"}).json()["count"]
    assert client.get("/api/regions/", {"level": " province ", "q": "", "limit": ""}).json()["count"] == everything


def test_each_path_is_routed_from_its_one_declaration(client):
    for endpoint in ENDPOINTS:
        assert _url(endpoint) == endpoint.path.replace("<id>", "1")


def test_the_documentation_page_shows_each_filters_values_help_and_choices(client):
    page = client.get(reverse("comparisons:api_docs")).content.decode()
    regions = next(e for e in ENDPOINTS if e.key == "regions")
    level = next(f for f in regions.filters if f.name == "level")
    assert str(level.help) in page
    assert '<span class="mono">prefecture</span> 地级' in page
    assert escape("上级区划的 6 位代码：列出其直接下级。") in page
    names = [f.name for f in regions.filters]
    assert names == ["q", "level", "parent", "limit", "offset"]  # the endpoint's own, then paging
