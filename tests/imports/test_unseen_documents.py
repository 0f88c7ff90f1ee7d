"""Documents from counties the importer was not built on: synthetic, but shaped like real extracted PDF text.

The fixtures live in tests/data/unseen/. What each one models:

a_liuyang_2023_final.txt
    湖南省 长沙市 浏阳市医疗保障局 (430181), 2023 部门决算 in 万元, in the national final-accounts template:
    收入支出决算总表 (with 行次 columns), 收入决算表 and 支出决算表 (本年收入合计 / 本年支出合计, 基本支出,
    项目支出, codes in three 类/款/项 columns: "210\\t15\\t01\\t行政运行", "210\\t\\t\\t卫生健康支出"),
    财政拨款收入支出决算总表, 一般公共预算财政拨款支出决算表 (本年支出 over 小计/基本支出/项目支出),
    一般公共预算财政拨款基本支出决算表 (人员经费 and 公用经费 side by side, each block with its own
    科目编码/科目名称/决算数), "三公"经费支出决算表 (预算数 and 决算数 groups, no name column), 政府性基金 /
    国有资本经营 tables declared empty. Every table carries "公开0N表" above its header
    and "部门：…\\t金额单位：万元"; 支出决算表 breaks over a page with a name cut in two. The prose repeats the totals,
    机关运行经费, the "三公" costs and the insured residents with a per-head subsidy. Consistent: no warnings.
b_luliang_2024_budget_yuan.txt
    云南省 曲靖市 陆良县医疗保障局 (530322), 2024 部门预算 in 元: thousands separators in every amount, "—" cells,
    a 项目支出表 with 项目分类 (特定目标类/其他运转类), a 三公 table with 单位名称 rows, a performance-target table with
    the insured residents and the per-head subsidy. Planted: the prose total 35,684,149.67元 against the tables'
    35,648,149.67元 (digits transposed).
c_tangxian_2025_budget.txt
    河北省 保定市 唐县医疗保障局, 2025 部门预算 (the 顺平 layout): must be 唐县 130627, not 行唐县; the text also names
    行唐县. Codes with spaces ("2101 202"), a name cut over two page breaks, an empty "三公" table. Consistent.
d1_dongqu_2024_unit_budget.txt
    东区医疗保障服务中心, 2024 单位预算: 东区 is a district of 攀枝花市 and of other cities; the text names
    攀枝花市东区医疗保障局, which settles it (510402). Tables numbered "表1", "表2" on a line of their own.
d2_xinhua_2024_unit_budget_ambiguous.txt
    新华区医疗保险经办中心, 2024 单位预算, naming no city: 新华区 is in 石家庄, 沧州 and 平顶山. Must fail with the
    "对应多个地区…请用 --region" error, and import with --region. A "2024年单位预算公开表" page heading above the table.
e_wuhua_2023_final_narrative.txt
    广东省 梅州市 五华县医疗保障局 (441424), 2023 部门决算 with no tables: the lines come from sentences of two shapes,
    "2101202财政对城乡居民基本医疗保险基金的补助支出2,650.00万元" and
    "卫生健康支出（类）医疗救助（款）城乡医疗救助（项）。年初预算为300.00万元，支出决算为360.60万元，
    完成年初预算的120.20%", the same items stated in both. Consistent.
f_xinfeng_2024_budget_gbk_crlf.txt
    江西省 赣州市 信丰县医疗保障局 (360722), 2024 部门预算, GBK with CRLF line endings: codes in full-width digits
    ("２１０１２０２") or with spaces inside ("2101 5 01", "210 11 01"), one amount in full-width digits. Consistent.
"""

from decimal import Decimal

import pytest

from .conftest import run_import
from .unseen import UNSEEN, assert_amounts, imported, path, wan, warnings

pytestmark = pytest.mark.django_db


