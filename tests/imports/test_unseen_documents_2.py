"""Second round of documents from counties the importer was not built on: shapes the first round did not try.

The fixtures live in tests/data/unseen/. What each one models:

g_anji_2025_budget_zhejiang.txt
    浙江省 湖州市 安吉县医疗保障局 (330523), 2025 部门预算 in the 浙江/江苏 template: "部门收支总表", "部门收入总表",
    "部门支出总表（按功能分类科目）", "一般公共预算支出表（按功能分类科目）" and "一般公共预算基本支出表（按部门预算经济
    分类科目）" with the economic codes split into 类/款 columns ("301\\t01\\t基本工资"), amounts in 万元 with four
    decimals (21.0836), "单位名称：…\\t单位：万元" above each header, and the 支出总表 continued over three pages whose
    header rows are repeated without the title ("第1页，共3页" between them). Consistent.
h_yishui_2025_budget_prose.txt
    山东省 临沂市 沂水县医疗保障局 (371323), 2025 部门预算 whose prose words the figures otherwise:
    "全县城乡居民参保28.6万人", "居民医保财政补助标准每人每年不低于670元，其中县级负担不低于67元" (the county's share,
    67元, is the per-head figure; 670元 is the all-levels minimum), "机关运行经费预算为45.6万元", and a 医疗救助
    paragraph "中央财政补助资金320万元、省级补助120万元、县级配套80万元". Consistent (67元 × 28.6万人 = 1916.20万元).
i_zigui_2023_final_adjusted.txt
    湖北省 宜昌市 秭归县医疗保障局 (420527), 2023 部门决算 whose tables print 年初预算数 / 调整预算数 / 决算数, the
    决算数 split into 基本支出 / 项目支出 / 合计 (in that order); thousands separators; the narrative says
    "本年支出合计1,234.56万元" and also names the 年初预算 1,100.00万元. The 决算数 are the document's figures.
    Consistent.
j_xiantao_2024_unit_budget_affairs_centre.txt
    湖北省 仙桃市医疗保障事务中心 (429004, a 直辖县级市 with no prefecture), 2024 单位预算 published by the
    事务中心 itself: its title line begins with its name, while its text also names 仙桃市医疗保障局 ("仙桃市医疗保障
    事务中心是仙桃市医疗保障局所属公益一类事业单位"). Insured "≥96万人" residents, "≥18万人" employees. Consistent.
k_qixian_2024_budget_spaced_columns.txt
    山西省 晋中市 祁县医疗保障局 (140727), 2024 部门预算 as `pdftotext -layout` gives it: no tabs, cells separated
    by runs of spaces, empty cells simply missing (a row's amount stands under its column), a two-row header over the
    基本支出表, the 支出总表 over two pages with its header repeated. "参保人数达到253,418人".
    Planted: 办公费 printed as 8.00, so the 302 row's 21.90 is 1.00 short of its items: a children-sum warning.
"""

from decimal import Decimal

import pytest

from .conftest import run_import
from .unseen import UNSEEN, assert_amounts, imported, wan, warnings

pytestmark = pytest.mark.django_db


