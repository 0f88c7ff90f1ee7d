"""Duplicate and impossible data are findings, never silently dropped or multiplied.

- repeated_rows: the same row (code, name, every amount) printed three times or more in one printing of a table. A
  row printed twice is a page break's repeat and no finding; the summaries and indicators count a code once, so the
  repeats change no figure: the finding says so, and how often.
- duplicate_table: a table printed twice (same kind, same title). With the same figures: information; with other
  figures for the same code: a warning naming both, as the pages use the first printing.
- implausible_amount: an amount beyond any county bureau's budget (PLAUSIBLE_YUAN), or a count of insured people
  beyond any county's: an extraction error (two cells read as one number) or a wrong unit.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .check_common import column_label, money, problem, row_label, table_name, table_unit
from .types import FIGURE_KEYS, ParsedLine, ParsedTable, ParseResult, Problem, Severity
from .wording import FindingCode, joined, numbers, phrase, term

# 1,000亿元: far above the whole budget of any county's medical-insurance bureau (a few 亿元 at most).
PLAUSIBLE_YUAN = Decimal(10) ** 11
# 1亿 people insured in one county: more than the population of any county.
PLAUSIBLE_PEOPLE = Decimal(10) ** 8
COUNTS = {"insured_residents", "insured_employees", "staff"}
SHOWN = 5  # line numbers named in a message


def _printing(line: ParsedLine, by_key: dict[str, list[ParsedTable]]) -> ParsedTable | None:
    """The printing of its table a line was read from (a table may be printed twice); by_key: _by_key(tables)."""
    first = min(line.source_lines, default=0)
    candidates = by_key.get(line.table, ())
    return next((t for t in candidates if t.start_line <= first <= t.end_line), candidates[0] if candidates else None)


def _by_key(tables: list[ParsedTable]) -> dict[str, list[ParsedTable]]:
    """The tables by key, in their order: grouped once, not searched again for each line."""
    grouped: dict[str, list[ParsedTable]] = defaultdict(list)
    for table in tables:
        grouped[table.key].append(table)
    return grouped


def _lines_text(lines: list[int]) -> dict:
    return phrase("lines.more" if len(lines) > SHOWN else "lines", lines=numbers(lines[:SHOWN]))


def _printings(result: ParseResult) -> list[ParsedTable | None]:
    """The printing of each line of the result, in order: found once for the checks below that both group by it."""
    by_key = _by_key(result.tables)
    return [_printing(line, by_key) for line in result.lines]


def repeated_rows(result: ParseResult, printing_of: list[ParsedTable | None]) -> list[Problem]:
    """printing_of: _printings(result)."""
    groups: dict[tuple, list[ParsedLine]] = defaultdict(list)
    by_key = _by_key(result.tables)
    for line, printing in zip(result.lines, printing_of, strict=True):
        if line.row_kind == "total" or line.from_narrative or not line.amounts:
            continue
        amounts = tuple(sorted(line.amounts.items()))
        groups[(id(printing), line.code, line.name, amounts)].append(line)
    problems = []
    for lines in groups.values():
        # Side-by-side blocks print one label several times on one source line: that is one row, not a repeat.
        printed_at = sorted({min(line.source_lines) for line in lines if line.source_lines})
        if len(printed_at) < 3:
            continue
        first = lines[0]
        table = _printing(first, by_key)
        problems.append(
            problem(
                Severity.WARNING,
                FindingCode.REPEATED_ROWS,
                {
                    "table": table_name(table, first.table),
                    "row": row_label(first),
                    "count": f"{len(printed_at):,}",
                    "lines": _lines_text(printed_at),
                },
                printed_at[:SHOWN],
            )
        )
    return problems


def _codes(lines: list[ParsedLine]) -> dict[str, ParsedLine]:
    by_code: dict[str, ParsedLine] = {}
    for line in lines:
        key = line.code or ("合计" if line.row_kind == "total" else "")
        if key:
            by_code.setdefault(key, line)
    return by_code


def _conflict(a: ParsedLine, b: ParsedLine, column: str, unit: str) -> dict:
    return phrase(
        "conflict",
        row=row_label(a),
        column=column_label(column),
        first=money(a.amounts[column], unit),
        first_line=str(min(a.source_lines)),
        second=money(b.amounts[column], unit),
        second_line=str(min(b.source_lines)),
    )


def duplicate_tables(result: ParseResult, printing_of: list[ParsedTable | None]) -> list[Problem]:
    """printing_of: _printings(result)."""
    printings: dict[tuple[str, str], list[ParsedTable]] = defaultdict(list)
    for table in result.tables:
        if not table.declared_empty:
            printings[(table.key, "".join(table.title.split()))].append(table)
    lines_of: dict[int, list[ParsedLine]] = defaultdict(list)
    for line, printing in zip(result.lines, printing_of, strict=True):
        if printing is not None:
            lines_of[id(printing)].append(line)
    problems = []
    for tables in printings.values():
        if len(tables) < 2:
            continue
        first, *others = tables
        unit = table_unit(first, result)
        mine = _codes(lines_of[id(first)])
        for other in others:
            theirs = _codes(lines_of[id(other)])
            if not theirs:
                continue
            conflicts = []
            # In the first table's order, not a set's: which conflicts a finding names must not vary from run to run.
            for code in (c for c in mine if c in theirs):
                a, b = mine[code], theirs[code]
                for column in sorted(a.amounts.keys() & b.amounts.keys()):
                    if a.amounts[column] != b.amounts[column]:
                        conflicts.append((a, b, column))
            params = {
                "table": table_name(first, first.key),
                "where": phrase("lines.two", first=str(first.start_line), second=str(other.start_line)),
            }
            if conflicts:
                params["conflicts"] = joined([_conflict(a, b, column, unit) for a, b, column in conflicts[:3]], "；")
                params["more"] = phrase("more.places", count=str(len(conflicts))) if len(conflicts) > 3 else ""
                lines = [n for a, b, _c in conflicts[:SHOWN] for n in (min(a.source_lines), min(b.source_lines))]
                problems.append(
                    problem(
                        Severity.WARNING,
                        FindingCode.DUPLICATE_TABLE,
                        params,
                        [first.start_line, other.start_line, *lines],
                    )
                )
            else:
                problems.append(
                    problem(
                        Severity.INFO, FindingCode.DUPLICATE_TABLE_SAME, params, [first.start_line, other.start_line]
                    )
                )
    return problems


def implausible_amounts(result: ParseResult) -> list[Problem]:
    problems = []
    for line in result.lines:
        columns = [(column, value) for column, value in line.amounts.items() if abs(value) >= PLAUSIBLE_YUAN]
        if columns:
            unit = table_unit(_printing(line, _by_key(result.tables)), result)
            amounts = [
                phrase("column.amount", column=column_label(column), amount=money(value, unit))
                for column, value in columns
            ]
            params = {"row": row_label(line), "amounts": amounts}
            problems.append(problem(Severity.WARNING, FindingCode.IMPLAUSIBLE_AMOUNT, params, line.source_lines))
    for figure in result.figures:
        limit = PLAUSIBLE_PEOPLE if figure.key in COUNTS else PLAUSIBLE_YUAN
        if abs(figure.value) >= limit:
            what = (
                phrase("people", count=f"{figure.value:,.0f}") if figure.key in COUNTS else money(figure.value, "万元")
            )
            # The document's name for the figure, else ours (a stated count may have no name: "250000人参加…").
            ours = term(FIGURE_KEYS[figure.key]) if figure.key in FIGURE_KEYS else figure.key
            params = {"figure": figure.label or ours, "value": what}
            problems.append(problem(Severity.WARNING, FindingCode.IMPLAUSIBLE_FIGURE, params, [figure.line]))
    return problems


def run(result: ParseResult) -> list[Problem]:
    printing_of = _printings(result)
    return [*repeated_rows(result, printing_of), *duplicate_tables(result, printing_of), *implausible_amounts(result)]
