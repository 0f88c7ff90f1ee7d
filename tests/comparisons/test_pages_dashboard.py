"""The dashboard (home): one year and kind at a time; per headline indicator a distribution with its medians, the
top and bottom, a ranked table (sortable, paginated, downloadable) and a county finder."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse

from comparisons.services import denominator_set
from disclosures.models import Region

from .pages_support import document_of, import_samples, make_bureaus

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples():
    import_samples()


def table_of(html: str, table_id: str) -> str:
    return html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]


def row_of(html: str, table_id: str, county: str) -> str:
    """The <tr> of `county` in the table with this id."""
    rows = [r for r in table_of(html, table_id).split("<tr") if county in r]
    assert len(rows) == 1, f"{county} should be one row of {table_id}"
    return rows[0]


def cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>|※", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]


def page(client, **params) -> str:
    response = client.get(reverse("comparisons:home"), params)
    assert response.status_code == 200
    return response.content.decode()


def download(client, **params) -> list[list[str]]:
    response = client.get(reverse("comparisons:home"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM Excel needs to read Chinese
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_default_is_the_latest_year_with_most_budgets(client, samples):
    html = page(client)
    # 2023 has two budgets (顺平, 镇安); 2024 and 2026 one each.
    assert "2023年预算" in html
    table = table_of(html, "table-contribution")
    assert "顺平县" in table and "镇安县" in table
    assert "高邑县" not in table and "郾城区" not in table and "盐边县" not in table
    # The other years and kinds are a click away.
    for period in ("2026年预算", "2024年预算", "2022年决算"):
        assert period in html


def test_headline_figures_of_the_samples(client, samples):
    html = page(client)
    shunping = document_of("顺平县")
    row = row_of(html, "table-contribution", "顺平县")
    assert {"3,200.00", "128.00", "250,000", "20.0", "2023", "部门预算"} <= set(cells(row))
    assert f'href="/documents/{shunping.pk}/#L' in row  # the figure links to its source line
    gaoyi = cells(row_of(page(client, year=2026), "table-contribution", "高邑县"))
    assert {"140.00", "2,191.00", "19.3", "2026"} <= set(gaoyi)

    yancheng = row_of(page(client, year=2024), "table-contribution", "郾城区")
    assert "6,984.07" in cells(yancheng)
    # Per insured resident is missing: the cell says so and why in a few words (on a phone the note column is off the
    # screen), the whole reason on hover and in the note column; never 0.
    said = r'<td class="[^"]*missing[^"]*" title="[^"]*参保人数[^"]*">缺失<small>无参保人数</small></td>'
    assert re.search(said, yancheng)
    assert "0.00" not in cells(yancheng)

    assert "140.00" in cells(row_of(html, "table-assistance", "顺平县"))
    yanbian = cells(row_of(page(client, year=2022, kind="final"), "table-assistance", "盐边县"))
    assert {"607.27", "376.76", "80.51", "150.00", "部门决算"} <= set(yanbian)
    assert "284.52" in cells(row_of(page(client, year=2024), "table-assistance", "郾城区"))
    assert "170.00" in cells(row_of(page(client, year=2026), "table-assistance", "高邑县"))
    assert "21013" in cells(row_of(html, "table-assistance", "镇安县"))[-1]  # no medical assistance: said so

    running = cells(row_of(html, "table-running", "顺平县"))
    assert {"23.93", "260.22"} <= set(running)
    assert "284.15" not in running  # side by side, never added
    zhenan = cells(row_of(html, "table-running", "镇安县"))
    assert {"9.38", "247.39", "公用经费"} <= set(zhenan) and "2101550" in zhenan[-1]
    yancheng = cells(row_of(page(client, year=2024), "table-running", "郾城区"))
    assert {"14.81", "268.10"} <= set(yancheng) and "2080101" in yancheng[-1]
    assert {"30.67", "253.02"} <= set(cells(row_of(page(client, year=2022, kind="final"), "table-running", "盐边县")))
    assert {"40.68", "210.91"} <= set(cells(row_of(page(client, year=2026), "table-running", "高邑县")))


def test_the_table_ranks_with_percentiles(client, samples):
    html = page(client)
    # 机关运行经费 2023 budgets: 顺平 23.93 above 镇安 9.38.
    # Rank, name, the ranked figures, then the percentile.
    assert cells(row_of(html, "table-running", "顺平县"))[:6] == [
        "1",
        "顺平县医疗保障局",
        "23.93",
        "260.22",
        "0.63",
        "6.85",
    ]
    assert cells(row_of(html, "table-running", "顺平县"))[6] == "100.0"
    assert cells(row_of(html, "table-running", "镇安县"))[0] == "2"
    assert cells(row_of(html, "table-running", "镇安县"))[6] == "0.0"


def chart(html: str, chart_id: str) -> dict:
    return json.loads(html.split(f'id="{chart_id}-data"', 1)[1].split(">", 1)[1].split("</script>")[0])


def test_each_indicator_is_a_distribution_with_its_medians_never_a_bar_per_bureau(client):
    make_bureaus(40)
    html = page(client)
    figure = chart(html, "chart-medical_assistance")
    [bars] = figure["data"]
    assert bars["type"] == "bar" and sum(bars["y"]) == 40  # bureaus counted per range of values
    assert len(bars["x"]) < 40
    assert any("全国中位数 140.00" in a["text"] for a in figure["layout"]["annotations"])
    # The median links to the ranked table of the values it is the median of, each linked to its document.
    assert '<a href="#table-assistance">全国中位数 140.00 万元（40 个单位）</a>' in html
    assert 'id="table-assistance"' in html
    assert "/static/vendor/plotly/plotly-basic.min.js" in html
    assert "plotly.min.js" not in html
    # Every asset from the project: no script or stylesheet from another host (a CSRF token may spell "cdn").
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_a_province_filter_shows_the_province_and_national_medians(client, samples):
    hebei = Region.objects.get(code="130000")
    html = page(client, province=hebei.code)
    table = table_of(html, "table-running")
    assert "顺平县" in table and "镇安县" not in table
    assert "2023年预算：河北省，1 份（全国共 2 份）。排名、中位数和分布只在这 1 份之间计算" in html
    english = client.get("/en/", {"year": 2023, "kind": "budget", "province": hebei.code}).content.decode()
    said = "2023 Budget: Hebei, 1 document (2 in the country). Ranks, medians and distributions are computed for this"
    assert said in re.sub(r"\s+", " ", english)
    assert "全国中位数 16.65 万元（2 个单位）" in html  # (239,290 + 93,800) ÷ 2 = 166,545 元
    assert "河北省中位数 23.93 万元（1 个单位）" in html


def test_counts_of_units_are_singular_or_plural_in_english(client, samples):
    hebei = Region.objects.get(code="130000")
    province = client.get("/en/", {"province": hebei.code}).content.decode()
    assert "National median 16.65 10k yuan (2 units)" in province
    assert "Hebei median 23.93 10k yuan (1 unit)" in province
    html = client.get("/en/").content.decode()
    assert "Histogram: Administrative running costs across 2 units (" in html
    assert "Histogram: Medical assistance across 1 unit (" in html
    assert "Units with a value: 1 of 2" in html
    assert "1 units" not in html and "1 units" not in province
    bars = chart(html, "chart-medical_assistance")["data"][0]
    assert bars["hovertext"] == ["135.00–145.00 10k yuan: 1 unit"]  # one value: a bin centred on it


def test_the_county_finder_gives_rank_and_percentile(client, samples):
    html = page(client, county="顺平")
    finder = html.split('id="finder"', 1)[1].split("</section>", 1)[0]
    assert "顺平县医疗保障局" in finder
    running = next(r for r in finder.split("<tr") if "机关运行经费" in r)
    assert {"23.93", "1 / 2", "100.0%"} <= set(cells(running))
    # Every value found leads to the county's row in the table that shows it (行政运行: a column of the running table).
    for row in finder.split("<tr")[2:]:
        assert re.search(r'<a href="\?[^"]*#table-(contribution|assistance|running)">[\d,.]+</a>', row), row
    assert re.search(r"<tr class=\"found[^>]*>\s*<td[^>]*>1<", table_of(html, "table-running"))  # highlighted
    assert "镇安县" in page(client, county="611025").split('id="finder"', 1)[1].split("</section>")[0]
    assert "没有找到" in page(client, county="不存在的县")


def test_csv_export_has_the_rows_and_columns_of_the_table(client, samples):
    rows = download(client, _export="csv", _table="contribution")
    header, body = rows[0], rows[1:]
    html = page(client)
    headers = [
        re.sub(r"<[^>]+>|\s+", "", h)
        for h in re.findall(r"<th[^>]*>(.*?)</th>", table_of(html, "table-contribution"), flags=re.S)
    ]
    assert header == headers
    assert header[-1] == "说明"
    by_county = {r[header.index("地区")].split()[-1]: dict(zip(header, r, strict=True)) for r in body}
    assert set(by_county) == {"顺平县", "镇安县"}
    per_head = next(h for h in header if "元/人" in h)
    assert by_county["顺平县"][per_head] == "128.00"
    assert by_county["镇安县"][per_head] == ""  # missing, not 0 ...
    assert "2101202" in by_county["镇安县"]["说明"]  # ... with its reason in the note column
    yancheng = download(client, _export="csv", _table="contribution", year="2024")[1]
    assert "参保人数" in yancheng[-1]


def test_csv_export_follows_the_sort(client, samples):
    rows = download(client, _export="csv", _table="running", **{"running-sort": "-rank"})
    column = rows[0].index("机关运行经费（万元）")
    assert [r[column] for r in rows[1:]] == ["9.38", "23.93"]


@pytest.mark.parametrize("sort", ["region", "-region"])
def test_the_ranked_table_sorts_by_region_on_the_page_and_in_the_export(client, samples, sort):
    html = page(client, **{"running-sort": sort})
    rows = download(client, _export="csv", _table="running", **{"running-sort": sort})
    codes = [r[rows[0].index("区划代码")] for r in rows[1:]]
    assert codes == sorted(codes, reverse=sort.startswith("-")) and len(codes) > 1
    shown = [c for c in codes if c in table_of(html, "table-running")]
    assert shown == codes


def test_xlsx_export(client, samples):
    response = client.get(
        reverse("comparisons:home"), {"_export": "xlsx", "_table": "assistance", "year": 2022, "kind": "final"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # Named for the table (at most 31 characters, none Excel forbids), the header row frozen.
    assert sheet.title == "医疗救助：2022年决算排名"
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[-1] == "说明"
    yanbian = next(r for r in sheet.iter_rows(min_row=2) if "盐边县" in r[header.index("单位名称")].value)
    money = yanbian[header.index("医疗救助支出（万元）")]
    # A number, not text, shown with thousands separators and two decimals.
    assert (money.value, money.data_type, money.number_format) == (607.27, "n", "#,##0.00")
    assert "盐边" in yanbian[header.index("地区")].value
    # The header bold and wrapped; the notes column wide and wrapped.
    assert all(c.font.b and c.alignment.wrap_text for c in sheet[1])
    notes = sheet.cell(row=1, column=len(header)).column_letter
    assert sheet.column_dimensions[notes].width >= 60  # characters (XlsxWriter stores Excel’s padded width)
    assert yanbian[-1].alignment.wrap_text


def test_xlsx_sheet_name_of_a_long_english_caption(client, samples):
    response = client.get(
        reverse("comparisons:home"), {"_export": "xlsx", "_table": "contribution"}, headers={"accept-language": "en"}
    )
    title = openpyxl.load_workbook(io.BytesIO(response.content)).active.title
    assert 0 < len(title) <= 31 and not set(title) & set("\\/?*[]:"), title


def test_a_staff_denominator_fills_the_missing_figure_with_its_source(client, samples):
    denominator_set(
        region=Region.objects.get(code="411103"),
        year=2024,
        kind="insured_residents",
        value=400000,
        source="区统计公报",
        user=None,
    )
    row = cells(row_of(page(client, year=2024), "table-contribution", "郾城区"))
    assert "174.60" in row  # 6,984.07万 ÷ 400,000
    assert "区统计公报" in row[-1]
    # The exports say the same: the figure, and where the staff found the number.
    exported = download(client, _export="csv", _table="contribution", year="2024")[1]
    assert "174.60" in exported and "区统计公报" in exported[-1]
    response = client.get(reverse("comparisons:home"), {"_export": "xlsx", "_table": "contribution", "year": 2024})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert "区统计公报" in sheet.cell(row=2, column=sheet.max_column).value


def test_unknown_filter_values_show_the_form_error_not_a_500(client, samples):
    for params in ({"province": "999999"}, {"year": "1800"}, {"kind": "plan"}, {"county": "x" * 500}):
        assert client.get(reverse("comparisons:home"), params).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_bounded_queries(client, django_assert_max_num_queries, count):
    make_bureaus(count, years=(2022, 2023))
    with django_assert_max_num_queries(24):  # the panels read together, the tables' pages counted without COUNT
        html = page(client)
    assert html.count("3,200.00") >= min(count, 25)
    with django_assert_max_num_queries(28):
        assert client.get(reverse("comparisons:home"), {"county": "县"}).status_code == 200
    with django_assert_max_num_queries(6):  # a table export reads only its table: its rows, then their values
        assert client.get(reverse("comparisons:home"), {"_export": "csv", "_table": "running"}).status_code == 200


def test_sort_and_page_links_lead_back_to_their_table(client):
    make_bureaus(30)  # more than one page of 25
    html = page(client)
    section = html.split('id="running"', 1)[1].split("</section>", 1)[0]
    sort_links = re.findall(r'<th[^>]*>\s*<a href="([^"]+)"', table_of(html, "table-running"))
    page_links = re.findall(r'<nav class="pagination".*?</nav>', section, flags=re.S)[0]
    assert sort_links and all(link.endswith("#table-running") for link in sort_links)
    assert "running-sort=" in sort_links[0]
    assert re.findall(r'href="\?[^"]*running-page=2#table-running"', page_links)


def test_every_sort_link_of_a_table_answers(client):
    make_bureaus(3)
    html = page(client)
    links = re.findall(r'<th[^>]*>\s*<a href="(\?[^"#]+)', table_of(html, "table-running"))
    assert any("running-sort=region" in link for link in links)  # sorting by region once answered with a 500
    for link in links:
        assert client.get(reverse("comparisons:home") + link.replace("&amp;", "&")).status_code == 200


def test_running_costs_as_stated_quotes_the_documents_words_in_english(client, samples):
    params = {"year": 2023, "kind": "budget"}
    # In Chinese the document's words as printed.
    assert "<td >公用经费</td>" in row_of(page(client, **params), "table-running", "镇安县")
    english = client.get("/en/", params).content.decode()
    assert "Running costs as stated" in table_of(english, "table-running")
    assert "<td >“机关运行经费” (administrative running costs)</td>" in row_of(english, "table-running", "顺平县")
    assert "<td >“公用经费” (public costs)</td>" in row_of(english, "table-running", "镇安县")
    # The export says what the page says.
    exported = client.get("/en/", {**params, "_export": "csv", "_table": "running"}).content.decode("utf-8-sig")
    assert "“机关运行经费” (administrative running costs)" in [c for r in csv.reader(io.StringIO(exported)) for c in r]


def _extremes(html: str, key: str) -> list[tuple[str, list[str]]]:
    """A panel's lists as a reader sees them: each heading, and its items as "rank. name value"."""
    panel = html.split(f'id="panel-{key}"', 1)[1].split('class="extremes"', 1)[1]
    panel = re.split(r'class="province-medians"|id="panel-|</section>', panel, maxsplit=1)[0]
    lists = []
    for block in re.findall(r"<h4>(.*?)</h4>\s*<ol>(.*?)</ol>", panel, flags=re.S):
        heading, items = block
        rows = re.findall(r'<li value="(\d+)">\s*<a[^>]*>([^<]*)</a>\s*<a[^>]*>([^<]*)</a>', items)
        lists.append((heading.strip(), [f"{rank}. {name} {value}" for rank, name, value in rows]))
    return lists


