"""The seed documents read through read_tables: the figures a user checks against the published PDF."""

from decimal import Decimal
from pathlib import Path

import pytest

from disclosures.parsing.tables import read_tables
from disclosures.parsing.types import Classification, DocumentMeta

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
WAN = Decimal(10000)


def _read(prefix: str, unit: str = "万元"):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines, read_tables(lines, meta=DocumentMeta(unit=unit))


def _table(tables, key):
    found = [t for t in tables if t.key == key]
    assert found, f"no table {key}"
    return found[0]


def _total(parsed, key):
    rows = [x for x in parsed if x.table == key and x.row_kind == "total" and x.name == "合计"]
    assert rows, f"no 合计 row in {key}"
    return rows[0]


def _coded(parsed, key, code):
    rows = [x for x in parsed if x.table == key and x.code == code]
    assert len(rows) == 1, (key, code, rows)
    return rows[0]


def wan(value: str) -> Decimal:
    return Decimal(value) * WAN


def test_shunping_totals_and_lines():
    _lines, (tables, parsed, _problems) = _read("000")
    total = _total(parsed, "expenditure_summary")
    assert total.amounts == {"total": Decimal(37_982_500), "basic": wan("338.02"), "project": wan("3460.23")}
    assert _table(tables, "expenditure_summary").unit == "万元"

    residents = _coded(parsed, "expenditure_summary", "2101202")
    assert residents.amounts["total"] == wan("3200.00")
    assert residents.name == "财政对城乡居民基本医疗保险基金的补助"
    assert _coded(parsed, "expenditure_summary", "21013").amounts["total"] == wan("140.00")
    assert _coded(parsed, "general_budget_expenditure", "2101501").amounts["total"] == wan("260.22")

    basic = _total(parsed, "basic_expenditure")
    assert basic.amounts == {"total": wan("338.02"), "personnel": wan("314.09"), "public": wan("23.93")}
    assert _coded(parsed, "basic_expenditure", "30217").amounts == {"total": wan("0.13"), "public": wan("0.13")}


def test_shunping_empty_tables_are_declared_empty():
    _lines, (tables, parsed, _problems) = _read("000")
    for key in ("gov_fund", "state_capital", "three_public"):
        assert _table(tables, key).declared_empty, key
        assert not [x for x in parsed if x.table == key]


def test_shunping_rows_cut_at_page_ends_are_joined_to_the_row_above():
    lines, (_tables, parsed, _problems) = _read("000")
    retired = _coded(parsed, "income_summary", "2080501")
    assert retired.name == "行政单位离退休"
    assert [lines[n - 1].split("\t")[2] for n in retired.source_lines] == ["行政单位", "离退 休"]
    health = _coded(parsed, "income_summary", "210")
    assert health.published_name == "卫生健康支出"
    assert len(health.source_lines) == 2
    other = _coded(parsed, "expenditure_summary", "20899")
    assert other.name == "其他社会保障和就业支出"
    assert "保障和就业支出" in lines[other.source_lines[-1] - 1]
    # A name split over the page is one row, not two: rows 2 to 21 of the income table carry codes.
    assert len([x for x in parsed if x.table == "income_summary" and x.code]) == 20


def test_shunping_codes_with_spaces_and_names_with_spaces():
    _lines, (_tables, parsed, _problems) = _read("000")
    assert _coded(parsed, "income_summary", "2101202").amounts["total"] == wan("3200.00")
    assert _coded(parsed, "income_summary", "21013").amounts["total"] == wan("140.00")
    pension = _coded(parsed, "income_summary", "2080506")
    assert pension.name == "机关事业单位职业年金缴费支出"
    assert pension.published_name.startswith("机关 事业 单位 职业 年金")


def test_shunping_summary_table_reads_both_sides():
    _lines, (_tables, parsed, _problems) = _read("000")
    rows = [x for x in parsed if x.table == "income_expenditure_summary"]
    health = [x for x in rows if x.classification is Classification.SUMMARY and x.code == "210"]
    assert [x.amounts["total"] for x in health] == [wan("3733.53")]
    assert health[0].published_name == "十、卫生健康支出"
    assert {x.name for x in rows if x.row_kind == "total"} >= {"本年收入合计", "本年支出合计", "收入总计", "支出总计"}


