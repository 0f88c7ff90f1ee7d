"""Budget lines of a final account whose tables were images, read from its sentences."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from disclosures.parsing.types import Classification, DocumentMeta, ParsedLine, Severity
from tests.parsing.readers import meta_of, narrative_of

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
WAN = Decimal(10000)


def yanbian() -> tuple[list[str], list[ParsedLine]]:
    (path,) = SEEDS.glob("001_*.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    parsed, problems = narrative_of(lines, meta=meta_of(lines))
    assert problems == []
    return lines, parsed


def by_code(parsed: list[ParsedLine]) -> dict[str, ParsedLine]:
    return {p.code: p for p in parsed}


def test_yanbian_items_become_functional_lines_marked_as_narrative():
    lines, parsed = yanbian()
    codes = by_code(parsed)
    assistance = codes["2101301"]
    assert assistance.amounts["total"] == Decimal("607.27") * WAN
    assert (assistance.table, assistance.classification, assistance.from_narrative) == (
        "narrative",
        Classification.FUNCTIONAL,
        True,
    )
    assert assistance.name == "城乡医疗救助"
    (source,) = assistance.source_lines
    assert "城乡医疗救助（项）：支出决算为607.27万元" in lines[source - 1]
    assert codes["2101501"].amounts["total"] == Decimal("253.02") * WAN
    assert codes["2101501"].name == "行政运行"
    assert codes["2210201"].amounts["total"] == Decimal("23.98") * WAN  # "支出决算数为"


def test_yanbian_every_item_sentence_is_read_once_and_the_glossary_is_not():
    _, parsed = yanbian()
    items = [p for p in parsed if len(p.code) == 7]
    assert len(items) == 10
    assert sum((p.amounts["total"] for p in items), Decimal(0)) == Decimal("959.15") * WAN


def test_yanbian_classes_and_total_from_the_prose():
    _, parsed = yanbian()
    codes = by_code(parsed)
    assert codes["208"].amounts["total"] == Decimal("27.13") * WAN
    assert codes["210"].amounts["total"] == Decimal("908.04") * WAN
    assert codes["221"].amounts["total"] == Decimal("23.98") * WAN
    (total,) = [p for p in parsed if p.row_kind == "total"]
    assert (total.name, total.amounts["total"]) == ("合计", Decimal("959.14") * WAN)


def test_budget_and_final_amounts_in_one_sentence_and_another_unit():
    text = [
        "1.卫生健康（类）财政对基本医疗保险基金的补助（款）财政对城乡居民基本医疗保险基金的补助（项）："
        "年初预算为3,200万元，支出决算为3,198.50万元，完成年初预算的99.95%。",
        "2.卫生健康(类)医疗保障管理事务(款)事业运行(项)：支出决算为247,386.00元。",
    ]
    parsed, problems = narrative_of(text, meta=DocumentMeta(unit="万元"))
    assert problems == []
    codes = by_code(parsed)
    assert codes["2101202"].amounts == {"total": Decimal("31985000"), "年初预算": Decimal("32000000")}
    assert codes["2101550"].amounts == {"total": Decimal("247386.00")}


def test_a_name_not_in_the_standard_list_keeps_its_line_and_is_reported():
    text = ["3.卫生健康（类）医疗保障管理事务（款）某某专项工作（项）：支出决算为12.5万元。"]
    parsed, problems = narrative_of(text, meta=DocumentMeta())
    (line,) = parsed
    assert (line.code, line.name, line.amounts["total"]) == ("", "某某专项工作", Decimal(125000))
    (problem,) = problems
    assert problem.severity == Severity.INFO
    assert problem.lines == (1,)
    assert "某某专项工作" in problem.message


def test_a_budget_with_tables_has_no_item_sentences():
    (path,) = SEEDS.glob("000_*.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert narrative_of(lines, meta=meta_of(lines)) == ([], [])
