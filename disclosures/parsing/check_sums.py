"""Checks inside one table: children add up to their parent, and the parts of a row add up to its 合计."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .check_common import (
    SHAPES,
    coded_rows,
    column_label,
    differ,
    difference,
    is_total,
    money,
    parent_of,
    row_label,
    table_name,
    table_unit,
    where,
    worst,
)
from .check_findings import Findings
from .codes import class_code_for_name
from .types import Classification, ParsedLine, ParsedTable, ParseResult, Problem, Severity
from .wording import FindingCode, joined, phrase, term

ZERO = Decimal(0)
# Tables whose 支出 side gives each 类 by name, without a code.
SUMMARY_KEYS = ("income_expenditure_summary", "fiscal_summary")
# Spending columns that, with 基本支出 and 项目支出, make up 合计 in some tables.
_OTHER_SPENDING = ("经营支出", "上缴上级", "上解上级", "对附属单位补助")


@dataclass
class _Node:
    code: str
    line: ParsedLine | None  # None for a 类 taken from a summary table
    amounts: dict[str, Decimal]
    source: dict | None = None  # where a borrowed 类 amount was printed (a wording.py phrase)
    name: str = ""  # the 类 as the summary table prints it
    source_lines: tuple[int, ...] = ()


def _amount(amounts: dict[str, Decimal], key: str) -> Decimal:
    value = amounts.get(key)
    return value if isinstance(value, Decimal) else ZERO


def _lines_by_table(result: ParseResult) -> dict[str, list[ParsedLine]]:
    """The lines of each table, in document order: grouped once rather than searched for every table."""
    by_table: dict[str, list[ParsedLine]] = {}
    for line in result.lines:
        by_table.setdefault(line.table, []).append(line)
    return by_table


def _total_row(lines: list[ParsedLine]) -> ParsedLine | None:
    for line in lines:
        if is_total(line) and line.amounts:
            return line
    return None


def _compare_columns(
    parent: dict[str, Decimal], parts: list[dict[str, Decimal]], *, parent_columns: bool = False
) -> list[tuple[str, Decimal, Decimal]]:
    """(column, parent amount, sum of parts) for each column where they disagree. With `parent_columns`, only the
    columns the parent states (a total stated in prose says nothing of the 年初预算 its items give)."""
    columns: list[str] = []
    for amounts in [parent] if parent_columns else [parent, *parts]:
        columns.extend(key for key in amounts if key not in columns)
    out = []
    for column in columns:
        total = sum((_amount(p, column) for p in parts), ZERO)
        if column not in parent and total == ZERO:
            continue
        if parts and not any(column in p for p in parts):
            continue  # no part prints this column (人员经费合计 over rows that print only 决算数): nothing to add up
        if differ(_amount(parent, column), total) is not None:
            out.append((column, _amount(parent, column), total))
    return out


def _describe(disagreements: list[tuple[str, Decimal, Decimal]], unit: str, what: str) -> dict:
    """Each column that disagrees: its amount, the sum (`what`: 下级之和, 其下各行之和) and the difference."""
    if len(disagreements) == 1 and disagreements[0][0] == "total":
        _, p, s = disagreements[0]
        amounts = {"parent": money(p, unit), "what": term(what), "sum": money(s, unit)}
        return joined([phrase("sum.total", **amounts, difference=difference(p, s, unit))], "；")
    parts = [
        phrase(
            "sum.column",
            column=column_label(col),
            parent=money(p, unit),
            what=term(what),
            sum=money(s, unit),
            difference=difference(p, s, unit),
        )
        for col, p, s in disagreements
    ]
    return joined(parts, "；")


def _severity(disagreements: list[tuple[str, Decimal, Decimal]]) -> Severity:
    return worst(differ(p, s) or Severity.INFO for _, p, s in disagreements)


def _summary_classes(
    by_table: dict[str, list[ParsedLine]], tables: dict[str, ParsedTable]
) -> list[tuple[set[Decimal], dict[str, _Node]]]:
    """Per summary table: its printed totals and the amount it gives each 类."""
    out = []
    for key in SUMMARY_KEYS:
        lines = by_table.get(key, [])
        if not lines:
            continue
        totals = {v for line in lines if is_total(line) for v in line.amounts.values() if isinstance(v, Decimal)}
        classes: dict[str, _Node] = {}
        for line in lines:
            if is_total(line) or not line.amounts:
                continue
            code = (
                line.code
                if len(line.code or "") == 3
                else class_code_for_name(line.published_name or line.name, abbreviated=True)
            )
            if not code or code in classes:
                continue
            value = line.amounts.get("total", next(iter(line.amounts.values())))
            printed = line.published_name or line.name
            classes[code] = _Node(
                code, None, {"total": value}, where(line, tables.get(key)), printed, line.source_lines
            )
        out.append((totals, classes))
    return out


def _borrowed_classes(
    total_row: ParsedLine | None, summaries: list[tuple[set[Decimal], dict[str, _Node]]]
) -> dict[str, _Node]:
    """类 amounts from a summary table that covers the same money (its total agrees with this table's)."""
    if total_row is None or "total" not in total_row.amounts:
        return {}
    mine = total_row.amounts["total"]
    for totals, classes in summaries:
        if classes and any(differ(mine, t) is None for t in totals):
            return classes
    return {}


def check_children(result: ParseResult, findings: Findings) -> None:
    tables = {t.key: t for t in result.tables}
    by_table = _lines_by_table(result)
    summaries = _summary_classes(by_table, tables)
    table_keys = list(dict.fromkeys([*(t.key for t in result.tables), *(line.table for line in result.lines)]))
    for key in table_keys:
        lines = by_table.get(key, [])
        table = tables.get(key)
        unit = table_unit(table, result)
        total_row = _total_row(lines)
        for classification in SHAPES:
            rows = coded_rows(lines, classification)
            if not rows:
                continue
            borrowed = _borrowed_classes(total_row, summaries) if classification is Classification.FUNCTIONAL else {}
            _check_tree(key, table, unit, rows, total_row, borrowed, findings)


def _check_tree(
    key: str,
    table: ParsedTable | None,
    unit: str,
    rows: dict[str, ParsedLine],
    total_row: ParsedLine | None,
    borrowed: dict[str, _Node],
    findings: Findings,
) -> None:
    codes = set(rows)
    children: dict[str | None, list[str]] = defaultdict(list)
    for code in rows:
        children[parent_of(code, codes)].append(code)
    place = table_name(table, key)
    _check_parents(children, rows, table, unit, place, findings)
    top = _top_rows(children.get(None, []), rows, borrowed, unit, place, findings)
    _check_table_total(total_row, top, table, unit, place, findings)


def _check_parents(
    children: dict[str | None, list[str]],
    rows: dict[str, ParsedLine],
    table: ParsedTable | None,
    unit: str,
    place: str,
    findings: Findings,
) -> None:
    """Each parent code against the sum of its children."""
    for parent_code, kids in children.items():
        if parent_code is None:
            continue
        parent = rows[parent_code]
        bad = _compare_columns(parent.amounts, [rows[k].amounts for k in kids])
        if bad:
            params = {
                "where": where(parent, table),
                "row": row_label(parent),
                "detail": _describe(bad, unit, "下级之和"),
            }
            lines = [*parent.source_lines, *(n for k in kids for n in rows[k].source_lines)]
            fact = ("children", parent_code, tuple((c, p, s) for c, p, s in bad))
            findings.add(fact, _severity(bad), FindingCode.CHILDREN_SUM, params, lines, place=place)


def _top_rows(
    roots: list[str],
    rows: dict[str, ParsedLine],
    borrowed: dict[str, _Node],
    unit: str,
    place: str,
    findings: Findings,
) -> list[dict[str, Decimal]]:
    """The amounts of the top-level rows, a borrowed 类 standing for its 项 rows (checked against their sum)."""
    # A table printing only 项 rows: its 类 amounts can come from the summary table.
    groups: dict[str, list[str]] = defaultdict(list)
    for code in roots:
        groups[code[:3] if len(code) > 3 and code[:3] in borrowed else code].append(code)
    top: list[dict[str, Decimal]] = []
    for group, members in groups.items():
        member_amounts = [rows[m].amounts for m in members]
        if group not in borrowed or group in members:
            top.extend(member_amounts)
            continue
        node = borrowed[group]
        summed = {col: sum((_amount(a, col) for a in member_amounts), ZERO) for a in member_amounts for col in a}
        # Only 合计 is known for a borrowed 类; the other columns still add up from its 项 rows.
        top.append({**summed, "total": node.amounts["total"]})
        item_sum = summed.get("total", ZERO)
        severity = differ(node.amounts["total"], item_sum)
        if severity is not None:
            params = {
                "source": node.source,
                "name": node.name,
                "code": group,
                "amount": money(node.amounts["total"], unit),
                "place": place,
                "sum": money(item_sum, unit),
                "difference": difference(node.amounts["total"], item_sum, unit),
            }
            lines = [*node.source_lines, *(n for m in members for n in rows[m].source_lines)]
            fact = ("class_items", group, node.amounts["total"], item_sum)
            findings.add(fact, severity, FindingCode.CHILDREN_SUM_CLASS, params, lines, place=place)
    return top


def _check_table_total(
    total_row: ParsedLine | None,
    top: list[dict[str, Decimal]],
    table: ParsedTable | None,
    unit: str,
    place: str,
    findings: Findings,
) -> None:
    """The table's 合计 row against the sum of its top-level rows."""
    if total_row is not None and top:
        prose = total_row.from_narrative
        bad = _compare_columns(total_row.amounts, top, parent_columns=prose)
        if bad:
            detail = _describe(bad, unit, "其下各行之和")
            params = {"where": where(total_row, table), "row": row_label(total_row), "detail": detail}
            severity, finding = _severity(bad), FindingCode.CHILDREN_SUM_TOTAL
            if prose and all(s < p for _, p, s in bad):
                # The prose often details only its main items: less than the total is not an error in itself.
                severity, finding = Severity.INFO, FindingCode.CHILDREN_SUM_TOTAL_PROSE
            fact = ("table_total", tuple((c, p, s) for c, p, s in bad))
            findings.add(fact, severity, finding, params, total_row.source_lines, place=place)


def check_row_parts(result: ParseResult, findings: Findings) -> None:
    """基本支出 + 项目支出 (+ 经营支出 and the like) = 合计 on each row that has those columns."""
    tables = {t.key: t for t in result.tables}
    for line in result.lines:
        amounts = line.amounts
        if "total" not in amounts or not ("basic" in amounts or "project" in amounts):
            continue
        table = tables.get(line.table)
        if not _has_basic_and_project(line.table, table, result):
            continue
        others = [k for k in amounts if any(word in k for word in _OTHER_SPENDING)]
        parts = _amount(amounts, "basic") + _amount(amounts, "project") + sum((amounts[k] for k in others), ZERO)
        severity = differ(amounts["total"], parts)
        if severity is None:
            continue
        unit = table_unit(table, result)
        params = {
            "where": where(line, table),
            "row": row_label(line),
            "total": money(amounts["total"], unit),
            "basic": money(_amount(amounts, "basic"), unit),
            "project": money(_amount(amounts, "project"), unit),
            "sum": money(parts, unit),
            "difference": difference(amounts["total"], parts, unit),
        }
        fact = ("row_parts", line.code, line.name if not line.code else "", amounts["total"], parts)
        place = table_name(table, line.table)
        findings.add(fact, severity, FindingCode.ROW_PARTS, params, line.source_lines, place=place)


def _has_basic_and_project(key: str, table: ParsedTable | None, result: ParseResult) -> bool:
    if table is not None and {"basic", "project"} <= set(table.columns):
        return True
    seen: set[str] = set()
    for line in result.lines:
        if line.table == key:
            seen.update(line.amounts)
    return {"basic", "project"} <= seen


def run(result: ParseResult) -> list[Problem]:
    findings = Findings()
    check_children(result, findings)
    check_row_parts(result, findings)
    return findings.problems()
