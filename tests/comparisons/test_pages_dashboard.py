"""The dashboard (home): the three headline comparisons as charts and tables, filters, downloads."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from disclosures.models import Denominator, Region

from .pages_support import document_of, import_samples, make_bureaus

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples():
    import_samples()


def row_of(html: str, table_id: str, county: str) -> str:
    """The <tr> of `county` in the table with this id."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = [r for r in table.split("<tr") if county in r]
    assert len(rows) == 1, f"{county} should be one row of {table_id}"
    return rows[0]


def cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>|※", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]


def download(client, **params) -> list[list[str]]:
    response = client.get(reverse("home"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_headline_figures_of_the_samples(client, samples):
    html = client.get(reverse("home")).content.decode()
    shunping = document_of("顺平县")
    row = row_of(html, "table-contribution", "顺平县")
    assert "3,200.00" in cells(row) and "128.00" in cells(row) and "250,000" in cells(row) and "20.0" in cells(row)
    assert "2023" in cells(row) and "部门预算" in cells(row)
    assert f'href="/documents/{shunping.pk}/#L' in row  # the figure links to its source line
    gaoyi = cells(row_of(html, "table-contribution", "高邑县"))
    assert "140.00" in gaoyi and "2,191.00" in gaoyi and "19.3" in gaoyi and "2026" in gaoyi

    yancheng = row_of(html, "table-contribution", "郾城区")
    assert "6,984.07" in cells(yancheng)
    # Per insured resident is missing: an empty cell with the reason on hover and in the note column, never 0.
    assert re.search(r'<td class="[^"]*missing[^"]*" title="[^"]*参保人数[^"]*">\s*</td>', yancheng)
    assert "0.00" not in cells(yancheng)

    assistance = {
        c: cells(row_of(html, "table-assistance", c)) for c in ("顺平县", "盐边县", "郾城区", "高邑县", "镇安县")
    }
    assert "140.00" in assistance["顺平县"]
    assert {"607.27", "376.76", "80.51", "150.00", "部门决算"} <= set(assistance["盐边县"])
    assert "284.52" in assistance["郾城区"] and "170.00" in assistance["高邑县"]
    assert "21013" in assistance["镇安县"][-1]  # no medical assistance: said so in the note

    running = {c: cells(row_of(html, "table-running", c)) for c in ("顺平县", "盐边县", "郾城区", "高邑县", "镇安县")}
    assert {"23.93", "260.22"} <= set(running["顺平县"])
    assert {"30.67", "253.02"} <= set(running["盐边县"])
    assert {"14.81", "268.10"} <= set(running["郾城区"]) and "2080101" in running["郾城区"][-1]
    assert {"40.68", "210.91"} <= set(running["高邑县"])
    assert {"9.38", "247.39", "公用经费"} <= set(running["镇安县"]) and "2101550" in running["镇安县"][-1]
    # Side by side, never added: no cell holds 23.93 + 260.22.
    assert "284.15" not in running["顺平县"]


def test_mixed_years_are_said_and_can_be_filtered(client, samples):
    html = client.get(reverse("home")).content.decode()
    assert 'id="mixed-years"' in html
    assert "2022年决算" in html and "2026年预算" in html

    html = client.get(reverse("home"), {"year": "2023", "kind": "budget"}).content.decode()
    assert 'id="mixed-years"' not in html
    assert "顺平县" in cells(row_of(html, "table-contribution", "顺平县"))[0]
    assert "高邑县" not in html.split('id="table-contribution"')[1].split("</table>")[0]


def test_filter_by_province_and_the_median_names_its_peers(client, samples):
    hebei = Region.objects.get(code="130000")
    html = client.get(reverse("home"), {"province": hebei.code}).content.decode()
    table = html.split('id="table-running"')[1].split("</table>")[0]
    assert "顺平县" in table and "高邑县" in table
    assert "郾城区" not in table and "盐边县" not in table
    assert "中位数的比较范围：河北省" in html


def test_each_number_also_in_the_chart_data(client, samples):
    html = client.get(reverse("home"), {"year": "2023"}).content.decode()
    assert 'data-plotly="chart-contribution-data"' in html
    chart = html.split('id="chart-contribution-data"')[1].split("</script>")[0]
    assert "128.00" in chart
    assert "/static/vendor/plotly/plotly.min.js" in html
    # Every asset from the project: no script or stylesheet from another host (a CSRF token may spell "cdn").
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_csv_export_has_the_rows_and_columns_of_the_table(client, samples):
    rows = download(client, _export="csv", _table="contribution")
    header, body = rows[0], rows[1:]
    html = client.get(reverse("home")).content.decode()
    table = html.split('id="table-contribution"')[1].split("</table>")[0]
    headers = [re.sub(r"<[^>]+>|\s+", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table, flags=re.S)]
    assert header == headers
    assert header[-1] == "说明"
    by_county = {r[0].split()[-1]: dict(zip(header, r, strict=True)) for r in body}
    assert len(body) == 5
    per_head = next(h for h in header if "元/人" in h)
    assert by_county["顺平县"][per_head] == "128.00"
    assert by_county["郾城区"][per_head] == ""  # missing, not 0 ...
    assert "参保人数" in by_county["郾城区"]["说明"]  # ... with its reason in the note column
    # Same order as the page shows.
    shown = [
        re.sub(r"<[^>]+>", "", c).split()[-1] for c in re.findall(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>", table, flags=re.S)
    ]
    assert [r[0].split()[-1] for r in body] == shown


def test_csv_export_follows_the_sort_and_filters(client, samples):
    rows = download(client, _export="csv", _table="running", **{"running-sort": "ind_running_costs"})
    header = rows[0]
    column = header.index(next(h for h in header if h.startswith("机关运行经费（")))
    values = [float(r[column]) for r in rows[1:]]
    assert values == sorted(values)
    rows = download(client, _export="csv", _table="running", year="2023")
    assert {r[0].split()[-1] for r in rows[1:]} == {"顺平县", "镇安县"}


def test_xlsx_export(client, samples):
    response = client.get(reverse("home"), {"_export": "xlsx", "_table": "assistance"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    yanbian = next(r for r in rows if r[0] and "盐边县" in r[0])
    assert "607.27" in {str(v) for v in yanbian}


def test_a_staff_denominator_fills_the_missing_figure_with_its_source(client, samples):
    Denominator.objects.create(
        region=Region.objects.get(code="411103"), year=2024, kind="insured_residents", value=400000, source="区统计公报"
    )
    row = cells(row_of(client.get(reverse("home")).content.decode(), "table-contribution", "郾城区"))
    assert "174.60" in row  # 6,984.07万 ÷ 400,000
    assert "区统计公报" in row[-1]


def test_sorting_a_table(client, samples):
    html = client.get(reverse("home"), {"contribution-sort": "-ind_county_contribution"}).content.decode()
    table = html.split('id="table-contribution"')[1].split("</table>")[0]
    assert table.index("郾城区") < table.index("顺平县") < table.index("高邑县")
    assert 'aria-sort="descending"' in table


def test_bureaus_and_documents_listed(client, samples):
    html = client.get(reverse("home")).content.decode()
    assert "镇安县医疗保险经办机构" in html and "2023年单位预算" in html
    assert reverse("disclosure_detail", args=[document_of("盐边县").pk]) in html


def test_unknown_filter_value_shows_no_rows_not_an_error(client, samples):
    response = client.get(reverse("home"), {"province": "999999"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 15])
def test_bounded_queries(client, django_assert_max_num_queries, count):
    make_bureaus(count, years=(2022, 2023))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.content.decode().count("3,200.00") >= count
    with django_assert_max_num_queries(14):
        assert client.get(reverse("home"), {"_export": "csv", "_table": "running"}).status_code == 200
