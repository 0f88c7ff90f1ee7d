"""Small tables written the way other counties print them: the rules must not depend on the five seeds."""

from decimal import Decimal

from disclosures.parsing.tables import read_tables
from disclosures.parsing.types import DocumentMeta, Severity

HEADER = [
    "序号\t功能分类科目\t\t合计\t基本支出\t项目支出",
    "\t科目编码\t科目名称\t\t\t",
    "栏次\t1\t2\t3\t4\t5",
]
PAGE_TOP = ["", "999 某县医疗保障局", "", "预算年度：2025", "", "单位：元", ""]


def read(text_lines, unit=None):
    return read_tables(text_lines, meta=DocumentMeta(unit=unit))


def by_code(parsed, code):
    rows = [x for x in parsed if x.code == code]
    assert len(rows) == 1, rows
    return rows[0]


def test_yuan_table_with_a_name_cut_at_the_page_end():
    lines = [
        "## 部门预算支出总表",
        *PAGE_TOP,
        *HEADER,
        "1\t\t合计\t1,234,567.89\t234,567.89\t1,000,000.00",
        "2\t210\t卫生健康支出\t1,234,567.89\t234,567.89\t1,000,000.00",
        "3\t21012\t财政对基本医疗保险基金的\t1,000,000.00\t\t1,000,000.00",
        *PAGE_TOP,
        *HEADER,
        "\t\t补助\t\t\t",
        "4\t2101202\t财政对城乡居民基本医疗保险基金的补助\t1,000,000.00\t—\t1,000,000.00",
    ]
    tables, parsed, problems = read(lines, unit="万元")
    assert [t.key for t in tables] == ["expenditure_summary"]
    assert tables[0].unit == "元"
    assert tables[0].columns == ["total", "basic", "project"]
    fund = by_code(parsed, "21012")
    assert fund.name == "财政对基本医疗保险基金的补助"
    assert fund.amounts == {"total": Decimal("1000000.00"), "project": Decimal("1000000.00")}
    assert fund.source_lines == (14, 25)
    residents = by_code(parsed, "2101202")
    assert "basic" not in residents.amounts  # "—" is not 0
    total = [x for x in parsed if x.row_kind == "total"]
    assert total[0].amounts["total"] == Decimal("1234567.89")
    assert not problems


def test_codes_in_lei_kuan_xiang_columns():
    lines = [
        "2025 年一般公共预算支出情况表",
        "单位：万元",
        "科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出",
        "类\t款\t项\t\t\t\t",
        "\t\t\t\t100.50\t0.50\t100.00",
        "210\t12\t02\t财政对城乡居民基本医疗\t100.00\t\t100.00",
        "210\t15\t01\t行政运行\t0.50\t0.50\t",
    ]
    tables, parsed, _ = read(lines)
    assert tables[0].key == "general_budget_expenditure"
    residents = by_code(parsed, "2101202")
    assert residents.name == "财政对城乡居民基本医疗保险基金的补助"
    assert residents.published_name == "财政对城乡居民基本医疗"
    assert residents.amounts["total"] == Decimal("1000000.00")
    assert by_code(parsed, "2101501").amounts == {"total": Decimal("5000.00"), "basic": Decimal("5000.00")}
    total = [x for x in parsed if x.row_kind == "total"]
    assert total[0].name == "合计" and total[0].amounts["total"] == Decimal("1005000.00")


def test_codes_and_names_with_spaces_inside():
    lines = [
        "表3 部门支出总表",
        "单位：万元",
        *HEADER,
        "1\t2101 202\t财政对城乡居 民基本医疗保 险基金的补助\t10.00\t\t10.00",
        "2\t210110 1\t行政 单位 医疗\t1.00\t1.00\t",
        "3\t2101 3\t医疗救助\t2.00\t\t2.00",
    ]
    _, parsed, _ = read(lines)
    assert by_code(parsed, "2101202").name == "财政对城乡居民基本医疗保险基金的补助"
    assert by_code(parsed, "2101101").name == "行政单位医疗"
    assert by_code(parsed, "21013").amounts["project"] == Decimal("20000.00")


