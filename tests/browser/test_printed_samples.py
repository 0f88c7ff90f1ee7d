"""Each sample printed as a PDF by Chromium (its tables ruled, broken over pages) reads back with the same figures
and findings as its text: what a bureau publishes and what a staff member extracts from it are one document."""

from __future__ import annotations

import pytest

from tests.imports.conftest import run_import

from .conftest import seed
from .pdfs import print_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SAMPLES = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("printed")
    return {p: print_pdf(browser, seed(p).read_text(encoding="utf-8"), folder / f"{p}.pdf") for p in SAMPLES}


def _record(path) -> dict:
    [record], status = run_import(str(path), "--check")
    assert status == 0, record
    return record


@pytest.mark.parametrize("prefix", SAMPLES)
def test_a_printed_sample_reads_as_its_text(printed, prefix):
    as_pdf, as_text = _record(printed[prefix]), _record(seed(prefix))
    for key in ("bureau", "region_code", "year", "kind", "scope", "unit", "totals", "functional", "figures"):
        assert as_pdf.get(key) == as_text.get(key), key
    assert sorted(f["code"] for f in as_pdf["findings"]) == sorted(f["code"] for f in as_text["findings"])
