"""The bulk CSV downloads: what Excel shows a user who opens them."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import OperationalError, connection
from django.http import StreamingHttpResponse

from comparisons import downloads
from comparisons.models import Denominator
from disclosures.models import Disclosure, Region, StatedFigure
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory, store_indicators

from .seeded import import_seeds, per_head, source_text, wan

pytestmark = pytest.mark.django_db

COUNTIES = ("130636", "130127", "411103", "510422", "611025", "130102", "130104", "130105", "130107", "130108")


def _document(code: str = "130636", year: int = 2023) -> Disclosure:
    d = DisclosureFactory(bureau=BureauFactory(region=Region.objects.get(code=code)), fiscal_year=year)
    table = SourceTableFactory(disclosure=d)
    BudgetLineFactory(table=table, code="2101202", total=Decimal("32000000.00"), source_lines=[3], first_line=3)
    BudgetLineFactory(
        table=table,
        code="2101301",
        name="城乡医疗救助",
        total=Decimal("1400000.50"),
        basic=None,
        project=Decimal("1400000.50"),
        other_amounts={"上年结转": "12.30"},
        source_lines=[4, 5],
        first_line=4,
    )
    store_indicators()
    return d


def download(client, url: str) -> tuple[StreamingHttpResponse, list[dict[str, str]]]:
    """The rows of a whole download; a whole download ends with the line that counts its rows."""
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # the BOM Excel needs to read UTF-8
    text, trailer = body.removeprefix("\ufeff").rstrip("\r\n").rsplit("\r\n", 1)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert trailer == f"# rows: {len(rows)}"
    return response, rows


def test_lines_csv_has_every_line_in_yuan_with_its_source(client):
    d = _document()
    response, rows = download(client, "/downloads/lines.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="lines.csv"' in response["Content-Disposition"]
    assert len(rows) == 2
    first, second = rows
    assert first["区划代码"] == "130636"
    assert (first["省"], first["地市"], first["县（区）"]) == ("河北省", "保定市", "顺平县")
    assert first["单位名称"] == "顺平县医疗保障局"
    assert (first["年度"], first["类型"], first["范围"]) == ("2023", "预算", "部门")
    assert first["表名"] == "部门预算支出总表"
    assert (first["科目编码"], first["合计（元）"]) == ("2101202", "32000000.00")
    assert first["原文链接"] == f"http://testserver/documents/{d.pk}/#L3"
    assert second["科目名称"] == "城乡医疗救助"
    assert second["合计（元）"] == "1400000.50"
    assert second["基本支出（元）"] == ""  # blank in the source: empty, never 0
    assert second["项目支出（元）"] == "1400000.50"
    assert second["其他列（元）"] == '{"上年结转": "12.30"}'
    assert second["原文行号"] == "4、5"


def test_lines_csv_leaves_out_replaced_versions(client):
    d = _document()
    Disclosure.objects.filter(pk=d.pk).update(status=Disclosure.Status.SUPERSEDED)
    assert download(client, "/downloads/lines.csv")[1] == []


def test_indicators_csv_has_values_units_missing_reasons_and_sources(client):
    d = _document()
    StatedFigure.objects.create(
        disclosure=d, key="insured_residents", label="参保", value=Decimal(250000), unit="人", line=2, quote="25万人"
    )
    other = _document("411103", 2024)
    store_indicators()
    _, rows = download(client, "/downloads/indicators.csv")
    by = {(r["区划代码"], r["指标代码"]): r for r in rows}
    found = by[("130636", "contribution_per_insured")]
    assert (found["数值"], found["计量单位"], found["缺失原因"]) == ("128.00", "元/人", "")
    assert found["指标"] == "每名城乡居民参保人的县级财政补助"
    assert f"http://testserver/documents/{d.pk}/#L3" in found["来源链接"].split()
    assert f"http://testserver/documents/{d.pk}/#L2" in found["来源链接"].split()
    assert '"share_of_national_minimum": "20.0"' in found["补充数据"]
    missing = by[("411103", "contribution_per_insured")]
    assert missing["数值"] == ""  # missing is empty, with its reason beside it
    assert "参保人数" in missing["缺失原因"]
    assert missing["文件链接"] == f"http://testserver/documents/{other.pk}/"
    assert by[("130636", "county_contribution")]["数值"] == "32000000.00"
    assert by[("130636", "county_contribution")]["计量单位"] == "元"


def test_an_entered_denominator_appears_in_the_indicators_csv_with_its_source(client):
    _document("411103", 2024)
    Denominator.objects.create(
        region=Region.objects.get(code="411103"),
        year=2024,
        kind="insured_residents",
        value=250000,
        source="郾城区医保局统计",
        source_url="https://example.org/stat",
    )
    store_indicators()
    _, rows = download(client, "/downloads/indicators.csv")
    row = next(r for r in rows if r["指标代码"] == "contribution_per_insured")
    assert row["数值"] == "128.00"
    assert "https://example.org/stat" in row["来源链接"].split()
    assert "郾城区医保局统计" in row["说明"]


@pytest.mark.parametrize("url", ["/downloads/lines.csv", "/downloads/indicators.csv"])
def test_downloads_are_read_only(client, url):
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("count", [1, 10])
@pytest.mark.parametrize(("url", "bound"), [("/downloads/lines.csv", 2), ("/downloads/indicators.csv", 5)])
def test_downloads_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, count, url, bound):
    for code in COUNTIES[:count]:
        _document(code)
    with django_assert_max_num_queries(bound):  # lines: documents, lines; indicators: documents, 4 facts
        _, rows = download(client, url)
    assert len({r["区划代码"] for r in rows}) == count


# --- with the five sample documents ---


def test_sample_documents_in_the_downloads(client):
    import_seeds()
    _, lines = download(client, "/downloads/lines.csv")
    assert len(lines) == sum(d.lines.count() for d in Disclosure.objects.filter(status="current"))
    shunping = next(r for r in lines if r["区划代码"] == "130636" and r["科目编码"] == "2101202")
    assert shunping["合计（元）"] == "32000000.00"
    pk, line = shunping["原文链接"].split("/documents/")[1].split("/#L")
    assert "3200.00" in source_text(Disclosure.objects.get(pk=int(pk)), int(line))

    _, values = download(client, "/downloads/indicators.csv")
    by = {(r["县（区）"], r["指标代码"]): r for r in values}
    assert per_head(Decimal(by[("顺平县", "contribution_per_insured")]["数值"])) == "128.00"
    assert per_head(Decimal(by[("高邑县", "contribution_per_insured")]["数值"])) == "140.00"
    assert by[("郾城区", "contribution_per_insured")]["数值"] == ""
    assert "参保人数" in by[("郾城区", "contribution_per_insured")]["缺失原因"]
    assert wan(Decimal(by[("盐边县", "medical_assistance")]["数值"])) == "607.27"
    assert by[("盐边县", "medical_assistance")]["类型"] == "决算"
    assert by[("镇安县", "medical_assistance")]["数值"] == ""


# --- downloads that never lie ---


def _unreachable(execute, sql, params, many, context):
    raise OperationalError("connection refused")


@pytest.mark.parametrize("url", ["/downloads/lines.csv", "/downloads/indicators.csv"])
def test_a_database_error_before_the_first_byte_is_a_503_with_a_message(client, url):
    _document()
    with connection.execute_wrapper(_unreachable):
        response = client.get(url)
    assert response.status_code == 503
    assert "数据库暂时无法访问" in response.content.decode()
    assert not response.has_header("Content-Disposition")


def break_lines_midway(monkeypatch) -> None:
    """The database goes away after the fourth line row, sent in chunks of two rows."""
    real = downloads.line_rows

    def failing(request, documents, values):
        for number, row in enumerate(real(request, documents, values)):
            if number == 4:
                raise OperationalError("server closed the connection unexpectedly")
            yield row

    monkeypatch.setattr(downloads, "CHUNK_ROWS", 2)
    monkeypatch.setattr(downloads, "line_rows", failing)


def test_a_stream_that_fails_midway_raises_and_never_writes_the_row_count(client, monkeypatch):
    for code in COUNTIES[:3]:
        _document(code)
    break_lines_midway(monkeypatch)
    response = client.get("/downloads/lines.csv")
    assert response.status_code == 200  # the first rows were already on their way
    received = []
    with pytest.raises(OperationalError):  # the server aborts the chunked response: the client sees a broken transfer
        for chunk in response.streaming_content:
            received.append(chunk.decode())
    assert len("".join(received).splitlines()) == 1 + 4  # the header and the rows made before the failure
    assert "# rows:" not in "".join(received)


def test_text_cells_of_the_downloads_are_formula_safe_and_numbers_stay_numbers(client):
    d = _document()
    line = d.lines.get(code="2101301")
    line.name, line.published_name, line.total = '=HYPERLINK("http://x")', "@SUM(A1)", Decimal("-12.50")
    line.save()
    d.bureau.name = "+cmd|' /C calc'!A0"
    d.bureau.save()
    _, rows = download(client, "/downloads/lines.csv")
    row = next(r for r in rows if r["科目编码"] == "2101301")
    assert (row["科目名称"], row["原文名称"]) == ('\'=HYPERLINK("http://x")', "'@SUM(A1)")
    assert row["单位名称"] == "'+cmd|' /C calc'!A0"
    assert row["合计（元）"] == "-12.50"  # a negative amount is a number, left as it is
    response = client.get("/downloads/indicators.csv")
    values = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {r[4] for r in values[1:-1]} == {"'+cmd|' /C calc'!A0"}  # the bureau column (another is the unit's)
