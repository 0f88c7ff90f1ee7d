"""Figures the documents state in their prose and target tables, as a reader would check them against the text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from disclosures.parsing.types import DocumentMeta, ParsedTable, StatedFigure
from tests.parsing.readers import figures_of_lines, meta_of

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
WAN = Decimal(10000)


def seed_lines(prefix: str) -> list[str]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")


def figures_of(prefix: str, tables: list[ParsedTable] | None = None) -> tuple[list[str], list[StatedFigure]]:
    lines = seed_lines(prefix)
    figures, problems = figures_of_lines(lines, meta=meta_of(lines), tables=tables or [])
    assert problems == []
    return lines, figures


def values(figures: list[StatedFigure], key: str) -> set[Decimal]:
    return {f.value for f in figures if f.key == key and f.year is None}


def only(figures: list[StatedFigure], key: str) -> StatedFigure:
    found = [f for f in figures if f.key == key and f.year is None]
    assert len({f.value for f in found}) == 1, found
    return found[0]


def sentence_figures(*sentences: str, year: int = 2023) -> list[StatedFigure]:
    figures, _ = figures_of_lines(list(sentences), meta=DocumentMeta(year=year), tables=[])
    return figures


def assert_quoted(lines: list[str], figure: StatedFigure, printed: str) -> None:
    """The figure's line holds the figure as printed, and the quote is taken from that line."""
    assert printed in lines[figure.line - 1]
    assert printed in figure.quote


# --- 顺平 2023 部门预算 -------------------------------------------------------------------------------------------


def test_shunping_prose_total_is_kept_as_stated_not_as_the_tables_print_it():
    lines, figures = figures_of("000")
    # "2023年预算收入为3798.42万元" is the income, "2023年部门支出预算：3798.42万元" the spending.
    stated = [(f.key, f.line) for f in figures if f.value == Decimal("3798.42") * WAN and f.key.endswith("total")]
    assert stated == [("income_total", 556), ("total", 560)]
    assert_quoted(lines, only(figures, "total"), "3798.42万元")
    assert Decimal("3798.25") * WAN not in values(figures, "total")


def test_shunping_running_costs_and_the_reception_cost_in_the_prose():
    lines, figures = figures_of("000")
    running = only(figures, "running_costs")
    assert (running.value, running.label, running.line) == (Decimal("239290"), "机关运行经费", 568)
    assert_quoted(lines, running, "23.9290万元")
    reception = only(figures, "three_public_reception")
    assert (reception.value, reception.line) == (Decimal("1260"), 572)
    assert values(figures, "three_public") == {Decimal("1260")}
    assert values(figures, "three_public_travel") == values(figures, "three_public_cars") == {Decimal(0)}
    assert values(figures, "basic") == {Decimal("338.019") * WAN}
    assert values(figures, "public") == {Decimal("23.929") * WAN}


def test_shunping_insured_residents_and_subsidy_per_head_from_the_target_table():
    lines, figures = figures_of("000")
    assert values(figures, "insured_residents") == {Decimal(250000)}
    assert values(figures, "subsidy_per_insured") == {Decimal(128)}
    subsidy = next(f for f in figures if f.key == "subsidy_per_insured")
    assert subsidy.unit == "元/人"
    assert_quoted(lines, subsidy, "每人每年政府补助128元")
    # The target row counts too, with the row as quote.
    row = next(f for f in figures if f.key == "insured_residents" and f.line == 660)
    assert "≤250000人" in row.quote
    # Not the county's figures: the premium individuals pay, the 5000 disabled people whose premium is paid.
    assert Decimal(350) not in values(figures, "subsidy_per_insured")
    assert Decimal(280) not in values(figures, "subsidy_per_insured")
    assert Decimal(5000) not in values(figures, "insured_residents")
    assert values(figures, "insured_employees") == set()


# --- 盐边 2022 部门决算 -------------------------------------------------------------------------------------------


def test_yanbian_totals_and_both_project_figures_with_their_lines():
    lines, figures = figures_of("001")
    assert values(figures, "total") == {Decimal("959.14") * WAN}
    assert values(figures, "basic") == {Decimal("331.08") * WAN}
    projects = {f.value: f.line for f in figures if f.key == "project"}
    assert projects == {Decimal("628.07") * WAN: 39, Decimal("628.06") * WAN: 188}
    assert "项目支出628.07万元" in lines[38]
    assert "项目支出628.06万元" in lines[187]


def test_yanbian_running_costs_insured_and_assistance_by_source():
    lines, figures = figures_of("001")
    running = only(figures, "running_costs")
    assert (running.value, running.label) == (Decimal("30.67") * WAN, "机关运行经费")
    assert values(figures, "insured_residents") == {Decimal(159600)}
    residents = only(figures, "insured_residents")
    assert_quoted(lines, residents, "15.96万人")
    assert values(figures, "insured_employees") == {Decimal(21500)}
    assert values(figures, "assistance_central") == {Decimal("376.76") * WAN}
    assert values(figures, "assistance_provincial") == {Decimal("80.51") * WAN}
    assert values(figures, "assistance_county") == {Decimal(150) * WAN}
    # "14.9万余人" for 2023 is neither this year's nor a count.
    assert not any(f.value == Decimal(149000) for f in figures)
    assert values(figures, "three_public") == {Decimal(500)}
    assert values(figures, "staff") == {Decimal(19)}


