"""Parsers: plain functions from the text of a disclosure to typed rows and problems.

Nothing here touches the database. `parse_disclosure` is the one entry point.
"""

from __future__ import annotations

from .budget import ParseBudget, require_bounded_lines
from .text import half_width_numbers
from .types import DisclosureError, ParseResult
from .wording import gettext_noop

__all__ = ["DisclosureError", "ParseBudget", "ParseResult", "parse_disclosure"]


def parse_disclosure(text: str, *, budget: ParseBudget | None = None) -> ParseResult:
    """Raises DisclosureError for text that cannot be a disclosure, or that uses up its budget (budget.py)."""
    from . import checks, completeness, figures, meta, narrative, table_spaces, tables
    from .figure_text import clean_prose
    from .prose import passages

    budget = budget or ParseBudget()
    if not text.strip():
        raise DisclosureError(gettext_noop("文件是空的：没有可读的文字。"))
    require_bounded_lines(text.split("\n"))
    # A page break (\f) keeps its line's number; the parsers read the page's first line without it (the reader of
    # space-aligned tables reads each page on its own).
    lines = table_spaces.tabulate_spaced(half_width_numbers(text).split("\n"))
    if "\f" in text:  # a text without page breaks (most that are not read from a PDF) is spared a pass
        lines = [line.replace("\f", "") for line in lines]
    cleaned = [clean_prose(line) for line in lines]  # read by several readers: cleaned once
    result = ParseResult(meta=meta.read_meta(lines, cleaned=cleaned), passages=passages(cleaned))
    budget.check(gettext_noop("文件信息"))
    result.tables, result.lines, table_problems = tables.read_tables(lines, meta=result.meta)
    result.problems.extend(table_problems)
    budget.check(gettext_noop("表格"))
    if not result.lines:
        narrative_lines, narrative_problems = narrative.read_narrative_lines(
            lines, meta=result.meta, prose=result.passages
        )
        result.lines.extend(narrative_lines)
        result.problems.extend(narrative_problems)
    result.figures, figure_problems = figures.read_figures(
        lines, meta=result.meta, tables=result.tables, rows=result.lines, cleaned=cleaned, prose=result.passages
    )
    result.problems.extend(figure_problems)
    budget.check(gettext_noop("文中数字"))
    result.problems.extend(completeness.check_complete(lines, result))
    result.problems.extend(checks.run_checks(result))
    budget.check(gettext_noop("核对"))
    return result
