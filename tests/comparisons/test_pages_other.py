"""Compare, bureau, search and document pages, with the samples and with many bureaus."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from comparisons.reference import NATIONAL_MINIMUM_SUBSIDY
from disclosures.code_names import code_display_label, code_display_name
from disclosures.models import Bureau
from tests.factories import BudgetLineFactory, DisclosureFactory, store_indicators

from .pages_support import document_of, import_samples, make_bureaus

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples():
    import_samples()


def bureau_of(region_name: str) -> Bureau:
    return Bureau.objects.get(region__name=region_name)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _functional(html: str) -> tuple[list[str], list[str], dict[str, str]]:
    """The bureau page's spending by functional class: the chart's bar labels, on a laptop and on a phone, and the
    table's name of each code."""
    figure = json.loads(html.split('id="functional-data"', 1)[1].split(">", 1)[1].split("</script>")[0])
    table = html.split('id="functional-table"')[1].split("</table>")[0]
    rows = re.findall(r'<td class="mono">(\d+)</td>\s*<td>([^<]*)</td>', table)
    return figure["data"][0]["y"], figure["narrow"]["data"][0]["y"], dict(rows)


def test_an_english_reader_reads_the_functional_classes_in_english(client, samples):
    bureau = bureau_of("顺平县")
    labels, narrow, names = _functional(client.get(f"/en/bureaus/{bureau.pk}/").content.decode())
    assert "Administrative operation (2101501)" in labels
    assert "Government subsidy to the urban and rural residents' basic medical insurance fund (2101202)" in labels
    assert "Urban and rural medical assistance (2101301)" in labels
    assert "General administrative affairs (2101502)" in labels
    assert not [label for label in labels if re.search(r"[\u4e00-\u9fff]", label)]
    assert "Administra… (2101501)" in narrow  # a phone: the start of the name, and the code whole
    assert names["2101501"] == "Administrative operation" and names["21013"] == "Medical assistance"
    assert names["210"] == "Health" and names["21015"] == "Medical security administration"
    assert not [name for name in names.values() if re.search(r"[\u4e00-\u9fff]", name)]
    # In Chinese: the names as the document printed them, the code first.
    labels, narrow, names = _functional(client.get(f"/bureaus/{bureau.pk}/").content.decode())
    assert "2101501 行政运行" in labels and "2101202 财政对城乡…" in narrow
    assert names["2101501"] == "行政运行" and names["210"] == "卫生健康支出"


def test_a_code_the_site_has_no_english_for_keeps_the_name_as_printed():
    with translation.override("en"):
        assert code_display_name("2101501", "行政运行") == "Administrative operation"
        assert code_display_name("2080101", "行政运行") == "Administrative operation"  # not the indicator's name
        assert code_display_name("2101598", "某项支出") == "某项支出"
        assert code_display_label("2101598", "某项支出") == "某项支出 (2101598)"
    assert code_display_label("2101501", "行政运行") == "2101501 行政运行"
    assert code_display_name("2101202", "财政对城乡居民基本医疗保") == "财政对城乡居民基本医疗保"  # as printed