def test_code_cut_at_the_page_end_continues_in_the_code_column():
    lines = [
        "部门预算支出总表",
        "单位：万元",
        *HEADER,
        "1\t210110\t公务员医疗补助\t3.87\t3.87\t",
        "450 某县医疗保障局",
        "单位：万元",
        *HEADER,
        "\t3\t\t\t\t",
        "2\t2101202\t财政对城乡居民基本医疗保险基金的补助\t5.00\t\t5.00",
    ]
    _, parsed, problems = read(lines)
    assert by_code(parsed, "2101103").source_lines == (6, 12)
    assert not problems


def test_lone_piece_without_tabs_after_the_repeated_header():
    lines = [
        "部门预算支出总表",
        "单位：万元",
        *HEADER,
        "1\t20899\t其他社会\t2.00\t\t2.00",
        "450 某县医疗保障局",
        "单位：万元",
        *HEADER,
        "保障和就业支出",
        "2\t2089999\t其他社会保障和就业支出\t2.00\t\t2.00",
    ]
    _, parsed, _ = read(lines)
    other = by_code(parsed, "20899")
    assert other.published_name == "其他社会保障和就业支出"
    assert other.source_lines == (6, 12)


def test_two_sided_summary_table_without_codes():
    lines = [
        "部门收支总表",
        "单位：万元",
        "收入\t\t支出\t",
        "项目\t金额\t项目\t金额",
        "一、一般公共预算\t100.00\t一、一般公共服务\t",
        "\t\t八、社会保障和就业\t10.00",
        "\t十、卫生健康\t90.00",
        "收入总计\t100.00\t支出总计\t100.00",
    ]
    _, parsed, _ = read(lines)
    health = [x for x in parsed if x.code == "210"]
    assert [(x.name, x.amounts["total"], x.row_kind) for x in health] == [
        ("卫生健康", Decimal("900000.00"), "expenditure")
    ]
    assert [x.name for x in parsed if x.row_kind == "total"] == ["收入总计", "支出总计"]


def test_odd_cells_are_reported_with_their_line():
    lines = [
        "部门预算支出总表",
        "单位：万元",
        *HEADER,
        "1\t210\t卫生健康支出\t12.3a\t\t1.00",
        "2\t21\t缺位编码\t1.00\t1.00\t",
    ]
    _, parsed, problems = read(lines)
    assert {(p.code, p.lines) for p in problems} == {("bad_amount", (6,)), ("bad_code", (7,))}
    assert all(p.severity is Severity.WARNING for p in problems)
    assert by_code(parsed, "210").amounts == {"project": Decimal("10000.00")}


def test_declared_empty_tables():
    lines = [
        "## 政府性基金预算支出表",
        "单位：万元",
        *HEADER,
        "",
        "注：本单位无政府性基金预算，空表列示。",
        "2025 年国有资本经营预算支出表",
        "单位：万元",
        *HEADER,
    ]
    tables, parsed, _ = read(lines)
    assert [(t.key, t.declared_empty) for t in tables] == [("gov_fund", True), ("state_capital", True)]
    assert parsed == []


def test_table_without_any_unit_is_a_problem_not_a_crash():
    lines = ["部门预算支出总表", *HEADER, "1\t210\t卫生健康支出\t1.00\t1.00\t"]
    _tables, parsed, problems = read(lines, unit=None)
    assert parsed == []
    assert [p.code for p in problems] == ["table_unit"]


def test_contents_lists_and_sentences_are_not_tables():
    lines = [
        "部门预算收支总表.....\t2",
        "- （1）2024 年部门收支总体情况表；",
        "具体内容见下表。",
        "表1\t单位综合预算收支总表\t否\t",
    ]
    tables, parsed, problems = read(lines, unit="万元")
    assert (tables, parsed, problems) == ([], [], [])