def test_with_no_more_units_than_the_top_list_one_list_holds_them_all(client, samples):
    # 2023 budgets: two bureaus. Listing them under 最高 and again under 最低 read as if 顺平 were among the lowest.
    assert _extremes(page(client), "running_costs") == [
        ("全部单位，从高到低", ["1. 顺平县医疗保障局 23.93", "2. 镇安县医疗保险经办机构 9.38"])
    ]
    english = client.get("/en/").content.decode()
    assert [heading for heading, _rows in _extremes(english, "running_costs")] == ["All units, highest first"]


def _spread(documents, step: int) -> None:
    """Each document's 2101301 line a different amount, so that each has its own rank."""
    from comparisons.services import indicator_values_refresh
    from disclosures.models import BudgetLine

    for i, document in enumerate(documents):
        BudgetLine.objects.filter(table__disclosure=document, code="2101301").update(total=1_000_000 + step * i)
    indicator_values_refresh(disclosure_ids=[d.pk for d in documents])


def test_the_lowest_list_holds_only_units_not_in_the_top_list(client):
    documents = make_bureaus(7)
    _spread(documents, 10_000)
    (top_heading, top), (bottom_heading, bottom) = _extremes(page(client), "medical_assistance")
    assert top_heading == "最高" and [r.split(". ")[0] for r in top] == ["1", "2", "3", "4", "5"]
    # Seven units, five in the top list: the lowest list has the other two, ranks 6 and 7, the lowest last.
    assert bottom_heading == "最低：第 6–7 名（最后一个最低）"
    assert [r.split(" ")[0] for r in bottom] == ["6.", "7."]
    assert bottom[-1].endswith(" 100.00")  # 1,000,000 元, the smallest
    assert not {r.split(". ")[1] for r in top} & {r.split(". ")[1] for r in bottom}
    english = client.get("/en/").content.decode()
    assert _extremes(english, "medical_assistance")[1][0] == "Lowest: ranks 6–7 (lowest last)"


