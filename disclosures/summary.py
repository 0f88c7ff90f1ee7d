"""Presentation of a document's numbers for the import record and the pages; the decision of its totals is
parsing/totals.py's (re-exported here for the readers of stored rows)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .parsing.totals import FIGURES_OUT, Amount, DocumentSummary, summarise, table_key_of
from .vocabulary import OPENED_TABLES, TableKey

__all__ = ["FIGURES_OUT", "Amount", "DocumentSummary", "decimal_string", "lines_by_table", "money_string", "summarise"]


def decimal_string(value: Decimal | None) -> str | None:
    """A Decimal as a plain decimal string ("32000000.00"), never in exponent form and never a float."""
    return None if value is None else format(value, "f")


def money_string(value: Decimal) -> str:
    """元 to the fen, as stored: Decimal("3.2E+7") -> "32000000.00"."""
    return decimal_string(value.quantize(Decimal("0.01")))


def lines_by_table(tables: Sequence, lines: Sequence) -> list[tuple[object, list, bool]]:
    """Pair each parsed table with the rows read from it, in document order, and whether the preview opens it; rows
    outside any table come last (their group's table is None)."""
    groups: list[tuple[object, list]] = [(table, []) for table in tables]
    loose: list = []
    for line in lines:
        first = min(line.source_lines, default=0)
        for table, rows in groups:
            if table.key == table_key_of(line) and table.start_line <= first <= table.end_line:
                rows.append(line)
                break
        else:
            loose.append(line)
    if loose:
        groups.append((None, loose))
    opened = _opened([(TableKey.NARRATIVE if table is None else table.key, rows) for table, rows in groups])
    return [(table, rows, i in opened) for i, (table, rows) in enumerate(groups)]


def _opened(groups: Sequence[tuple[str, list]]) -> set[int]:
    """The groups opened at first: those the document page opens (the spending summary, the amounts read from prose)
    when rows were read from them, else the first with rows; never an empty table, which only hides what follows."""
    read = [i for i, (_, rows) in enumerate(groups) if rows]
    first_looked_at = {i for i in read if groups[i][0] in OPENED_TABLES}
    return first_looked_at or set(read[:1])