def test_yancheng_totals_and_three_column_codes():
    _lines, (_tables, parsed, _problems) = _read("002")
    total = _total(parsed, "expenditure_summary")
    assert total.amounts["total"] == wan("7661.49")
    assert total.amounts["basic"] == wan("340.90")
    assert total.amounts["project"] == wan("7320.59")
    residents = _coded(parsed, "expenditure_summary", "2101202")
    assert residents.amounts["total"] == wan("6984.07")
    assert residents.name == "财政对城乡居民基本医疗保险基金的补助"
    assert residents.published_name == "财政对城乡居民基本医疗保"
    assert _coded(parsed, "expenditure_summary", "2101301").amounts["total"] == wan("284.52")
    running = _coded(parsed, "expenditure_summary", "2080101")
    assert (running.name, running.amounts["total"]) == ("行政运行", wan("268.10"))
    basic = _total(parsed, "basic_expenditure")
    assert basic.amounts == {"total": wan("340.90"), "personnel": wan("326.09"), "public": wan("14.81")}
    assert _total(parsed, "running_costs").amounts["total"] == wan("14.81")


def test_yancheng_208_class_total_and_items_kept_as_printed():
    _lines, (_tables, parsed, _problems) = _read("002")
    summary = [x for x in parsed if x.table == "income_expenditure_summary" and x.code == "208"]
    assert [x.amounts["total"] for x in summary] == [wan("299.84")]
    items = [x for x in parsed if x.table == "expenditure_summary" and x.code.startswith("208")]
    assert sum(x.amounts["total"] for x in items) == wan("299.85")


def test_yancheng_projects_carry_their_type():
    _lines, (_tables, parsed, _problems) = _read("002")
    projects = [x for x in parsed if x.table == "projects" and x.classification is Classification.PROJECT]
    assert len(projects) == 8
    assert {x.row_kind for x in projects} == {"特定目标类", "其他运转类"}
    assert sum(x.amounts["total"] for x in projects) == wan("7320.59")


def test_yancheng_broken_economic_rows_are_reported_not_read():
    _lines, (_tables, parsed, problems) = _read("002")
    assert {p.lines for p in problems if p.code == "bad_code"} == {(377,), (378,)}
    assert not [x for x in parsed if 377 in x.source_lines or 378 in x.source_lines]


def test_gaoyi_totals_and_codes_cut_over_pages():
    _lines, (tables, parsed, _problems) = _read("003")
    total = _total(parsed, "expenditure_summary")
    assert total.amounts == {"total": wan("2654.58"), "basic": wan("243.88"), "project": wan("2410.70")}
    assert _coded(parsed, "expenditure_summary", "2101202").amounts["total"] == wan("2191.00")
    assert _coded(parsed, "expenditure_summary", "21013").amounts["total"] == wan("170.00")
    assert _coded(parsed, "expenditure_summary", "2101501").amounts["total"] == wan("210.91")
    # "210110" at a page end and "3" on the next page are one code.
    civil = _coded(parsed, "expenditure_summary", "2101103")
    assert civil.name == "公务员医疗补助"
    assert len(civil.source_lines) == 2
    assert _coded(parsed, "income_summary", "2100101").amounts["total"] == wan("9.00")
    three = _table(tables, "three_public")
    assert not three.declared_empty
    assert _total(parsed, "three_public").amounts["total"] == wan("1.05")


def test_zhenan_yuan_tables():
    _lines, (tables, parsed, problems) = _read("004", unit="元")
    assert _table(tables, "general_budget_expenditure").unit == "元"
    assert _total(parsed, "expenditure_summary").amounts["total"] == Decimal("3131700")
    general = _total(parsed, "general_budget_expenditure")
    assert general.amounts["total"] == Decimal("3131700")
    assert general.amounts["project"] == Decimal("450000")
    assert general.amounts["personnel"] + general.amounts["public"] == Decimal("2681700")
    assert _total(parsed, "basic_functional").amounts["total"] == Decimal("2681700")
    running = _coded(parsed, "general_budget_expenditure", "2101550")
    assert running.amounts["total"] == Decimal("2473860")
    assert running.amounts["total"] / WAN == Decimal("247.386")
    # "2210 住房改革支出" is printed a digit short: read as 22102 and said so.
    assert _coded(parsed, "general_budget_expenditure", "22102").name == "住房改革支出"
    assert any(p.code == "code_repaired" for p in problems)


def test_zhenan_unit_is_read_from_the_table_not_the_document():
    _lines, (_tables, parsed, _problems) = _read("004", unit="万元")
    assert _total(parsed, "expenditure_summary").amounts["total"] == Decimal("3131700")


def test_yanbian_has_no_tables():
    _lines, (tables, parsed, _problems) = _read("001")
    assert parsed == []
    assert [t for t in tables if t.key not in ("performance_targets",)] == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_line_points_at_real_text(prefix):
    lines, (_tables, parsed, _problems) = _read(prefix)
    for line in parsed:
        assert line.source_lines
        for n in line.source_lines:
            assert 1 <= n <= len(lines) and lines[n - 1].strip()