def test_the_lowest_list_of_many_units_ends_with_the_lowest(client):
    documents = make_bureaus(12)
    _spread(documents, 10_000)
    (_h, top), (bottom_heading, bottom) = _extremes(page(client), "medical_assistance")
    assert bottom_heading == "最低：第 8–12 名（最后一个最低）"
    assert [r.split(". ")[0] for r in bottom] == ["8", "9", "10", "11", "12"]
    assert top[0].endswith(" 111.00") and bottom[-1].endswith(" 100.00")


def test_an_english_reader_sees_the_provinces_in_english_and_the_counties_as_named(client, samples):
    html = client.get("/en/", {"county": "顺平"}).content.decode()
    options = html.split('name="province"', 1)[1].split("</select>", 1)[0]
    for name in ("Hebei", "Inner Mongolia", "Guangxi", "Tibet (Xizang)", "Shaanxi", "Shanxi", "Hong Kong", "Macao"):
        assert f">{name}</option>" in options
    assert not re.search(r"[\u4e00-\u9fff]", options)
    # The finder's medians: the chart's annotation and the list under it; the county keeps its name.
    figure = chart(html, "chart-contribution_per_insured")
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert any("Hebei median 128.00" in n for n in notes) and any("顺平县 128.00" in n for n in notes)
    assert "Hebei median 128.00 yuan per person (1 unit)" in html and "河北省" not in html
    assert "Hebei 保定市 顺平县" in row_of(html, "table-contribution", "顺平县")
    assert "Shaanxi 商洛市 镇安县" in row_of(html, "table-contribution", "镇安县")
    exported = client.get("/en/", {"_export": "csv", "_table": "contribution"}).content.decode("utf-8-sig")
    assert "Hebei 保定市 顺平县" in [c for r in csv.reader(io.StringIO(exported)) for c in r]


def test_each_provinces_median_is_named_in_english(client, samples):
    """Without a filter, each panel lists the median of every province, each linking to its dashboard."""
    html = client.get("/en/", {"year": 2023, "kind": "budget"}).content.decode()
    assert re.search(r'<a href="\?province=130000[^"]*">Hebei</a>', html)
    assert re.search(r'<a href="\?province=610000[^"]*">Shaanxi</a>', html)
    assert "2023 Budget: Hebei, 1 document" in client.get("/en/", {"province": "130000"}).content.decode()


def test_a_chinese_reader_still_sees_the_provinces_as_named(client, samples):
    html = page(client, county="顺平")
    assert ">河北省</option>" in html and "河北省中位数 128.00" in html
    assert "河北省 保定市 顺平县" in row_of(html, "table-contribution", "顺平县")