def test_anji_zhejiang_template_with_split_economic_codes_and_four_decimals():
    record = imported("g_anji_2025_budget_zhejiang.txt")
    assert (record["region_code"], record["bureau"]) == ("330523", "安吉县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2025, "budget", "department", "万元")
    assert_amounts(
        record,
        {
            "total": wan("3256.4800"),
            "basic": wan("286.4800"),
            "project": wan("2970.0000"),
            "personnel": wan("261.8800"),
            "public": wan("24.6000"),
        },
        {
            "2080505": wan("21.0836"),
            "2080506": wan("9.0364"),
            "2101202": wan("2650.0000"),
            "21013": wan("280.0000"),
            "2101301": wan("280.0000"),
            "2101501": wan("231.8000"),
            "2210201": wan("14.0000"),
        },
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("24.60")
    assert Decimal(figures["insured_residents"]) == 530000
    assert Decimal(figures["stated_subsidy_per_insured"]) == 50
    assert warnings(record) == []


def test_anji_split_economic_codes_and_rows_of_every_page():
    from disclosures.models import BudgetLine

    imported("g_anji_2025_budget_zhejiang.txt")
    economic = dict(
        BudgetLine.objects.filter(table__key="basic_expenditure").exclude(code="").values_list("code", "name")
    )
    assert economic["30101"] == "基本工资" and economic["30239"] == "其他交通费用" and economic["30305"] == "生活补助"
    assert "301" in economic and "01" not in economic
    # The 支出总表 runs over three pages: every row of every page is read once.
    codes = list(BudgetLine.objects.filter(table__key="expenditure_summary").values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 18


def test_yishui_prose_wordings_of_insured_subsidy_and_running_costs():
    record = imported("h_yishui_2025_budget_prose.txt")
    assert (record["region_code"], record["bureau"]) == ("371323", "沂水县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2025, "budget", "department", "万元")
    assert_amounts(
        record,
        {"total": wan("2284.70"), "basic": wan("248.50"), "project": wan("2036.20"), "public": wan("45.60")},
        {"2101202": wan("1916.20"), "21013": wan("80.00"), "2101301": wan("80.00"), "2101501": wan("199.30")},
    )
    figures = record["figures"]
    assert Decimal(figures["insured_residents"]) == 286000
    # The county's share, not the all-levels minimum of 670元 stated in the same sentence.
    assert Decimal(figures["stated_subsidy_per_insured"]) == 67
    assert Decimal(figures["running_costs"]) == wan("45.6")
    assert Decimal(figures["three_public"]) == wan("0.8")
    # 67元 × 286000 = 1916.20万元: agrees with 2101202, so no finding.
    assert warnings(record) == []


def test_yishui_medical_assistance_by_source_without_the_word_funds():
    from disclosures.models import StatedFigure

    imported("h_yishui_2025_budget_prose.txt")
    by_source = dict(StatedFigure.objects.filter(key__startswith="assistance_").values_list("key", "value"))
    assert by_source == {
        "assistance_central": wan("320"),
        "assistance_provincial": wan("120"),
        "assistance_county": wan("80"),
    }


def test_zigui_final_accounts_use_the_final_column_not_the_initial_budget():
    record = imported("i_zigui_2023_final_adjusted.txt")
    assert (record["region_code"], record["bureau"]) == ("420527", "秭归县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2023, "final", "department", "万元")
    assert_amounts(
        record,
        {
            "total": wan("1234.56"),
            "basic": wan("262.34"),
            "project": wan("972.22"),
            "personnel": wan("236.04"),
            "public": wan("26.30"),
        },
        {
            "2101202": wan("780.00"),
            "21013": wan("162.22"),
            "2101301": wan("162.22"),
            "2101501": wan("217.10"),
            "2101506": wan("30.00"),
        },
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("26.30")
    assert Decimal(figures["insured_residents"]) == 300000
    assert Decimal(figures["stated_subsidy_per_insured"]) == 26
    assert warnings(record) == []


def test_zigui_changed_narrative_total_is_found(tmp_path):
    text = (UNSEEN / "i_zigui_2023_final_adjusted.txt").read_text(encoding="utf-8")
    changed = text.replace("本年支出合计1,234.56万元", "本年支出合计1,243.56万元")
    assert changed != text
    target = tmp_path / "zigui_changed.txt"
    target.write_text(changed, encoding="utf-8")
    [record], status = run_import(str(target))
    assert status == 0
    found = warnings(record)
    assert [f["code"] for f in found] == ["prose_total"]
    assert "1,243.56万元" in found[0]["message"] and "1,234.56万元" in found[0]["message"]


def test_xiantao_affairs_centre_publishing_its_own_unit_budget():
    record = imported("j_xiantao_2024_unit_budget_affairs_centre.txt")
    assert (record["region_code"], record["bureau"]) == ("429004", "仙桃市医疗保障事务中心")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2024, "budget", "unit", "万元")
    assert_amounts(
        record,
        {"total": wan("486.30"), "basic": wan("396.30"), "project": wan("90.00"), "public": wan("31.80")},
        {"2101550": wan("297.50"), "2101506": wan("90.00")},
    )
    for code in ("2101202", "21013", "2101501"):
        assert code not in record["functional"]
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("31.80")
    assert Decimal(figures["insured_residents"]) == 960000
    assert Decimal(figures["insured_employees"]) == 180000
    assert warnings(record) == []


def test_affairs_centre_named_in_the_text_is_still_not_the_publisher():
    """盐边 names its 事务中心 as a sub-unit; the 仙桃 text names the bureau the centre belongs to: neither makes
    the other the publisher."""
    from .conftest import seed

    [record], status = run_import(str(seed("001")))
    assert status == 0 and record["bureau"] == "盐边县医疗保障局"


def test_qixian_space_aligned_columns_without_tabs():
    record = imported("k_qixian_2024_budget_spaced_columns.txt")
    assert (record["region_code"], record["bureau"]) == ("140727", "祁县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2024, "budget", "department", "万元")
    assert_amounts(
        record,
        {
            "total": wan("1356.20"),
            "basic": wan("226.20"),
            "project": wan("1130.00"),
            "personnel": wan("204.30"),
            "public": wan("21.90"),
        },
        {
            "2101202": wan("1013.67"),
            "21013": wan("86.33"),
            "2101301": wan("86.33"),
            "21015": wan("213.90"),
            "2101501": wan("183.90"),
            "2101506": wan("30.00"),
        },
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("21.90")
    assert Decimal(figures["insured_residents"]) == 253418


def test_qixian_amount_keeps_its_column_when_the_empty_cell_before_it_is_gone():
    from disclosures.models import BudgetLine

    imported("k_qixian_2024_budget_spaced_columns.txt")
    line = BudgetLine.objects.get(table__key="expenditure_summary", code="2101202")
    assert line.amounts == {"total": Decimal("10136700.00"), "project": Decimal("10136700.00")}
    assert line.name == "财政对城乡居民基本医疗保险基金的补助"


def test_qixian_planted_children_sum_is_found():
    record = imported("k_qixian_2024_budget_spaced_columns.txt")
    found = warnings(record)
    assert [f["code"] for f in found] == ["children_sum"]
    assert "302" in found[0]["message"] and "1.00万元" in found[0]["message"]
    assert 64 in found[0]["lines"]


def test_space_aligned_rows_are_split_only_inside_a_table_without_tabs():
    from disclosures.parsing.table_spaces import tabulate_spaced

    prose = ["2024年支出预算1356.20万元，  其中：基本支出226.20万元。", "单位  名称"]
    assert tabulate_spaced(prose) == prose
    table = [
        "部门支出总表",
        "单位：万元",
        "科目编码  科目名称      合计    基本支出    项目支出",
        "2101202  补助  10.00           10.00",
    ]
    assert tabulate_spaced(table)[3] == "2101202\t补助\t10.00\t\t10.00"
    tabbed = ["部门支出总表", "科目编码\t科目名称\t合计", "2101202  补助  10.00"]
    assert tabulate_spaced(tabbed) == tabbed  # a table that has its tabs is read as it is