# --- 郾城 2024 部门预算 -------------------------------------------------------------------------------------------


def test_yancheng_running_costs_keep_their_wording_and_no_insured_count():
    _, figures = figures_of("002")
    running = only(figures, "running_costs")
    assert (running.value, running.label, running.line) == (Decimal("14.81") * WAN, "机构运行经费", 135)
    assert values(figures, "insured_residents") == set()
    assert values(figures, "subsidy_per_insured") == set()
    # "政府性基金收支预算 0.00 万元" is not the document's total.
    assert values(figures, "total") == {Decimal("7661.49") * WAN}
    assert values(figures, "three_public") == {Decimal(0)}


# --- 高邑 2026 部门预算 -------------------------------------------------------------------------------------------


def test_gaoyi_running_costs_insured_and_subsidy():
    lines, figures = figures_of("003")
    assert values(figures, "running_costs") == {Decimal("40.68") * WAN}
    assert values(figures, "insured_residents") == {Decimal(156500)}
    subsidy = only(figures, "subsidy_per_insured")
    assert subsidy.value == Decimal(140)
    assert_quoted(lines, subsidy, "140元/人/年")
    # 6800 poor people whose premium is paid, and the individual premium of 400元, are other figures.
    assert Decimal(6800) not in values(figures, "insured_residents")
    assert Decimal(400) not in values(figures, "subsidy_per_insured")
    # "公务用车购置及运维费0.97，…万元": the unit left out is the sentence's 万元; "无因公出国（境）费" is zero.
    assert values(figures, "three_public_cars") == {Decimal(9700)}
    assert values(figures, "three_public_travel") == {Decimal(0)}


# --- 镇安 2023 单位预算 -------------------------------------------------------------------------------------------


def test_zhenan_public_costs_stand_for_running_costs():
    lines, figures = figures_of("004")
    running = only(figures, "running_costs")
    assert (running.value, running.label, running.line) == (Decimal("9.38") * WAN, "公用经费", 199)
    assert_quoted(lines, running, "9.38 万元")


def test_zhenan_insured_residents_and_employees_and_staff():
    _, figures = figures_of("004")
    assert values(figures, "insured_residents") == {Decimal(249052)}
    assert values(figures, "insured_employees") == {Decimal(16500)}  # not the agency's own 24 staff
    staff = {f.label: f.value for f in figures if f.key == "staff"}
    assert staff == {"编制人数": Decimal(26), "实有人数": Decimal(24)}
    assert values(figures, "income_total") == {Decimal("313.17") * WAN}  # "本单位当年预算收入 313.17 万元"
    assert values(figures, "three_public") == {Decimal(0)}


# --- the same rules on other wording ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        ("2023年全县城乡居民参保人数达到156,500人。", "insured_residents", Decimal(156500)),
        ("2023年城乡居民医保参保人数为20.5万人。", "insured_residents", Decimal(205000)),
        ("全县职工医保参保3.2万人，城乡居民参保18万人。", "insured_employees", Decimal(32000)),
        ("县级财政按每人每年30元配套城乡居民医保补助资金。", "subsidy_per_insured", Decimal(30)),
        ("城乡居民医保人均财政补助标准县级承担65元。", "subsidy_per_insured", Decimal(65)),
        ("2023年，本部门机关运行经费预算为12.5万元。", "running_costs", Decimal(125000)),
        ("本年“三公”经费预算为12,600元。", "three_public", Decimal(12600)),
        ("2023年部门收支总预算1,234.56万元。", "grand_total", Decimal("12345600")),
        ("核定编制20名，实有人数18名。", "staff", Decimal(20)),
        ("安排县财政医疗救助资金80万元。", "assistance_county", Decimal(800000)),
        ("县级财政补助标准为每人每年640元。", "subsidy_per_insured", Decimal(640)),
        ("2023年部门收入预算2,000万元。", "income_total", Decimal(20000000)),
        ("2023年部门支出预算2,000万元。", "total", Decimal(20000000)),
        ("2023年度收入支出总计2995.39万元。", "grand_total", Decimal(29953900)),
        ("2023年度财政拨款收入支出总计0.3万元。", "fiscal_grand_total", Decimal(3000)),
    ],
)
def test_other_wording(sentence, key, value):
    assert value in values(sentence_figures(sentence), key)


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("全县城乡居民参保率达到95%以上。", "insured_residents"),
        ("国家规定城乡居民医保人均财政补助标准达到640元。", "subsidy_per_insured"),
        ("城乡居民个人缴费标准每人每年380元。", "subsidy_per_insured"),
        ("城乡居民医保财政补助标准为每人每年640元。", "subsidy_per_insured"),
        ("各级财政补助标准每人每年不低于640元。", "subsidy_per_insured"),
        ("资助困难群众23854人参加城乡居民医疗保险。", "insured_residents"),
        ("保障单位财政拨款职工24人工资。", "insured_employees"),
        ("2023年财政拨款收支总计959.14万元。", "total"),
        ("医疗救助项目支出607.27万元。", "project"),
        ("基本支出减少43.61万元，主要为减少人员工资。", "basic"),
        ("全县医疗救助资金支出754.38万元。", "assistance_county"),
        ("占本年支出合计的100%。", "total"),
    ],
)
def test_not_a_figure(sentence, key):
    assert values(sentence_figures(sentence), key) == set()


