"""Every table export (CSV and XLSX) is formula-safe: text from a document never becomes a live formula."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from comparisons.exports import formula_safe
from comparisons.services import indicator_values_refresh
from disclosures.models import BudgetLine

from .pages_support import make_bureaus

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tX", "\rX"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_that_a_spreadsheet_would_evaluate_is_text(payload):
    assert formula_safe(payload) == "'" + payload


@pytest.mark.parametrize("value", ["-1400000.50", "+12", "3200.00", "顺平县", "", Decimal("-5.00"), -3, None])
def test_plain_numbers_and_ordinary_text_are_left_alone(value):
    assert formula_safe(value) == value


@pytest.fixture
def hostile():
    """Two bureaus whose names are formula payloads; one has a negative county contribution."""
    first, second = make_bureaus(2)
    first.bureau.name, second.bureau.name = PAYLOADS[0], PAYLOADS[3]
    first.bureau.save()
    second.bureau.save()
    BudgetLine.objects.filter(disclosure=first, code="2101202").update(total=Decimal("-3200000.00"))
    indicator_values_refresh(disclosure_ids=[first.pk, second.pk])  # the stored values follow the edited line
    return first, second


def test_dashboard_csv_export_is_inert_and_keeps_negative_numbers(client, hostile):
    response = client.get(reverse("comparisons:home"), {"_export": "csv", "_table": "contribution"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    at = rows[0].index("单位名称")
    names = {r[at] for r in rows[1:]}
    assert names == {"'" + PAYLOADS[0], "'" + PAYLOADS[3]}
    assert "-320.00" in rows[1] + rows[2]  # -3,200,000 元 in 万元, written as a number


def test_dashboard_xlsx_export_stores_no_formula_and_numbers_as_numbers(client, hostile):
    response = client.get(reverse("comparisons:home"), {"_export": "xlsx", "_table": "contribution"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert {c.value for c in cells} >= {"'" + PAYLOADS[0], "'" + PAYLOADS[3]}
    negative = [c for c in cells if c.value == Decimal("-320.00") or c.value == -320]
    assert negative and all(c.data_type == "n" for c in negative)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_search_compare_and_bureau_exports_are_inert(client, hostile, fmt):
    first, second = hostile
    urls = [
        (reverse("comparisons:search"), {"q": first.bureau.region.name}),
        (reverse("comparisons:compare"), {"bureau": [first.bureau.pk, second.bureau.pk]}),
        (reverse("comparisons:bureau_detail", args=[first.bureau.pk]), {}),
    ]
    for url, params in urls:
        response = client.get(url, {**params, "_export": fmt})
        assert response.status_code == 200
        if fmt == "csv":
            cells = [c for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for c in r]
            assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))], url
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
            assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"], url
