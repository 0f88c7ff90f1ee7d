"""read_tables on mutilated seeds: it may find less, but it never fails with anything but DisclosureError."""

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosures.parsing.tables import read_tables
from disclosures.parsing.types import DisclosureError, DocumentMeta

SEEDS = sorted((Path(__file__).resolve().parents[2] / "data" / "seeds").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8").split("\n") for p in SEEDS]
JUNK = st.sampled_from(
    [
        "\t",
        "\t\t\t",
        "合计\t\t\t",
        "单位：元",
        "表",
        "2101 2\t\t",
        "—\t—",
        "<b>1.0</b>\tx",
        "科目编码\t科目名称",
        "9" * 40,
    ]
)


@st.composite
def mutated(draw):
    lines = list(draw(st.sampled_from(TEXTS)))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["cut", "delete", "junk", "digit", "swap", "tabs"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "cut":
            lines = lines[: i + 1] if draw(st.booleans()) else lines[i:]
        elif op == "delete":
            del lines[i : i + draw(st.integers(1, 20))]
        elif op == "junk":
            lines.insert(i, draw(JUNK))
        elif op == "digit":
            lines[i] = "".join(draw(st.sampled_from("0123456789.,—")) if c.isdigit() else c for c in lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i].replace("\t", "", draw(st.integers(1, 3)))
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["元", "万元", None]))
def test_mutated_documents_never_crash(lines, unit):
    try:
        tables, parsed, _problems = read_tables(lines, meta=DocumentMeta(unit=unit))
    except DisclosureError:
        return
    for line in parsed:
        assert all(1 <= n <= len(lines) for n in line.source_lines)
    for table in tables:
        assert 1 <= table.start_line <= table.end_line <= len(lines)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="\t 合计编码科目名称项目金额单位：元万210.5—<b>", max_size=30), max_size=30))
def test_random_text_never_crashes(lines):
    with contextlib.suppress(DisclosureError):
        read_tables(lines, meta=DocumentMeta(unit="万元"))


def test_a_lone_word_after_a_table_of_amounts_alone_is_no_crash():
    """Found by the test above: a page break, then a lone word, in a table whose headers name no name column
    (its rows read as unnamed totals, the name column past the last cell)."""
    lines = [
        "## 部门预算财政拨款收支总表",
        "序号\t收入\t\t支出\t\t\t\t",
        "33\t一、一般公共预算拨款\t\t\t\t\t\t",
        "栏次\t1\t2\t3\t4\t5\t6\t7",
        "450 高邑县医疗保障局",
    ]
    tables, _parsed, _problems = read_tables(lines, meta=DocumentMeta(unit="元"))
    assert [t.key for t in tables] == ["fiscal_summary"]
