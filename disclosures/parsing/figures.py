"""Figures the document states in words: from its prose (情况说明) and from the cells of its performance-target tables.

Each figure keeps its 1-based source line and the sentence or row it was read from. A figure stated several times is
kept every time, with each line: the checks compare the values and name the lines.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .figure_counts import prose_counts, row_counts
from .figure_money import prose_money
from .figure_tables import table_figures
from .figure_text import clean_prose
from .prose import Passage
from .table_titles import EMPTY_DECLARATION
from .types import FIGURE_KEYS, DocumentMeta, Kind, ParsedLine, ParsedTable, Problem, StatedFigure

# Tables whose cells can state counts and per-head subsidies; the money tables are read by the table parser.
_TARGET_TABLES = {"performance_targets", "projects"}
# Cheap tests that let most lines skip the full patterns (a table title has 表 or 绩效目标; money, 元, 三公 or
# 因公出国 in it).
_DIGIT = re.compile(r"\d")
_COUNT_WORDS = re.compile(r"参保|参加|每人|人均|元\s*/|编制|实有|在职")
_NOT_TITLE = re.compile(r"^(?:单位|注|说明|部门：|单位名称)")
_KEY_ORDER = {key: i for i, key in enumerate(FIGURE_KEYS)}


def read_figures(
    lines: list[str],
    *,
    meta: DocumentMeta,
    tables: list[ParsedTable],
    rows: list[ParsedLine],
    cleaned: list[str],
    prose: list[Passage],
) -> tuple[list[StatedFigure], list[Problem]]:
    """`rows` are the table rows read (the "三公" table states figures in its row); `cleaned` is clean_prose of each
    line and `prose` the passages they make (parse_disclosure prepares both once for all readers)."""
    table_at = _table_index(tables, len(lines))
    figures: list[StatedFigure] = []
    title = ""
    for number, raw in enumerate(lines, start=1):
        if "\t" in raw:
            table = table_at.get(number)
            if table is not None and table.key not in _TARGET_TABLES:
                continue
            if _DIGIT.search(raw) and _COUNT_WORDS.search(raw):
                cells = [clean_prose(c) for c in raw.split("\t")]
                figures.extend(row_counts(number, cells, table.title if table else title))
            continue
        text = cleaned[number - 1]
        if text and len(text) < 80 and ("表" in text or "绩效目标" in text) and not _NOT_TITLE.match(text):
            title = text
    for passage in prose:
        text = passage.text
        table = table_at.get(passage.line)
        if "\t" in text or (table is not None and not table.declared_empty and EMPTY_DECLARATION.search(text)):
            continue  # a note calling a table empty under the figures it prints: the figures are the table's
        if "元" in text or "三公" in text or "因公出国" in text:
            figures.extend(prose_money(passage, text, meta.year, final=meta.kind == Kind.FINAL))
        if _DIGIT.search(text) and _COUNT_WORDS.search(text):
            figures.extend(prose_counts(passage, text, meta.year))
    figures.extend(table_figures(tables, list(rows), lines, meta.kind))
    figures = _running_costs_fallback(_unique(figures), meta)
    figures.sort(key=lambda f: (f.line, _KEY_ORDER.get(f.key, 99)))
    return figures, []


def _table_index(tables: list[ParsedTable], count: int) -> dict[int, ParsedTable]:
    at: dict[int, ParsedTable] = {}
    for table in tables:
        for number in range(max(1, table.start_line), min(count, table.end_line) + 1):
            at.setdefault(number, table)
    return at


def _unique(figures: list[StatedFigure]) -> list[StatedFigure]:
    """The same figure read twice from one line (by two patterns) counts once."""
    seen: set[tuple] = set()
    out: list[StatedFigure] = []
    for f in figures:
        k = (f.key, f.value, f.line, f.year)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _running_costs_fallback(figures: list[StatedFigure], meta: DocumentMeta) -> list[StatedFigure]:
    """A unit that states no 机关/机构运行经费 but its 公用经费: that is its running cost, labelled as stated."""
    current = [f for f in figures if f.year is None or f.year == meta.year]
    if any(f.key == "running_costs" for f in current):
        return figures
    extra = [replace(f, key="running_costs", label=f.label or "公用经费") for f in current if f.key == "public"]
    return figures + extra
