"""Every file the site hands out has one header per meaning: no two columns with the same name, in either language.

A user who opens `indicators.csv` must tell the bureau (单位名称) from the unit of measure (计量单位); a spreadsheet
formula or a pandas reader that picks a column by its name must find exactly one. Checked on the bulk downloads and
on every table export (dashboard, compare, bureau, search; CSV and XLSX), Chinese and English.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from disclosures.models import Bureau

from .pages_support import import_samples

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def samples():
    import_samples()


def _get(client, language: str, name: str, args=(), params=None):
    with translation.override(language):  # the address carries the language: /en/… in English
        url = reverse(name, args=args)
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params)
    return response


def _csv_header(content: bytes) -> list[str]:
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]  # the UTF-8 BOM Excel needs to read Chinese
    return next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _table_exports() -> list[tuple[str, tuple, dict]]:
    shunping, yanbian = Bureau.objects.get(region__code="130636"), Bureau.objects.get(region__code="510422")
    return [
        *[("comparisons:home", (), {"_table": slug}) for slug in ("contribution", "assistance", "running")],
        ("comparisons:home", (), {"_table": "assistance", "year": "2022", "kind": "final"}),
        ("comparisons:compare", (), {"bureau": [shunping.pk, yanbian.pk]}),
        ("comparisons:bureau_detail", (shunping.pk,), {}),
        ("comparisons:search", (), {"q": "县"}),
    ]


def assert_unique(header: list[str], where) -> None:
    assert all(h.strip() for h in header), (where, header)
    duplicates = sorted({h for h in header if header.count(h) > 1})
    assert not duplicates, (where, duplicates)


@pytest.mark.parametrize("language", LANGUAGES)
def test_bulk_download_headers_are_unique(client, samples, language):
    for name in ("comparisons:download_lines", "comparisons:download_indicators"):
        response = _get(client, language, name)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        header = _csv_header(content)
        assert_unique(header, (language, name))
        if language == "zh-hans" and name == "comparisons:download_indicators":
            assert {"单位名称", "计量单位"} <= set(header)


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_export_headers_are_unique_in_csv_and_xlsx(client, samples, language):
    for name, args, params in _table_exports():
        csv_header = _csv_header(_get(client, language, name, args, {**params, "_export": "csv"}).content)
        assert_unique(csv_header, (language, name, params))
        book = _get(client, language, name, args, {**params, "_export": "xlsx"}).content
        sheet = openpyxl.load_workbook(io.BytesIO(book)).active
        assert [c.value for c in sheet[1]] == csv_header, (language, name, params)
        if language == "en":  # the page was in English: so is at least its notes column
            assert not CJK.search(csv_header[-1] if name != "search" else csv_header[0]), csv_header


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("医疗救助：2022年决算排名", "医疗救助：2022年决算排名"),  # a full-width colon is allowed
        ("Medical assistance: ranking, 2022 final accounts", "Medical assistance ranking"),  # ends at a word
        ("医疗救助" * 10, "医疗救助" * 7 + "医疗救"),
        ("'a/b\\c?d*e[f]'", "a b c d e f"),
        ("", "Sheet1"),
    ],
)
def test_a_sheet_is_named_as_excel_accepts(caption, expected):
    from comparisons.exports import sheet_title

    assert sheet_title(caption) == expected