def test_compare_two_bureaus_side_by_side(client, samples):
    a, b = bureau_of("顺平县"), bureau_of("高邑县")
    params = {"bureau": [a.pk, b.pk], "indicator": ["contribution_per_insured", "medical_assistance"]}
    url = reverse("comparisons:compare")  # before an English request, which leaves English active in this thread
    html = client.get(url, params).content.decode()
    body = text(html)
    assert "128.00" in body and "140.00" in body and "170.00" in body
    assert "郾城区" not in html.split("<table", 1)[1].split("</table>")[0]
    # 顺平's budget is of 2023, 高邑's of 2026: no bar sets one year beside another.
    assert "chart-contribution_per_insured" not in html
    assert "所选单位的预算不在同一年度（高邑县医疗保障局 2026年、顺平县医疗保障局 2023年），不画这类条形图" in body
    # Each chart is headed by its indicator, unit, year and kind: two charts of 万元 are told apart without reading
    # captions. 顺平 and 镇安 both published 2023 budgets.
    pair = {**params, "bureau": [a.pk, bureau_of("镇安县").pk]}
    html = client.get(url, pair).content.decode()
    assert 'data-plotly="chart-contribution_per_insured-budget-data"' in html
    headings = re.findall(r'<h3 class="chart-title">([^<]*)</h3>', html)
    assert headings == ["每名城乡居民参保人的县级财政补助（元/人）：2023年预算", "医疗救助支出（万元）：2023年预算"]
    english = client.get("/en" + url, pair).content.decode()
    assert re.findall(r'<h3 class="chart-title">([^<]*)</h3>', english) == [
        "County contribution per insured resident (yuan per person): 2023 Budget",
        "Medical assistance (10k yuan): 2023 Budget",
    ]
    response = client.get(url, {**params, "_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[0][0] == "单位名称" and rows[0][-1] == "说明"
    assert {r[0] for r in rows[1:]} == {"顺平县医疗保障局", "高邑县医疗保障局"}


def test_compare_asks_for_two_bureaus(client, samples):
    html = client.get(reverse("comparisons:compare")).content.decode()
    assert "请至少选择两个单位" in html


def test_compare_time_series_where_a_bureau_has_several_years(client):
    documents = make_bureaus(2, years=(2022, 2023))
    bureaus = sorted({d.bureau_id for d in documents})
    html = client.get(
        reverse("comparisons:compare"), {"bureau": bureaus, "indicator": ["county_contribution"]}
    ).content.decode()
    assert 'data-plotly="series-county_contribution-data"' in html
    headings = re.findall(r'<h3 class="chart-title">([^<]*)</h3>', html)
    assert headings == [
        "县级财政对城乡居民医保基金的补助（万元）：2023年预算",
        "县级财政对城乡居民医保基金的补助（万元）：逐年变化",
    ]
    english = client.get("/en/compare/", {"bureau": bureaus, "indicator": ["county_contribution"]}).content.decode()
    assert re.findall(r'<h3 class="chart-title">([^<]*)</h3>', english)[1] == (
        "County contribution to the residents&#x27; insurance fund (10k yuan): over the years"
    )


def _bars(html: str) -> dict[str, dict]:
    """Each bar chart of the page as drawn: {chart id: its one trace}."""
    found = {}
    for chart_id, spec in re.findall(r'<script id="(chart-[^"]+)-data" type="application/json">(.*?)</script>', html):
        [trace] = json.loads(spec)["data"]
        found[chart_id] = trace
    return found


def test_compare_bars_never_set_a_budget_beside_a_final_account_nor_two_years(client):
    # Three bureaus: budgets of 2022 and 2023 each, and two of them final accounts of 2022.
    documents = make_bureaus(3, years=(2022, 2023))
    for d in [d for d in documents if d.fiscal_year == 2022][:2]:
        line = d.tables.first().lines.first()
        final = DisclosureFactory(bureau=d.bureau, fiscal_year=d.fiscal_year, kind="final")
        BudgetLineFactory(table__disclosure=final, code=line.code, name=line.name, total=line.total * 2)
    store_indicators()
    bureaus = sorted({d.bureau_id for d in documents})
    html = client.get(
        reverse("comparisons:compare"), {"bureau": bureaus, "indicator": ["county_contribution"]}
    ).content.decode()
    bars = _bars(html)
    assert set(bars) == {"chart-county_contribution-budget", "chart-county_contribution-final"}
    budget, final = bars["chart-county_contribution-budget"], bars["chart-county_contribution-final"]
    # One bar per unit, each said to be of the year and kind: the latest year every unit has.
    assert budget["name"] == "2023年预算" and len(budget["x"]) == 3 and budget["y"] == [3200.0] * 3
    assert "2023年预算" in budget["hovertemplate"]  # every bar's hover text
    assert final["name"] == "2022年决算" and len(final["x"]) == 2 and final["y"] == [6400.0] * 2
    body = text(html)
    assert "条形图比较2023年预算：所选单位都有的最近年度。" in body
    third = documents[-1].bureau.name
    assert f"条形图比较2022年决算：所选单位中有这一年的最多，且是最近的一年；没有2022年决算的单位：{third}" in body
    headings = re.findall(r'<h3 class="chart-title">([^<]*)</h3>', html)
    assert headings[:2] == [
        "县级财政对城乡居民医保基金的补助（万元）：2023年预算",
        "县级财政对城乡居民医保基金的补助（万元）：2022年决算",
    ]
    # The year is the user's to choose; the table and the line charts keep every year.
    html = client.get(
        reverse("comparisons:compare"), {"bureau": bureaus, "indicator": ["county_contribution"], "year": 2022}
    ).content.decode()
    bars = _bars(html)
    assert bars["chart-county_contribution-budget"]["name"] == "2022年预算"
    assert "条形图比较2022年预算（所选年度）。" in text(html)
    assert '<option value="2022" selected>2022</option>' in html
    assert 'data-plotly="series-county_contribution-data"' in html
    assert len(re.findall(r"<tr\b", html.split('id="table-compare"')[1].split("</table>")[0])) == 1 + 6 + 2
    english = client.get(
        "/en/compare/", {"bureau": bureaus, "indicator": ["county_contribution"], "year": 2023}
    ).content.decode()
    assert "Bar charts: 2023 Budget (the year chosen)." in text(english)
    assert "No chosen unit has 2023 Final accounts figures: no bar chart of this type." in text(english)


def test_bureau_page(client, samples):
    bureau = bureau_of("顺平县")
    document = document_of("顺平县")
    html = client.get(reverse("comparisons:bureau_detail", args=[bureau.pk])).content.decode()
    body = text(html)
    assert "顺平县医疗保障局" in body and "2023年部门预算" in body
    assert "128.00" in body and "3,200.00" in body
    # Spending by functional class: a treemap and its numbers in a table, each linked to its line.
    assert 'data-plotly="functional-data"' in html
    functional = html.split('id="functional-table"')[1].split("</table>")[0]
    assert "2101202" in functional and "3,200.00" in functional
    assert f'href="/documents/{document.pk}/#L' in functional
    assert "核对结果" in body
    response = client.get(reverse("comparisons:bureau_detail", args=[bureau.pk]), {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and "128.00" in rows[1]
    # The page leaves out the columns that are the same on every row; the file keeps them, so it names its rows.
    assert {"单位名称": "顺平县医疗保障局", "区划代码": "130636"}.items() <= dict(zip(*rows, strict=True)).items()
    table = html.split('id="indicator-table"', 1)[1].split("</table>", 1)[0]
    assert "区划代码" not in table
    # Short headings so every indicator fits 1366 px; the full name is the heading's title and the file's column.
    assert 'title="县级财政对城乡居民医保基金的补助（万元）"' in table and ">县级财政补助（万元）</a>" in table
    assert "县级财政对城乡居民医保基金的补助（万元）" in rows[0]


def test_unknown_bureau_is_404(client):
    assert client.get(reverse("comparisons:bureau_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("顺平", "顺平县医疗保障局"),
        ("130636", "顺平县医疗保障局"),
        ("经办", "镇安县医疗保险经办机构"),
        ("保定", "顺平县医疗保障局"),
    ],
)
def test_search(client, samples, query, expected):
    html = client.get(reverse("comparisons:search"), {"q": query}).content.decode()
    assert expected in html
    assert reverse("comparisons:bureau_detail", args=[Bureau.objects.get(name=expected).pk]) in html


def test_search_names_a_county_without_documents(client, samples):
    html = client.get(reverse("comparisons:search"), {"q": "满城"}).content.decode()
    assert "尚无公开文件的地区" in html and "满城区" in html


def test_document_page_links_lines_to_the_indicators_they_feed(client, samples):
    document = document_of("顺平县")
    html = client.get(reverse("disclosures:disclosure_detail", args=[document.pk])).content.decode()
    assert 'id="ind-contribution_per_insured"' in html
    assert "128.00" in html.split('id="document-indicators"')[1].split("</table>")[0]
    assert 'href="#ind-county_contribution"' in html  # the 2101202 line points to the indicator it feeds
    # A row printed over two lines (a page break) links each of them, apart: "107 118", never "107118".
    cells = re.findall(r"<td>((?:<a href=\"#L\d+\">\d+</a>\s*){2,})</td>", html)
    assert cells and all(re.fullmatch(r'(<a href="#L\d+">\d+</a> )+<a href="#L\d+">\d+</a>', c) for c in cells)


@pytest.mark.parametrize("count", [1, 15])
def test_bounded_queries(client, django_assert_max_num_queries, count):
    documents = make_bureaus(count, years=(2022, 2023))
    bureaus = sorted({d.bureau_id for d in documents})
    with django_assert_max_num_queries(12):
        assert client.get(reverse("comparisons:compare"), {"bureau": bureaus}).status_code == 200
    # The bureau page: its documents and values, and its standing and the yearly medians from the slice summaries
    # of the data version (written by the first view after a change: one row per indicator and group, never per
    # bureau) — the same number whatever the number of bureaus.
    bureau = reverse("comparisons:bureau_detail", args=[bureaus[0]])
    with django_assert_max_num_queries(30):
        assert client.get(bureau).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(bureau).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("comparisons:search"), {"q": "县"}).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("disclosures:disclosure_detail", args=[documents[0].pk])).status_code == 200


def _figure_rows(html: str) -> list[tuple[str, str]]:
    """The stated figures table as a reader sees it: (what the figure is, its value) per row."""
    table = html.split('id="figures-heading"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]:
        found = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in found]
        rows.append((cells[0], cells[1]))
    return rows


def test_a_stated_figure_is_named_whole_never_by_a_cut_piece_of_its_sentence(client, samples):
    from disclosures.models import StatedFigure

    document = document_of("顺平县")
    url = reverse("disclosures:disclosure_detail", args=[document.pk])
    rows = _figure_rows(client.get(url).content.decode())
    # "预计250000人参加城乡居民基本医疗保险" gives the count no name: the site's own, the quote beside it.
    assert ("城乡居民参保人数", "250,000 人") in rows
    assert ("全县参保人数", "250,000 人") in rows  # the target table's own name for it
    assert ("每人每年政府补助", "128 元/人") in rows
    assert not any(re.search(r"\d", name) for name, _value in rows), rows
    # A label stored by an older import, a piece of the sentence cut mid-word, is not shown as the name either.
    StatedFigure.objects.filter(disclosure=document, key="insured_residents", label="").update(
        label="250000人参加城乡居民基本医"
    )
    html = client.get(url).content.decode()
    assert "250000人参加城乡居民基本医<" not in html and "250000人参加城乡居民基本医 " not in html
    assert ("城乡居民参保人数", "250,000 人") in _figure_rows(html)


def _share(html: str) -> str:
    return re.search(r'<span class="measure-share">(.*?)</span>', html, re.S).group(1)


@pytest.mark.parametrize(
    ("county", "year", "minimum", "notice"),
    [
        ("顺平县", 2023, "640.00", "《关于做好2023年城乡居民基本医疗保障工作的通知》"),
        ("高邑县", 2026, "724.00", "2026年新增24元"),
    ],
)
def test_the_share_of_the_national_minimum_links_to_its_source_of_the_documents_year(
    client, samples, county, year, minimum, notice
):
    html = client.get(reverse("comparisons:bureau_detail", args=[bureau_of(county).pk])).content.decode()
    share = _share(html)
    # The year's own minimum, named by its year, linked to the methods page's row of that year.
    assert f'占 {year} 年全国人均财政补助最低标准（<a href="/methods/#reference-{year}">{minimum} 元</a>' in share
    methods = client.get(reverse("comparisons:methods")).content.decode()
    row = methods.split(f'<tr id="reference-{year}">', 1)[1].split("</tr>", 1)[0]
    assert f'<td class="num">{minimum.split(".")[0]}</td>' in row and notice in row
    if year == 2023:
        assert "国家医保局、财政部、国家税务总局" in row  # who issued it
    english = _share(client.get(f"/en/bureaus/{bureau_of(county).pk}/").content.decode())
    link = f'<a href="/en/methods/#reference-{year}">'
    assert f"of the {year} national minimum subsidy per insured resident ({link}" in english


def test_a_share_computed_with_another_minimum_than_the_years_is_not_shown(client, samples, monkeypatch):
    # The reference table corrected after the values were stored: the page would cite a figure the methods page no
    # longer gives, so it shows no share until the values are computed again.
    monkeypatch.setitem(NATIONAL_MINIMUM_SUBSIDY, 2023, Decimal(650))
    html = client.get(reverse("comparisons:bureau_detail", args=[bureau_of("顺平县").pk])).content.decode()
    assert 'class="measure-share"' not in html and "640.00 元" not in html