def test_figures_about_another_year_say_which():
    figures = sentence_figures(
        "2022年，本部门机关运行经费支出25.5万元。",
        "与2022年相比，机关运行经费减少1.2万元。",
        "较上年预算数5,446.66万元减少1648.24万元。",
    )
    other = {(f.key, f.value, f.year) for f in figures}
    assert other == {
        ("running_costs", Decimal(255000), 2022),
        ("prior_year_total", Decimal("54466600"), 2022),
    }
    assert values(figures, "running_costs") == set()  # nothing about this year


def test_counts_in_a_target_table_of_another_county():
    lines = [
        "## 3、城乡居民医保县级补助资金绩效目标表",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t城乡居民参保人数\t≥182,300人",
        "\t数量指标\t职工参保人数\t2.1万人",
        "\t成本指标\t县级财政补助标准\t每人补助45元",
        "## 4、困难群众资助参保资金绩效目标表",
        "产出指标\t数量指标\t资助参保人数\t≥6000人",
    ]
    figures, _ = figures_of_lines(lines, meta=DocumentMeta(year=2024), tables=[])
    assert values(figures, "insured_residents") == {Decimal(182300)}
    assert values(figures, "insured_employees") == {Decimal(21000)}
    assert values(figures, "subsidy_per_insured") == {Decimal(45)}
    assert next(f for f in figures if f.key == "insured_residents").line == 3


def test_tables_given_by_the_table_parser_name_the_rows_context():
    lines = [
        "产出指标\t数量指标\t参保人数\t≤50000人",
        "产出指标\t数量指标\t参保人数\t≤6000人",
    ]
    tables = [
        ParsedTable("performance_targets", "城乡居民医保配套资金绩效目标表", None, 1, 1),
        ParsedTable("performance_targets", "重度残疾人资助参保资金绩效目标表", None, 2, 2),
    ]
    figures, _ = figures_of_lines(lines, meta=DocumentMeta(year=2024), tables=tables)
    assert values(figures, "insured_residents") == {Decimal(50000)}


def test_seed_figures_do_not_depend_on_being_given_the_tables():
    _, without = figures_of("003")
    tables = [ParsedTable("performance_targets", "7、县财政补助居民医保资金绩效目标表", "万元", 646, 669)]
    _, with_tables = figures_of("003", tables)
    assert {(f.key, f.value, f.line) for f in without} == {(f.key, f.value, f.line) for f in with_tables}


# --- the name of a stated count or subsidy: whole, or none (the site's own name is shown) ---------------------------


@pytest.mark.parametrize(
    ("sentence", "key", "value", "label"),
    [
        # The number first: the sentence gives the count no name; a slice of it ("…基本医") is none.
        ("预计250000人参加城乡居民基本医疗保险。", "insured_residents", 250000, ""),
        ("城乡居民基本医疗保险参保人数达到156500人。", "insured_residents", 156500, "城乡居民基本医疗保险参保人数"),
        ("全县城乡居民基本医疗保险参保15.96万人。", "insured_residents", 159600, ""),
        ("每人每年政府补助128元。", "subsidy_per_insured", 128, "每人每年政府补助"),
        ("县财政每人补助标准为30元。", "subsidy_per_insured", 30, "每人补助标准"),
        ("人均财政补助标准为90元。", "subsidy_per_insured", 90, "人均财政补助标准"),
    ],
)
def test_a_stated_count_or_subsidy_is_named_whole_or_not_at_all(sentence, key, value, label):
    [figure] = [f for f in sentence_figures(sentence) if f.key == key]
    assert (figure.value, figure.label) == (Decimal(value), label)
    assert sentence.rstrip("。") in figure.quote or figure.quote in sentence  # the words, whole, are the quote


def test_a_target_rows_count_is_named_by_its_whole_cell():
    from disclosures.parsing.figure_counts import row_counts

    cell = "全县城乡居民基本医疗保险参保人数（以年度参保登记为准）"
    [figure] = row_counts(9, ["数量指标", cell, "≥250000人"], "绩效目标表")
    assert figure.label == cell  # not its first 20 characters, a word cut in two
