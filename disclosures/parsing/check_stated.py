"""Checks of stated figures against the table lines they describe: the per-head subsidy and the "三公" costs."""

from __future__ import annotations

from decimal import Decimal

from .check_common import differ, difference, figure_unit, is_total, money, row_label, table_name, table_unit, where
from .check_findings import Findings
from .check_totals import current_figures, label
from .types import Classification, ParsedLine, ParsedTable, ParseResult, Problem, Severity
from .wording import FindingCode, joined, phrase, words

RESIDENT_SUBSIDY = "2101202"  # 财政对城乡居民基本医疗保险基金的补助
# Per-head subsidies are stated in whole 元: a product off by half a 元 per resident still agrees.
PER_HEAD_ROUNDING = Decimal("0.5")
THREE_PUBLIC_KEYS = ("three_public", "three_public_travel", "three_public_cars", "three_public_reception")
# Economic codes and names of the three kinds of "三公" spending, as other tables print them.
THREE_PUBLIC_CODES = {
    "30212": "因公出国（境）费用",
    "30217": "公务接待费",
    "30231": "公务用车运行维护费",
    "31013": "公务用车购置",
}
THREE_PUBLIC_WORDS = ("公务接待", "公务用车", "因公出国")


def _tables(result: ParseResult) -> dict[str, ParsedTable]:
    out: dict[str, ParsedTable] = {}
    for table in result.tables:
        out.setdefault(table.key, table)
    return out


def _subsidy_line(result: ParseResult) -> ParsedLine | None:
    for line in result.lines:
        if line.code == RESIDENT_SUBSIDY and isinstance(line.amounts.get("total"), Decimal):
            return line
    return None


def check_subsidy(result: ParseResult, findings: Findings) -> None:
    per_heads = [f for f in current_figures(result, "subsidy_per_insured") if f.value > 0]
    residents = [f for f in current_figures(result, "insured_residents") if f.value > 0]
    line = _subsidy_line(result)
    if not per_heads or not residents or line is None:
        return
    amount = line.amounts["total"]
    for head in per_heads:
        for people in residents:
            product = head.value * people.value
            if abs(product - amount) <= max(Decimal(100), people.value * PER_HEAD_ROUNDING):
                return
    head, people = per_heads[0], residents[0]
    product = head.value * people.value
    tables = _tables(result)
    unit = table_unit(tables.get(line.table), result)
    params = {
        "per_head_line": str(head.line),
        "per_head": f"{head.value.normalize():f}",
        "people_line": str(people.line),
        "people": f"{people.value.normalize():,f}",
        "product": money(product, unit),
        "where": where(line, tables.get(line.table)),
        "row": row_label(line),
        "amount": money(amount, unit),
        "difference": difference(product, amount, unit),
    }
    findings.add(
        ("subsidy", head.value, people.value, amount),
        Severity.WARNING,
        FindingCode.SUBSIDY_PER_INSURED,
        params,
        [head.line, people.line, *line.source_lines],
    )


def _is_three_public_line(line: ParsedLine) -> bool:
    economic = line.classification in (Classification.ECONOMIC_DEPARTMENT, Classification.ECONOMIC_GOVERNMENT)
    if economic and line.code in THREE_PUBLIC_CODES:
        return True
    name = line.published_name or line.name or ""
    return any(word in name for word in THREE_PUBLIC_WORDS) and not line.code.startswith("2")


def check_three_public(result: ParseResult, findings: Findings) -> None:
    tables = _tables(result)
    table = tables.get("three_public")
    if table is None:
        return
    own = [line for line in result.lines if line.table == "three_public"]
    has_amounts = any(v != 0 for line in own for v in line.amounts.values() if isinstance(v, Decimal))
    unit = figure_unit(result)
    if table.declared_empty or not has_amounts:
        _empty_but_stated(result, table, tables, unit, findings)
        return
    # The table's own figure (its 决算数 in final accounts, its 预算数 in a budget), as the figures reader took it.
    printed = next((f for f in result.figures if f.table == "three_public" and f.key == "three_public"), None)
    total = next((line for line in own if is_total(line) and line.amounts), None)
    if printed is not None:
        value, line_no = printed.value, printed.line
    elif total is not None:
        value, line_no = total.amounts.get("total", next(iter(total.amounts.values()))), total.source_lines[0]
    else:
        return
    for figure in current_figures(result, "three_public"):
        severity = differ(figure.value, value)
        if severity is not None:
            params = {
                "line": str(figure.line),
                "value": money(figure.value, unit),
                "table": table_name(table, "three_public"),
                "table_line": str(line_no),
                "printed": money(value, table_unit(table, result)),
                "difference": difference(figure.value, value, unit),
            }
            fact = ("three_public_total", figure.value, value)
            findings.add(fact, severity, FindingCode.THREE_PUBLIC, params, [figure.line, line_no])


def _empty_but_stated(
    result: ParseResult, table: ParsedTable, tables: dict[str, ParsedTable], unit: str, findings: Findings
) -> None:
    stated: dict[int, list[dict]] = {}
    stated_lines: list[int] = []
    for key in THREE_PUBLIC_KEYS:
        for figure in current_figures(result, key):
            text = phrase("figure.amount", figure=label(key), amount=money(figure.value, unit))
            if figure.value != 0 and words(text) not in map(words, stated.get(figure.line, [])):
                stated.setdefault(figure.line, []).append(text)
                stated_lines.append(figure.line)
    printed = [
        line
        for line in result.lines
        if line.table != "three_public" and _is_three_public_line(line) and line.amounts.get("total", 0) != 0
    ]
    if not stated and not printed:
        return
    evidence = []
    if stated:
        by_line = [
            phrase("evidence.stated_line", line=str(n), figures=joined(texts)) for n, texts in sorted(stated.items())
        ]
        evidence.append(phrase("evidence.prose", stated=joined(by_line, "；")))
    for line in printed:
        line_unit = table_unit(tables.get(line.table), result)
        row = {"where": where(line, tables.get(line.table)), "row": row_label(line)}
        evidence.append(phrase("evidence.row", **row, amount=money(line.amounts["total"], line_unit)))
    finding = FindingCode.THREE_PUBLIC_DECLARED_EMPTY if table.declared_empty else FindingCode.THREE_PUBLIC_NO_AMOUNTS
    params = {
        "table": table_name(table, "three_public"),
        "line": str(table.start_line),
        "evidence": joined(evidence, "；"),
    }
    lines = [
        table.start_line,
        *stated_lines,
        *(n for ln in printed for n in ln.source_lines),
    ]
    findings.add(("three_public_empty",), Severity.WARNING, finding, params, lines)


def run(result: ParseResult) -> list[Problem]:
    findings = Findings()
    check_subsidy(result, findings)
    check_three_public(result, findings)
    return findings.problems()
