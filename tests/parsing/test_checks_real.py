"""Checks a reviewer expects, tried on real published text with one thing changed, the way a slip gets into a
document: a heading copied from another department, a placeholder left in, a comparison that says the opposite of
its own figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosures.parsing import parse_disclosure
from disclosures.parsing.pdf import pdf_text

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


@pytest.fixture(scope="module")
def sfj() -> str:
    return pdf_text((REAL / "putuo_sfj_2026_budget.pdf").read_bytes())


@pytest.fixture(scope="module")
def czj() -> str:
    return pdf_text((REAL / "putuo_czj_2024_final.pdf").read_bytes())


def found(text: str, code: str) -> list:
    return [p for p in parse_disclosure(text).problems if p.code == code]


def test_a_heading_left_with_another_departments_name(sfj):
    edited = sfj.replace("编制部门：上海市普陀区司法局", "编制部门：上海市普陀区财政局", 1)
    [problem] = found(edited, "foreign_name")
    assert "上海市普陀区财政局" in problem.message and "上海市普陀区司法局" in problem.message
    assert not found(sfj, "foreign_name")


def test_a_placeholder_left_from_the_template(sfj):
    edited = sfj.replace("编制部门：上海市普陀区司法局", "编制部门：上海市XX局", 1)
    [problem] = found(edited, "placeholder_name")
    assert "上海市XX局" in problem.message
    assert not found(sfj, "placeholder_name")


def test_a_comparison_that_contradicts_its_own_figures(czj):
    # "年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数" is right; "大于" is not.
    assert not found(czj, "prose_compare")
    edited = czj.replace("元。决算数小于预算数的主要原因：人员进出", "元。决算数大于预算数的主要原因：人员进出", 1)
    assert edited != czj
    [problem] = found(edited, "prose_compare")
    assert "大于" in problem.message and "1,560.05万元" in problem.message and "1,511.89万元" in problem.message


def test_a_prose_item_that_disagrees_with_its_table(czj):
    assert not found(czj, "prose_item")
    edited = czj.replace("年初预算为10.00万元，支出决算为10.00万元", "年初预算为10.00万元，支出决算为12.00万元", 1)
    assert edited != czj
    [problem] = found(edited, "prose_item")
    assert "一般行政管理事务" in problem.message and "12.00万元" in problem.message
