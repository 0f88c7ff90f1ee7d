"""What the importer tells about a document from its text alone: publisher, year, kind, scope, unit, title, code."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosures.parsing.types import Kind, Scope
from tests.parsing.readers import meta_of

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def seed_lines(prefix: str) -> list[str]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize(
    ("prefix", "publisher", "year", "kind", "scope", "unit", "budget_code"),
    [
        ("000", "顺平县医疗保障局", 2023, Kind.BUDGET, Scope.DEPARTMENT, "万元", "450"),
        ("001", "盐边县医疗保障局", 2022, Kind.FINAL, Scope.DEPARTMENT, "万元", None),
        ("002", "漯河市郾城区医疗保障局", 2024, Kind.BUDGET, Scope.DEPARTMENT, "万元", "685"),
        ("003", "高邑县医疗保障局", 2026, Kind.BUDGET, Scope.DEPARTMENT, "万元", "450"),
        ("004", "镇安县医疗保险经办机构", 2023, Kind.BUDGET, Scope.UNIT, "元", "353002"),
    ],
)
def test_seed_meta(prefix, publisher, year, kind, scope, unit, budget_code):
    lines = seed_lines(prefix)
    meta = meta_of(lines)
    assert (meta.publisher, meta.year, meta.kind, meta.scope, meta.unit, meta.budget_code) == (
        publisher,
        year,
        kind,
        scope,
        unit,
        budget_code,
    )
    # Each field points at a line that says it.
    assert publisher in lines[meta.lines["publisher"] - 1]
    assert str(year) in lines[meta.lines["year"] - 1]
    assert ("决算" if kind == Kind.FINAL else "预算") in lines[meta.lines["kind"] - 1]
    assert f"单位：{unit}" in lines[meta.lines["unit"] - 1].replace(" ", "")
    if budget_code:
        assert budget_code in lines[meta.lines["budget_code"] - 1]
    assert str(year) in meta.title


def test_agency_with_two_names_keeps_the_other_one():
    meta = meta_of(seed_lines("004"))
    assert meta.other_names == ["镇安县医疗保险经办中心"]
    assert meta.title == "镇安县医疗保险经办机构 2023 年单位预算公开说明"


def test_subordinate_centre_is_not_another_name_of_the_bureau():
    # 盐边 mentions its 医疗保障事务中心, a unit below the bureau.
    assert meta_of(seed_lines("001")).other_names == []


def test_final_account_is_not_taken_for_a_budget_by_the_word_预算_in_its_prose():
    meta = meta_of(seed_lines("001"))
    assert meta.kind == Kind.FINAL
    assert meta.year == 2022  # not 2023, the year of the appended evaluation report


def test_title_split_over_two_lines_is_joined():
    meta = meta_of(seed_lines("002"))
    assert meta.title == "漯河市郾城区医疗保障局 2024 年度部门预算公开说明"
    assert meta.lines["title"] == 3


def test_words_in_front_of_the_name_are_not_part_of_it():
    text = [
        "按照规定，现将唐县医疗保障局 2024 年部门预算公开如下：",
        "2024年，唐县医疗保障局收入总计100万元。",
        "部门：唐县医疗保障局",
    ]
    meta = meta_of(text)
    assert meta.publisher == "唐县医疗保障局"
    assert (meta.year, meta.kind, meta.scope) == (2024, Kind.BUDGET, Scope.DEPARTMENT)


def test_other_wording_of_an_agency_and_a_final_unit_account():
    text = [
        "某某市某某区医保经办中心2021年度单位决算公开",
        "单位：元",
        "201001\t某某市某某区医保经办中心\t1,234.00",
        "单位：元",
    ]
    meta = meta_of(text)
    assert meta.publisher == "某某市某某区医保经办中心"
    assert (meta.year, meta.kind, meta.scope, meta.unit) == (2021, Kind.FINAL, Scope.UNIT, "元")
    assert meta.budget_code == "201001"


def test_year_printed_only_in_table_headers_broken_over_lines():
    text = ["450 某县医疗保障局", "预算年  ", "度：2025", "单位：万元"]
    meta = meta_of(text)
    assert meta.year == 2025
    assert meta.lines["year"] == 2


def test_without_tables_the_unit_is_the_one_the_prose_writes():
    text = ["某县医疗保障局2022年度部门决算", "本年支出合计959.14万元，其中基本支出331.08万元。"]
    assert meta_of(text).unit == "万元"


def test_what_the_text_does_not_tell_stays_empty():
    meta = meta_of(["关于做好医疗保障工作的通知", "请各单位认真贯彻落实。"])
    assert (meta.publisher, meta.year, meta.kind, meta.scope, meta.unit, meta.budget_code) == (None,) * 6
    assert meta.lines == {}


def test_a_bare_county_word_is_never_taken_for_a_county():
    # "县医疗保障局" without a county name: no publisher rather than a guess.
    assert meta_of(["县医疗保障局2023年部门预算公开说明"]).publisher is None