def test_liuyang_final_accounts_in_the_national_template():
    record = imported("a_liuyang_2023_final.txt")
    assert (record["region_code"], record["bureau"]) == ("430181", "浏阳市医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2023, "final", "department", "万元")
    assert_amounts(
        record,
        {
            "total": wan("6758.00"),
            "basic": wan("481.90"),
            "project": wan("6276.10"),
            "personnel": wan("439.55"),
            "public": wan("42.35"),
        },
        {
            "208": wan("53.76"),
            "210": wan("6674.60"),
            "2101202": wan("4860.00"),
            "21013": wan("1250.50"),
            "2101301": wan("1250.50"),
            "21015": wan("551.80"),
            "2101501": wan("386.20"),
            "2101506": wan("120.00"),
            "2210201": wan("29.64"),
        },
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("42.35")
    assert Decimal(figures["three_public"]) == wan("7.20")
    assert Decimal(figures["insured_residents"]) == 1080000
    assert Decimal(figures["stated_subsidy_per_insured"]) == 45
    assert warnings(record) == []


def test_liuyang_three_public_table_reads_the_final_accounts_column():
    """The 三公 table prints 预算数 then 决算数: the 决算 document's "三公" total is the 决算数 (7.20), and the
    prose stating 7.20 agrees with it (no finding about an empty table or a different total)."""
    record = imported("a_liuyang_2023_final.txt")
    assert not [f for f in record["findings"] if f["code"] == "three_public"]


def test_luliang_budget_in_yuan_with_thousands_separators():
    record = imported("b_luliang_2024_budget_yuan.txt")
    assert (record["region_code"], record["bureau"]) == ("530322", "陆良县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2024, "budget", "department", "元")
    assert_amounts(
        record,
        {
            "total": Decimal("35648149.67"),
            "basic": Decimal("3248149.67"),
            "project": Decimal("32400000"),
            "personnel": Decimal("2968149.67"),
            "public": Decimal("280000"),
        },
        {
            "2101202": Decimal("28600000"),
            "21013": Decimal("3000000"),
            "2101301": Decimal("3000000"),
            "2101501": Decimal("2512345.67"),
        },
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == Decimal("280000")
    assert Decimal(figures["three_public"]) == Decimal("50000")
    assert Decimal(figures["insured_residents"]) == 260000
    assert Decimal(figures["stated_subsidy_per_insured"]) == 110


def test_luliang_planted_prose_total_is_found_and_written_in_yuan():
    record = imported("b_luliang_2024_budget_yuan.txt")
    found = warnings(record)
    assert [f["code"] for f in found] == ["prose_total"]
    message = found[0]["message"]
    # Amounts with fen, which 万元 would write with six decimals: the whole finding is in 元, exact, two decimals.
    assert message.endswith(
        "收支总计35,684,149.67元，而《部门收支总表》第24行「支出总计」为35,648,149.67元（相差36,000.00元）。"
    )
    assert found[0]["lines"]


def test_luliang_project_table_keeps_the_project_kinds():
    from disclosures.models import BudgetLine

    imported("b_luliang_2024_budget_yuan.txt")
    kinds = dict(
        BudgetLine.objects.filter(table__key="projects", classification="project").values_list("name", "row_kind")
    )
    assert kinds["城乡居民基本医疗保险县级配套资金"] == "特定目标类"
    assert kinds["医疗保障经办服务工作经费"] == "其他运转类"


def test_tangxian_is_tang_county_not_xingtang():
    record = imported("c_tangxian_2025_budget.txt")
    assert (record["region_code"], record["bureau"]) == ("130627", "唐县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2025, "budget", "department", "万元")
    assert_amounts(
        record,
        {"total": wan("4113.59"), "basic": wan("255.59"), "project": wan("3858.00")},
        {"2101202": wan("3588.00"), "21013": wan("210.00"), "2101301": wan("210.00"), "2101501": wan("198.66")},
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("25.48")
    assert Decimal(figures["insured_residents"]) == 520000
    assert Decimal(figures["stated_subsidy_per_insured"]) == 69
    # 69元 × 520000 = 3588万: agrees, so no subsidy finding; the empty 三公 table matches the prose's none.
    assert warnings(record) == []


def test_district_agency_resolved_by_the_city_its_text_names():
    record = imported("d1_dongqu_2024_unit_budget.txt")
    assert (record["region_code"], record["bureau"]) == ("510402", "东区医疗保障服务中心")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2024, "budget", "unit", "万元")
    assert_amounts(
        record,
        {"total": wan("235.80"), "basic": wan("190.80"), "project": wan("45.00"), "public": wan("15.50")},
        {"2101550": wan("156.42"), "2101506": wan("45.00")},
    )
    for code in ("2101202", "21013", "2101501"):
        assert code not in record["functional"]
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("15.50")  # a unit stating only its 公用经费
    assert Decimal(figures["insured_residents"]) == 93450
    assert Decimal(figures["insured_employees"]) == 68120
    assert warnings(record) == []


def test_district_agency_without_its_city_asks_for_the_region():
    [record], status = run_import(path("d2_xinhua_2024_unit_budget_ambiguous.txt"))
    assert status != 0 and record["status"] == "error"
    assert "对应多个地区" in record["error"] and "--region" in record["error"]
    for code in ("130105", "130902", "410402"):
        assert code in record["error"]

    record = imported("d2_xinhua_2024_unit_budget_ambiguous.txt", "--region", "130902")
    assert (record["region_code"], record["bureau"]) == ("130902", "新华区医疗保险经办中心")
    assert (record["year"], record["kind"], record["scope"]) == (2024, "budget", "unit")
    assert_amounts(
        record,
        {"total": wan("168.20"), "basic": wan("138.20"), "project": wan("30.00")},
        {"2101550": wan("110.80"), "2101506": wan("30.00")},
    )
    assert Decimal(record["figures"]["running_costs"]) == wan("11.60")
    assert warnings(record) == []


def test_wuhua_final_accounts_from_sentences_only():
    record = imported("e_wuhua_2023_final_narrative.txt")
    assert (record["region_code"], record["bureau"]) == ("441424", "五华县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2023, "final", "department", "万元")
    assert_amounts(
        record,
        {"total": wan("3318.46"), "basic": wan("291.86"), "project": wan("3026.60")},
        {
            "2101202": wan("2650.00"),
            "2101301": wan("360.60"),
            "2101501": wan("226.54"),
            "2101506": wan("16.00"),
            "2080505": wan("24.80"),
            "2210201": wan("19.40"),
        },
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("18.62")
    assert Decimal(figures["insured_residents"]) == 883500
    assert Decimal(figures["stated_subsidy_per_insured"]) == 30
    # Each item stated twice (by code, then by 类/款/项) is one line; the items add up to the stated total.
    assert record["lines"] == 9
    assert warnings(record) == []


def test_wuhua_keeps_the_initial_budget_of_the_items_it_details():
    from disclosures.models import BudgetLine

    imported("e_wuhua_2023_final_narrative.txt")
    line = BudgetLine.objects.get(code="2101301")
    assert line.from_narrative
    assert line.other_amounts.get("年初预算") == "3000000.00"
    assert len(line.source_lines) == 2


def test_wuhua_narrative_states_one_item_twice_with_different_amounts(tmp_path):
    text = (UNSEEN / "e_wuhua_2023_final_narrative.txt").read_text(encoding="utf-8")
    changed = text.replace("2101301城乡医疗救助支出360.60万元", "2101301城乡医疗救助支出366.60万元")
    assert changed != text
    target = tmp_path / "wuhua_changed.txt"
    target.write_text(changed, encoding="utf-8")
    [record], status = run_import(str(target))
    assert status == 0
    hits = [f for f in record["findings"] if f["code"] == "narrative_repeated"]
    assert hits and hits[0]["severity"] == "warning"
    assert "2101301" in hits[0]["message"]


def test_xinfeng_gbk_crlf_with_full_width_and_spaced_codes():
    raw = (UNSEEN / "f_xinfeng_2024_budget_gbk_crlf.txt").read_bytes()
    assert b"\r\n" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    record = imported("f_xinfeng_2024_budget_gbk_crlf.txt")
    assert (record["region_code"], record["bureau"]) == ("360722", "信丰县医疗保障局")
    assert (record["year"], record["kind"], record["scope"], record["unit"]) == (2024, "budget", "department", "万元")
    assert_amounts(
        record,
        {
            "total": wan("2361.56"),
            "basic": wan("191.56"),
            "project": wan("2170.00"),
            "personnel": wan("172.06"),
            "public": wan("19.50"),
        },
        {
            "210": wan("2327.10"),
            "2101202": wan("1950.00"),
            "21013": wan("180.00"),
            "2101301": wan("180.00"),
            "2101501": wan("150.30"),
        },
    )
    figures = record["figures"]
    assert Decimal(figures["running_costs"]) == wan("19.50")
    assert Decimal(figures["insured_residents"]) == 650000
    assert Decimal(figures["stated_subsidy_per_insured"]) == 30
    assert warnings(record) == []
