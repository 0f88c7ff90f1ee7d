"""Table and text shapes of other counties' documents, in small pieces (see tests/imports/test_unseen_documents.py
for whole documents)."""

from decimal import Decimal

from disclosures.parsing import parse_disclosure
from disclosures.parsing.table_layout import build_layout
from disclosures.parsing.table_titles import title_key
from disclosures.parsing.text import half_width_numbers


def _lines(result, table):
    return [line for line in result.lines if line.table == table]


def test_table_number_and_document_heading_lines_are_not_titles():
    assert title_key("公开01表") is None
    assert title_key("部门公开表02") is None
    assert title_key("2024年单位预算公开表") is None
    assert title_key("部门决算公开报表") is None
    assert title_key("收入支出决算总表") == "income_expenditure_summary"
    assert title_key("财政拨款收入支出决算总表") == "fiscal_summary"
    assert title_key("一般公共预算财政拨款“三公”经费支出决算表") == "three_public"


def test_final_accounts_columns_keep_this_years_accounts_as_total():
    headers = [
        ["科目编码", "科目名称", "年初预算数", "", "", "全年预算数", "", "", "全年决算数", "", ""],
        ["", "", "小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出"],
    ]
    layout = build_layout(headers, 11)
    keys = dict(layout.sections[0].amounts)
    assert (keys[8], keys[9], keys[10]) == ("total", "basic", "project")
    assert keys[2] == "年初预算数" and keys[3] == "年初预算数基本支出"


TAB_UNIT = """浏阳市医疗保障局2023年度部门决算
支出决算表
公开03表
部门：浏阳市医疗保障局\t\t\t\t金额单位：元
科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出
\t合计\t1,234,567.89\t234,567.89\t1,000,000.00
2101501\t行政运行\t234,567.89\t234,567.89\t
2101202\t财政对城乡居民基本医疗保险基金的补助\t1,000,000.00\t\t1,000,000.00
本年支出合计123.46万元，其中基本支出23.46万元，项目支出100.00万元，这一句话写得足够长以便结束表格区域。
"""


def test_unit_printed_in_a_tab_row_above_the_header():
    result = parse_disclosure(TAB_UNIT)
    assert result.meta.unit == "元"
    [table] = [t for t in result.tables if t.key == "expenditure_summary"]
    assert table.unit == "元"
    line = next(x for x in _lines(result, "expenditure_summary") if x.code == "2101202")
    assert line.amounts["total"] == Decimal("1000000.00")
    assert result.meta.prose_unit == "万元"


def test_full_width_numbers_become_ascii_and_keep_every_offset():
    text = "２１０１２０２\t财政对城乡居民\t２，３６１．５６\n全年，共计"
    out = half_width_numbers(text)
    assert out == "2101202\t财政对城乡居民\t2,361.56\n全年，共计"
    assert len(out) == len(text)


def test_narrative_code_sentences_and_class_paths_make_one_line_per_code():
    text = (
        "某县医疗保障局2023年度部门决算\n"
        "2023年度一般公共预算财政拨款支出100.00万元。\n"
        "2101301城乡医疗救助支出60.00万元，占60%；\n"
        "2101501行政运行支出40.00万元，占40%。\n"
        "卫生健康支出（类）医疗救助（款）城乡医疗救助（项）。年初预算为50.00万元，支出决算为60.00万元，"
        "完成年初预算的120%。\n"
    )
    result = parse_disclosure(text)
    by_code = {line.code: line for line in result.lines if line.code}
    assert set(by_code) == {"2101301", "2101501"}
    assert by_code["2101301"].amounts == {"total": Decimal("600000.00"), "年初预算": Decimal("500000.00")}
    assert not [p for p in result.problems if p.severity != "info"]
