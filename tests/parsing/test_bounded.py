"""Bounded parsing: no pattern of the parsers backtracks super-linearly, and a document has a parse budget.

The patterns are run under a CPU-time budget (an ITIMER_PROF timer per pattern and line that interrupts the match),
not timed: a linear pattern uses a small part of it on a 100,000-character line even on a busy machine, while a
quadratic one (the old contents-list pattern took minutes on a line of dots) cannot finish inside it.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from disclosures.parsing import ParseBudget, parse_disclosure
from disclosures.parsing.budget import MAX_LINE_CHARS
from disclosures.parsing.completeness import contents_entries, dotted_title
from disclosures.parsing.types import DisclosureError

from .hostile_lines import LENGTH, hostile_lines, parser_patterns

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
CPU_SECONDS = 10.0  # per pattern and line; the slowest linear pattern needs about a third of it on an idle machine


class OverBudget(Exception):
    pass


def _over(signum, frame):
    raise OverBudget


@pytest.fixture
def cpu_budget():
    """run(fn) calls fn under a CPU-time budget; returns its result or raises OverBudget."""
    previous = signal.signal(signal.SIGPROF, _over)

    def run(fn):
        signal.setitimer(signal.ITIMER_PROF, CPU_SECONDS)
        try:
            return fn()
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)

    yield run
    signal.signal(signal.SIGPROF, previous)


def test_the_patterns_are_found():
    patterns = parser_patterns()
    assert len(patterns) > 100
    assert "completeness._CONTENTS_HEADING" in patterns
    assert all(len(line) >= LENGTH for _label, line in hostile_lines())


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="no database involved: run in the SQLite pass"
)
def test_every_parser_pattern_finishes_on_hostile_lines_within_the_budget(cpu_budget):
    lines = hostile_lines()
    over = []
    searched = 0
    for name, pattern in parser_patterns().items():
        for label, line in lines:
            try:
                cpu_budget(lambda p=pattern, text=line: p.search(text))
                searched += 1
            except OverBudget:
                over.append(f"{name} on {label}")
    assert over == [], "super-linear patterns:\n" + "\n".join(over)
    assert searched == len(parser_patterns()) * len(lines)


def test_a_contents_line_of_forty_thousand_dots_is_no_entry(cpu_budget):
    assert cpu_budget(lambda: dotted_title("." * 40_000)) is None
    assert cpu_budget(lambda: dotted_title("一、部门预算收支总表" + "." * 40_000 + "x")) is None
    assert cpu_budget(lambda: dotted_title("一、部门预算收支总表" + "." * 40_000 + "12")) == "一、部门预算收支总表"
    assert cpu_budget(lambda: contents_entries(["目录", "." * 40_000 + "1"])) == ([], 0)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("一、部门预算收支总表........3", "一、部门预算收支总表"),
        ("二、部门收入总表……\t4", "二、部门收入总表"),
        ("第三部分 名词解释···· 12 ", "第三部分 名词解释"),
        ("表 1... 2", "表 1"),
        ("a..2", None),  # two dots are no leader
        ("部门收入总表........", None),  # no page number
        ("部门\t收入总表......5", None),  # a title has no tab
    ],
)
def test_dotted_titles_read_as_before(line, title):
    assert dotted_title(line) == title


def test_a_hundred_thousand_dot_line_is_refused_with_its_line_number(cpu_budget):
    text = "顺平县医疗保障局2023年部门预算\n" + "." * 100_000 + "\n单位：万元\n"
    with pytest.raises(DisclosureError) as refused:
        cpu_budget(lambda: parse_disclosure(text))
    assert refused.value.line == 2
    assert f"{MAX_LINE_CHARS:,}" in refused.value.message


class SteppingClock:
    """A clock that moves on by one second each time it is read: a budget of n seconds passes n checks."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.mark.parametrize(("seconds", "stage"), [(0, "文件信息"), (1, "表格"), (2, "文中数字"), (3, "核对")])
def test_a_document_over_its_budget_is_refused_naming_the_stage(seconds, stage):
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    with pytest.raises(DisclosureError) as refused:
        parse_disclosure(text, budget=ParseBudget(seconds, clock=SteppingClock()))
    assert f"读到“{stage}”时已用时超过 {seconds} 秒" in refused.value.message


def test_a_document_within_its_budget_parses():
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    result = parse_disclosure(text, budget=ParseBudget(10, clock=SteppingClock()))
    assert result.meta.publisher == "顺平县医疗保障局"
