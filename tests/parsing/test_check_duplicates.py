"""Duplicate and impossible data are findings: a table printed twice with other figures, a row repeated 10,000
times, an amount no county could budget, a cell that is no number. Nothing silently dropped or multiplied."""

import os
import subprocess
import sys
from pathlib import Path

from disclosures.parsing import parse_disclosure
from disclosures.parsing.reading import decode_disclosure
from disclosures.parsing.types import Severity
from disclosures.summary import summarise

ROOT = Path(__file__).resolve().parents[2]
SEED = next((ROOT / "data" / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
LINES = SEED.split("\n")
# 顺平 2023: 《部门预算支出总表》 from its title to its last line, as the parser reads it (0-based slice).
TABLE = next(t for t in parse_disclosure(SEED).tables if t.key == "expenditure_summary")
START, END = TABLE.start_line - 1, TABLE.end_line
ROW = next(i for i in range(START, END) if "2101202" in LINES[i])


def with_row(text: str) -> str:
    """The seed with its 2101202 row of the table replaced by `text`."""
    return "\n".join([*LINES[:ROW], text, *LINES[ROW + 1 :]])


def findings(text: str, code: str):
    return [p for p in parse_disclosure(text).problems if p.code == code]


def test_a_table_printed_twice_with_other_figures_is_a_warning_naming_both():
    second = [line.replace("3200.00", "3300.00") for line in LINES[START:END]]
    text = "\n".join(LINES[:END] + second + LINES[END:])
    [found] = findings(text, "duplicate_table")
    assert found.severity == Severity.WARNING
    assert "《部门预算支出总表》印了两次" in found.message
    assert "3,200.00万元" in found.message and "3,300.00万元" in found.message
    assert ROW + 1 in found.lines and ROW + 1 + (END - START) in found.lines
    result = parse_disclosure(text)
    assert summarise(result.lines, result.figures).functional["2101202"].value == 32000000  # the first, as it says


def test_a_table_printed_twice_with_the_same_figures_is_information():
    text = "\n".join(LINES[:END] + LINES[START:END] + LINES[END:])
    [found] = findings(text, "duplicate_table")
    assert found.severity == Severity.INFO and "数字相同" in found.message


def test_ten_thousand_repeated_rows_are_a_warning_and_counted_once():
    text = "\n".join(LINES[: ROW + 1] + [LINES[ROW]] * 10_000 + LINES[ROW + 1 :])
    result = parse_disclosure(text)
    [found] = [p for p in result.problems if p.code == "repeated_rows"]
    assert found.severity == Severity.WARNING
    assert "出现了 10,001 次" in found.message and "2101202" in found.message
    assert found.lines[:2] == (ROW + 1, ROW + 2)
    assert summarise(result.lines, result.figures).functional["2101202"].value == 32000000  # not multiplied


def test_an_amount_no_county_could_budget_is_a_warning():
    text = with_row(LINES[ROW].replace("3200.00", "99999999999.00"))
    [found] = findings(text, "implausible_amount")
    assert found.severity == Severity.WARNING
    assert "99,999,999,999.00万元" in found.message and "1,000 亿元" in found.message
    assert found.lines == (ROW + 1,)


def test_a_1e308_cell_is_a_finding_not_a_number():
    text = with_row(LINES[ROW].replace("3200.00", "1e308"))
    [found] = [p for p in findings(text, "bad_amount") if "1e308" in p.message]
    assert found.severity == Severity.WARNING and found.lines == (ROW + 1,)
    assert "财政对城乡居民基本医疗保险基金的补助" in found.message and "没有读入" in found.message


def test_the_samples_and_unseen_documents_have_no_such_findings():
    paths = sorted((ROOT / "data" / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "unseen").glob("*.txt"))
    for path in paths:
        result = parse_disclosure(decode_disclosure(path.read_bytes(), max_bytes=10**7))
        codes = {p.code for p in result.problems}
        assert not codes & {"repeated_rows", "duplicate_table", "implausible_amount", "check_failed"}, path.name


def test_a_table_printed_twice_names_the_same_conflicts_on_every_run():
    """The finding names its first three conflicts in the table's order: the same words whatever the process's hash
    seed (a set's order varies with it), so an import's record does not change when the file is read again."""
    script = (
        "import sys; from tests.parsing.test_check_duplicates import LINES, START, END, findings;"
        "second = [l.replace('.00', '.01') for l in LINES[START:END]];"
        "text = '\\n'.join(LINES[:END] + second + LINES[END:]);"
        "[f] = findings(text, 'duplicate_table'); sys.stdout.write(f.message)"
    )
    messages = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    [message] = messages
    # Every row differs: the first coded row of the table (208, line 203) is named first, and the rest counted.
    assert message.split("数字不同：", 1)[1].startswith("“208 社会保障和就业支出”")
    assert "等 13 处" in message
