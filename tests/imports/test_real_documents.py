"""Real published PDFs (and the text `pdftotext -layout` makes of them) read as a finance bureau checks them: every
figure of the hand-read answer key, the one real error of the published 财政局 决算, and no alarm elsewhere.

The PDFs are read once per test session (module fixtures): reading a 25-page PDF takes a good part of a second.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from disclosures.models import Disclosure

from .conftest import run_import

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
KEY = {entry["file"].removesuffix(".pdf"): entry for entry in json.loads((REAL / "answer_key.json").read_text())}
KEYED = sorted(KEY)


def _check(path: Path) -> tuple[dict, int]:
    records, status = run_import(str(path), "--check")
    assert len(records) == 1, records
    return records[0], status


@pytest.fixture(scope="module")
def checked(django_db_blocker) -> dict[tuple[str, str], dict]:
    """The --check --json record of each keyed document, as a PDF and as pdftotext -layout text."""
    with django_db_blocker.unblock():
        out = {}
        for name in KEYED:
            for form, suffix in (("pdf", ".pdf"), ("layout", ".layout.txt")):
                record, status = _check(REAL / f"{name}{suffix}")
                assert status == 0, record
                out[(name, form)] = record
        return out


def _amounts(mapping: dict) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in mapping.items() if v is not None}


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["pdf", "layout"])
@pytest.mark.parametrize("name", KEYED)
def test_every_figure_of_the_answer_key(checked, name, form):
    record, key = checked[(name, form)], KEY[name]
    assert record["status"] == "checked"
    assert (record["bureau"], record["region_code"], record["year"], record["kind"], record["scope"]) == (
        key["publisher"],
        key["region_code"],
        key["year"],
        key["kind"],
        key["scope"],
    )
    assert record["unit"] == key["unit"]
    assert _amounts(record["totals"]) == _amounts(key["totals"])
    assert _amounts(record["functional"]) == _amounts(key["functional"])
    for figure in ("running_costs", "three_public"):
        assert Decimal(record["figures"][figure]) == Decimal(key["figures"][figure]), figure
    assert "staff" not in record["figures"]  # none of the three states its staff: missing, not 0


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["pdf", "layout"])
def test_the_real_error_of_the_published_final_accounts_is_flagged(checked, form):
    record = checked[("putuo_czj_2024_final", form)]
    found = [f for f in record["findings"] if f["code"] == "prose_total" and "0.30万元" in f["message"]]
    assert len(found) == 1
    assert "财政拨款收支总计" in found[0]["message"] and "2,961.68万元" in found[0]["message"]
    assert found[0]["severity"] == "warning"


@pytest.mark.django_db
@pytest.mark.parametrize("name", KEYED)
def test_nothing_else_is_flagged_unless_wrong_on_the_page(checked, name):
    record = checked[(name, "pdf")]
    assert not [f for f in record["findings"] if f["severity"] == "error"]
    warnings = sorted(f["code"] for f in record["findings"] if f["severity"] == "warning")
    # What is wrong on the printed pages (the answer key's notes): the 0.3万元 prose total and 302's items adding up
    # to 171.09 against a printed 171.07 (财政局); "比2026年预算增加" in the 2026 budget, and 住房公积金's
    # "2026年预算安排201.50万元" against 208.80 in the table (司法局); a 三公 table whose note calls it empty above
    # its own figures, and 住房公积金's "2024年预算安排352.67万元" against 350.35 (万里街道).
    expected = {
        "putuo_czj_2024_final": ["children_sum", "prose_total"],
        "putuo_sfj_2026_budget": ["other_year", "prose_item"],
        "putuo_wanli_2024_budget": ["empty_note", "prose_item"],
    }[name]
    assert warnings == expected, record["findings"]
    messages = " ".join(f["message"] for f in record["findings"])
    for printed in {
        "putuo_czj_2024_final": ["171.07万元", "0.30万元"],
        "putuo_sfj_2026_budget": ["比2026年预算", "201.50万元"],
        "putuo_wanli_2024_budget": ["本表为空表", "352.67万元"],
    }[name]:
        assert printed in messages


@pytest.mark.django_db
def test_each_total_says_which_table_and_line_it_came_from(checked):
    record = checked[("putuo_sfj_2026_budget", "pdf")]
    # The table's exact 96,282,213.44 wins over the prose's 9628.22万元.
    assert record["totals"]["total"] == "96282213.44"
    assert record["sources"]["total"]["table"] == "2026年部门支出预算总表"
    assert record["sources"]["personnel"]["table"] == "2026年部门一般公共预算基本支出部门预算经济分类预算表"
    assert record["sources"]["total"]["lines"]


@pytest.mark.django_db
def test_the_blank_national_template_has_no_figures():
    for suffix in (".pdf", ".layout.txt"):
        record, status = _check(REAL / f"national_final_template{suffix}")
        assert (record["status"], status) == ("error", 1)
        assert "全文没有任何数字" in record["error"] and "模板" in record["error"]
        assert "line" not in record  # the whole file, not a title of its contents list


@pytest.mark.django_db
def test_another_department_is_refused_without_check_and_nothing_is_written():
    records, status = run_import(str(REAL / "putuo_sfj_2026_budget.pdf"))
    assert status == 1
    assert "上海市普陀区司法局" in records[0]["error"] and "不是医疗保障部门" in records[0]["error"]
    assert "--check" in records[0]["error"]
    # --region says where, it never turns the publisher into a medical-security bureau.
    records, status = run_import(str(REAL / "putuo_sfj_2026_budget.pdf"), "--region", "310107")
    assert status == 1 and "上海市普陀区司法局" in records[0]["error"]
    assert Disclosure.objects.count() == 0
