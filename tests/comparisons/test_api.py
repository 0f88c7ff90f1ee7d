"""The read-only JSON API: what a client gets from each endpoint, its filters, pagination, errors and query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from comparisons.api import ENDPOINTS, MAX_LIMIT
from comparisons.models import Denominator
from disclosures.models import Disclosure, Region, StatedFigure
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory, store_indicators

pytestmark = pytest.mark.django_db

COUNTIES = ("130636", "130127", "411103", "510422", "611025", "130102", "130104", "130105", "130107", "130108")
LIST_URLS = (
    "/api/regions/",
    "/api/bureaus/",
    "/api/documents/",
    "/api/lines/",
    "/api/indicators/",
)


def _document(code: str = "130636", year: int = 2023, bureau=None, **kwargs) -> Disclosure:
    bureau = bureau or BureauFactory(region=Region.objects.get(code=code))
    d = DisclosureFactory(bureau=bureau, fiscal_year=year, **kwargs)
    table = SourceTableFactory(disclosure=d)
    BudgetLineFactory(table=table, code="2101202", total=Decimal("32000000.00"), source_lines=[3], first_line=3)
    BudgetLineFactory(
        table=table,
        code="2101301",
        name="城乡医疗救助",
        total=Decimal("1400000.00"),
        basic=None,
        project=Decimal("1400000.00"),
        source_lines=[4, 5],
        first_line=4,
    )
    store_indicators()
    return d


def _many(count: int) -> list[Disclosure]:
    documents = []
    for code in COUNTIES[:count]:
        d = _document(code)
        StatedFigure.objects.create(
            disclosure=d, key="insured_residents", label="参保人数", value=Decimal(250000), unit="人", line=2, quote="x"
        )
        documents.append(d)
    store_indicators()
    return documents


# --- read-only ---


@pytest.mark.parametrize("url", [*LIST_URLS, "/api/documents/1/", "/api/documents/1/lines/"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_endpoint_answers_405_to_anything_but_get(client, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "GET" in response.json()["error"]


def test_a_post_without_csrf_token_also_gets_405_not_a_write(settings):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/regions/", {"code": "999999"})
    assert response.status_code == 405
    assert not Region.objects.filter(code="999999").exists()


# --- regions ---


def test_regions_filter_by_name_level_and_parent(client):
    found = client.get("/api/regions/", {"q": "郾城"}).json()
    assert [r["code"] for r in found["results"]] == ["411103"]
    assert found["results"][0] == {
        "code": "411103",
        "name": "郾城区",
        "full_name": "河南省 漯河市 郾城区",
        "level": "county",
        "level_label": "县级",
        "parent": "411100",
    }
    children = client.get("/api/regions/", {"parent": "411100", "limit": MAX_LIMIT}).json()
    assert "411103" in [r["code"] for r in children["results"]]
    assert {r["parent"] for r in children["results"]} == {"411100"}
    provinces = client.get("/api/regions/", {"level": "province", "limit": MAX_LIMIT}).json()
    assert provinces["count"] >= 31
    assert {r["level"] for r in provinces["results"]} == {"province"}
    assert all(r["parent"] is None for r in provinces["results"])


def test_pagination_has_count_next_previous_and_a_maximum(client):
    first = client.get("/api/regions/", {"limit": 10}).json()
    assert first["limit"] == 10
    assert first["offset"] == 0
    assert len(first["results"]) == 10
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["offset"] == 10
    assert second["results"][0]["code"] > first["results"][-1]["code"]
    assert client.get(second["previous"]).json()["results"] == first["results"]
    assert client.get("/api/regions/", {"limit": 100000}).json()["limit"] == MAX_LIMIT
    last = client.get("/api/regions/", {"offset": first["count"] - 1}).json()
    assert len(last["results"]) == 1
    assert last["next"] is None


def test_an_offset_past_the_most_is_a_400_that_says_how_to_get_the_rest(client, monkeypatch):
    # The most is 100,000 (2 million budget lines at national scale); 20 here, over the 3,000 regions.
    monkeypatch.setattr("comparisons.api.filters.MAX_OFFSET", 20)
    monkeypatch.setattr("comparisons.api.views.MAX_OFFSET", 20)
    assert "offset=20&" in client.get("/api/regions/", {"offset": 10, "limit": 10}).json()["next"]
    last = client.get("/api/regions/", {"offset": 20, "limit": 10}).json()
    assert len(last["results"]) == 10 and last["count"] > 30
    assert last["next"] is None  # the next page would be past the most
    response = client.get("/api/regions/", {"offset": 21})
    assert response.status_code == 400
    assert response.json() == {
        "error": "offset 最大为 20。更靠后的条目请用筛选条件缩小范围（如 year、region），"
        "或下载全部数据：/downloads/lines.csv、/downloads/indicators.csv。",
        "field": "offset",
    }
    english = client.get("/en/api/regions/", {"offset": 21}).json()["error"]
    assert english.startswith("offset is at most 20.") and "/downloads/lines.csv" in english


def test_each_document_of_a_later_page_has_its_own_line_count(client):
    documents = [_document(code, 2024) for code in ("130636", "411103", "610102")]
    for extra, document in enumerate(documents):
        table = SourceTableFactory(disclosure=document)
        for position in range(extra):  # 2, 3 and 4 lines
            BudgetLineFactory(table=table, source_lines=[50 + position], first_line=50 + position)
    listed = client.get("/api/documents/", {"offset": 1, "limit": 2}).json()["results"]
    expected = {d.pk: d.lines.count() for d in documents}
    assert len(listed) == 2
    assert {d["id"]: d["line_count"] for d in listed} == {d["id"]: expected[d["id"]] for d in listed}
    assert len({d["line_count"] for d in listed}) == 2  # two different counts: each is its own


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"level": "village"}, "level"),
        ({"parent": "4111"}, "parent"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"yaer": "2024"}, "yaer"),
    ],
)
def test_a_bad_or_misspelt_parameter_is_a_400_that_names_it(client, params, field):
    response = client.get("/api/regions/", params)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["error"]


# --- bureaus and documents ---


def test_a_municipal_district_is_named_with_its_city_once(client):
    # Shanghai is both the province and the prefecture of 普陀区 (310000, 310100).
    found = client.get("/api/regions/", {"q": "普陀", "limit": MAX_LIMIT}).json()["results"]
    assert {"code": "310107", "name": "普陀区", "full_name": "上海市 普陀区"} in [
        {k: r[k] for k in ("code", "name", "full_name")} for r in found
    ]
    d = _document(code="310107")
    assert client.get(f"/api/documents/{d.pk}/").json()["region"]["full_name"] == "上海市 普陀区"
    store_indicators()
    document = client.get("/api/indicators/").json()["results"][0]["document"]
    assert document["region"] == "上海市 普陀区"


def test_bureaus_by_province_region_and_name(client):
    _document("130636")
    _document("411103")
    names = lambda **q: [b["name"] for b in client.get("/api/bureaus/", q).json()["results"]]  # noqa: E731
    assert names(province="13") == ["顺平县医疗保障局"]
    assert names(province="410000") == ["郾城区医疗保障局"]
    assert names(region="411100") == ["郾城区医疗保障局"]  # a prefecture's code finds the counties under it
    assert names(region="411103") == ["郾城区医疗保障局"]
    assert names(q="顺平") == ["顺平县医疗保障局"]
    bureau = client.get("/api/bureaus/", {"q": "顺平"}).json()["results"][0]
    assert bureau["region"]["full_name"] == "河北省 保定市 顺平县"
    assert bureau["document_count"] == 1
    assert bureau["documents_url"].endswith(f"/api/documents/?bureau={bureau['id']}")


def test_documents_default_to_current_versions_and_filter(client):
    old = _document("130636", 2023)
    Disclosure.objects.filter(pk=old.pk).update(status=Disclosure.Status.SUPERSEDED)
    new = DisclosureFactory(bureau=old.bureau, fiscal_year=2023)
    Disclosure.objects.filter(pk=old.pk).update(superseded_by=new)
    _document("411103", 2024, kind=Disclosure.Kind.FINAL)
    ids = lambda **q: [d["id"] for d in client.get("/api/documents/", q).json()["results"]]  # noqa: E731
    assert old.pk not in ids()
    assert new.pk in ids()
    assert old.pk in ids(status="all")
    assert ids(status="superseded") == [old.pk]
    assert len(ids(year=2024)) == 1
    assert len(ids(kind="final")) == 1
    assert ids(bureau=old.bureau_id) == [new.pk]
    doc = client.get("/api/documents/", {"status": "superseded"}).json()["results"][0]
    assert doc["superseded_by"] == new.pk
    assert doc["line_count"] == 2
    assert doc["url"].endswith(f"/documents/{old.pk}/")
    assert client.get("/api/documents/", {"kind": "plan"}).status_code == 400


def test_one_document_with_its_figures_and_tables(client):
    d = _document()
    StatedFigure.objects.create(
        disclosure=d, key="insured_residents", label="参保", value=Decimal("250000.0000"), unit="人", line=2, quote="q"
    )
    store_indicators()
    body = client.get(f"/api/documents/{d.pk}/").json()
    assert body["id"] == d.pk
    assert body["tables"][0]["title"] == "部门预算支出总表"
    assert body["figures"][0]["value"] == "250000"
    assert body["figures"][0]["url"].endswith(f"/documents/{d.pk}/#L2")
    assert client.get("/api/documents/999999/").status_code == 404
    assert client.get("/api/documents/999999/lines/").status_code == 404


# --- lines ---


def test_lines_give_money_as_decimal_strings_in_yuan_and_blank_as_null_with_reason(client):
    d = _document()
    body = client.get(f"/api/documents/{d.pk}/lines/").json()
    assert body["count"] == 2
    line = body["results"][1]
    assert line["code"] == "2101301"
    assert line["amounts"]["total"] == "1400000.00"
    assert line["amounts"]["project"] == "1400000.00"
    assert line["amounts"]["basic"] is None
    assert "basic" in line["missing_reasons"]
    assert "total" not in line["missing_reasons"]
    assert line["source_lines"] == [4, 5]
    assert line["url"].endswith(f"/documents/{d.pk}/#L4")
    assert line["document"]["id"] == d.pk
    # The raw JSON has no float anywhere: the amounts are quoted.
    assert b'"total": "1400000.00"' in client.get(f"/api/documents/{d.pk}/lines/").content


def test_lines_across_documents_by_code_year_and_region(client):
    _document("130636", 2023)
    _document("411103", 2024)
    codes = lambda **q: [  # noqa: E731
        (row["document"]["region_code"], row["code"]) for row in client.get("/api/lines/", q).json()["results"]
    ]
    assert codes(code="2101202") == [("130636", "2101202"), ("411103", "2101202")]
    assert codes(code="2101202", year=2024) == [("411103", "2101202")]
    assert codes(code_prefix="21013", region="130000") == [("130636", "2101301")]
    assert codes(code="21013") == []  # exact: the class code is not its items
    assert client.get("/api/lines/", {"code": "21O13"}).status_code == 400


def test_lines_read_only_current_versions(client):
    d = _document()
    Disclosure.objects.filter(pk=d.pk).update(status=Disclosure.Status.SUPERSEDED)
    assert client.get("/api/lines/").json()["count"] == 0
    assert client.get(f"/api/documents/{d.pk}/lines/").json()["count"] == 2  # a replaced version stays readable


# --- indicators ---


def test_indicator_values_with_sources_and_missing_reasons(client):
    d = _document("130636")
    other = _document("411103", 2024)
    StatedFigure.objects.create(
        disclosure=d, key="insured_residents", label="参保", value=Decimal(250000), unit="人", line=2, quote="250000人"
    )
    store_indicators()
    body = client.get("/api/indicators/", {"indicator": "contribution_per_insured,county_contribution"}).json()
    by_region = {r["document"]["region_code"]: r["values"] for r in body["results"]}
    assert set(by_region["130636"]) == {"contribution_per_insured", "county_contribution"}
    found = by_region["130636"]["contribution_per_insured"]
    assert found["value"] == "128.00"
    assert found["unit"] == "元/人"
    assert found["missing_reason"] is None
    assert found["sources"][0]["document"] == d.pk
    assert found["sources"][0]["lines"] == [3]
    assert found["sources"][0]["url"].endswith(f"/documents/{d.pk}/#L3")
    assert found["details"]["share_of_national_minimum"] == "20.0"
    assert by_region["130636"]["county_contribution"]["value"] == "32000000.00"
    missing = by_region["411103"]["contribution_per_insured"]
    assert missing["value"] is None
    assert "参保人数" in missing["missing_reason"]
    assert missing["sources"][0]["url"].endswith(f"/documents/{other.pk}/#L3")


def test_indicator_names_come_once_per_answer_not_with_every_value(client):
    _document("130636")
    _document("411103", 2024)
    store_indicators()
    body = client.get("/api/indicators/", {"indicator": "contribution_per_insured,county_contribution"}).json()
    assert body["indicators"] == {
        "contribution_per_insured": {
            "name": "每名城乡居民参保人的县级财政补助",
            "name_en": "County contribution per insured resident",
            "unit": "元/人",
        },
        "county_contribution": {
            "name": "县级财政对城乡居民医保基金的补助",
            "name_en": "County contribution to the residents' insurance fund",
            "unit": "元",
        },
    }
    for row in body["results"]:
        assert set(row["values"]) == set(body["indicators"])
        assert all("name" not in value for value in row["values"].values())


def test_indicator_filters_and_latest(client):
    old = _document("130636", 2022)
    _document(year=2023, bureau=old.bureau)
    _document("411103", 2024)
    years = lambda **q: sorted(  # noqa: E731
        (r["document"]["region_code"], r["document"]["fiscal_year"])
        for r in client.get("/api/indicators/", q).json()["results"]
    )
    assert years() == [("130636", 2022), ("130636", 2023), ("411103", 2024)]
    assert years(latest=1) == [("130636", 2023), ("411103", 2024)]
    assert years(province="41") == [("411103", 2024)]
    assert years(year=2022) == [("130636", 2022)]
    response = client.get("/api/indicators/", {"indicator": "no_such_thing"})
    assert response.status_code == 400
    assert response.json()["field"] == "indicator"


# --- bounded queries ---

QUERY_BOUNDS = {
    "/api/regions/?q=1": 2,  # count, page (with parents)
    "/api/bureaus/": 3,  # count, page, aliases
    "/api/documents/": 3,  # count, page, its documents' lines counted
    "/api/lines/": 2,  # count, page
    "/api/indicators/": 6,  # count, page, and the four of facts_for
}


@pytest.mark.parametrize("count", [1, 10])
@pytest.mark.parametrize(("url", "bound"), QUERY_BOUNDS.items())
def test_each_endpoint_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries, count, url, bound):
    documents = _many(count)
    Denominator.objects.create(region=documents[0].bureau.region, year=2023, kind="population", value=1, source="s")
    store_indicators()
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("count", [1, 10])
def test_one_documents_lines_and_detail_are_bounded(client, django_assert_max_num_queries, count):
    d = _many(count)[0]
    with django_assert_max_num_queries(3):  # exists, count, page
        assert client.get(f"/api/documents/{d.pk}/lines/").status_code == 200
    with django_assert_max_num_queries(4):  # the document, tables, figures, checks
        assert client.get(f"/api/documents/{d.pk}/").status_code == 200


# --- the documentation page ---


def test_the_documentation_page_lists_every_endpoint_and_filter_from_the_declaration(client):
    response = client.get(reverse("comparisons:api_docs"))
    assert response.status_code == 200
    page = response.content.decode()
    for endpoint in ENDPOINTS:
        assert escape(endpoint.path) in page
        assert str(endpoint.title) in page
        for f in endpoint.filters:
            assert f">{f.name}<" in page
    assert 'href="/downloads/lines.csv"' in page
    assert 'href="/downloads/indicators.csv"' in page
    assert "contribution_per_insured" in page


def test_the_documentation_names_its_placeholders_in_the_readers_language(client):
    chinese = client.get("/api/").content.decode()
    assert ">values.&lt;指标代码&gt;.value<" in chinese
    english = client.get("/en/api/").content.decode()
    assert ">values.&lt;indicator code&gt;.value<" in english
    assert ">indicators.&lt;indicator code&gt;<" in english
    assert "指标代码" not in english
    assert ">GET /api/documents/&lt;id&gt;/<" in english  # the results' own field name, in both languages


def test_the_site_navigation_links_to_the_api_page(client):
    page = client.get(reverse("comparisons:api_docs")).content.decode()
    assert f'<a href="{reverse("comparisons:api_docs")}">数据接口与下载</a>' in page


def test_the_documentation_examples_work(client):
    _many(2)
    page = client.get(reverse("comparisons:api_docs")).content.decode()
    for endpoint in ENDPOINTS:
        if endpoint.example and "<" not in endpoint.path:
            response = client.get(endpoint.path + endpoint.example)
            assert response.status_code == 200, endpoint.path
            assert endpoint.path in page
