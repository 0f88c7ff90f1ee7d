"""Checks of what the prose says against the tables and against itself: each item it explains (类/款/项 and its
amounts), "决算数小于预算数" against its own two figures, and a year compared with itself ("比2026年预算增加" in the
2026 budget). No alarm where the document agrees with itself: amounts in words are rounded to 0.01万元.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .check_common import differ, difference, money, table_name
from .check_findings import Findings
from .figure_text import NUMBER, money_in_yuan
from .narrative import code_for_path
from .types import Classification, Kind, ParsedLine, ParseResult, Problem, Severity, TableKey
from .wording import FindingCode, numbers, term

# "公共安全支出（204类）司法（06款）行政运行（01项）", "一般公共服务支出（类）财政事务（款）行政运行（项）".
_PATH = re.compile(  # names bounded in length: a long line without brackets is turned away in linear time
    r"([\u4e00-\u9fff]{1,30}?)\s*[（(](\d{3})?\s*类[)）]\s*([\u4e00-\u9fff]{1,30}?)\s*[（(](\d{2})?\s*款[)）]"
    r"\s*(?:([\u4e00-\u9fff]{1,30}?)\s*[（(](\d{2})?\s*项[)）])?"
)
_AMOUNT = r"\s*(" + NUMBER + r")\s*(万元|元)"
_HEADLINE = re.compile(r"^[”\"’'」』]?[：:]?" + _AMOUNT)
_PLANNED = re.compile(r"(?:(20\d{2})\s*年)?(?:预算)?安排" + _AMOUNT)
_BUDGET = re.compile(r"年初预算(?:数)?(?:为|是)?[：:]?" + _AMOUNT)
_SPENT = re.compile(r"(?:支出)?决算(?:数)?(?:为|是)[：:]?" + _AMOUNT)
_COMPARED = re.compile(
    r"决算数?(?:比年初预算数?|较年初预算数?|与年初预算数?|与预算数?)?\s*(大于|高于|小于|低于|等于|基本持平|持平)"
    r"|决算数?\s*(大于|高于|小于|低于|等于)\s*(?:年初)?预算数?"
)
_SELF_YEAR = re.compile(r"(?:比|较|与|同)\s*(20\d{2})\s*年度?\s*(预算|决算)?")
_ITEM_TABLES = (TableKey.GENERAL_BUDGET_EXPENDITURE, TableKey.EXPENDITURE_SUMMARY, TableKey.BASIC_FUNCTIONAL)


def _table_amounts(result: ParseResult) -> dict[str, tuple[ParsedLine, Decimal]]:
    """The table amount of each functional code, from the most specific table that prints it."""
    out: dict[str, tuple[ParsedLine, Decimal]] = {}
    for key in _ITEM_TABLES:
        for line in result.lines:
            if line.table != key or line.classification is not Classification.FUNCTIONAL:
                continue
            if line.code and "total" in line.amounts:
                out.setdefault(line.code, (line, line.amounts["total"]))
    return out


def _code(m: re.Match[str], names: dict[str, str]) -> str | None:
    """The code of a 类/款/项 path: as printed ("204类"), else the code the tables print under those names (any
    department's items), else the standard list's."""
    if m.group(2) and m.group(4):
        code = m.group(2) + m.group(4) + (m.group(6) or "")
        return code if m.group(5) is None or m.group(6) else None
    wanted = [_bare(n) for n in (m.group(1), m.group(3), m.group(5)) if n]
    for code, name in names.items():
        if len(code) != 1 + 2 * len(wanted) or _bare(name) != wanted[-1]:
            continue
        parents = [names.get(code[:3]), names.get(code[:5])][: len(wanted) - 1]
        # The 类 name often runs on from the words before it ("主要用于一般公共服务支出"): it may end the text.
        if (
            parents
            and parents[0]
            and wanted[0].endswith(_bare(parents[0]))
            and all(p is not None and _bare(p) == w for p, w in zip(parents[1:], wanted[1:-1], strict=False))
        ):
            return code
    return code_for_path(m.group(1), m.group(3), m.group(5))


def _bare(name: str) -> str:
    return name.removesuffix("支出") if len(name) > 3 else name


def check_items(result: ParseResult, findings: Findings) -> None:
    """The amounts each item of the prose states, against the table's amount for the same code."""
    tables = {t.key: t for t in result.tables}
    amounts = _table_amounts(result)
    names = {code: line.name for code, (line, _) in amounts.items()}
    final = result.meta.kind == Kind.FINAL
    year = result.meta.year
    for passage in result.passages:
        text = passage.text
        if "类" not in text or "款" not in text or "\t" in text:
            continue  # _PATH needs both words: most passages are spared its scan, which tries each character
        for m in _PATH.finditer(text):
            code = _code(m, names)
            if code is None or code not in amounts:
                continue
            line, table_value = amounts[code]
            window = text[m.end() : m.end() + 200]
            next_path = _PATH.search(window)
            if next_path:
                window = window[: next_path.start()]
            for offset, value in _stated(window, final, year):
                severity = differ(value, table_value)
                if severity is None:
                    continue
                table = tables.get(line.table)
                at = passage.line_at(m.end() + offset)
                params = {
                    "line": str(at),
                    "quote": m.group(0),
                    "value": money(value, "万元"),
                    "table": table_name(table, line.table),
                    "table_line": str(line.source_lines[0]),
                    "printed": money(table_value, table.unit if table else None),
                    "difference": difference(value, table_value, "万元"),
                }
                fact = ("prose_item", code, value)
                findings.add(fact, severity, FindingCode.PROSE_ITEM, params, [at, *line.source_lines])


def _stated(window: str, final: bool, year: int | None) -> list[tuple[int, Decimal]]:
    """(offset, amount in 元) of the amounts an item states for the document's own year: its headline, what the
    budget "安排" for this year, and in final accounts what was spent (决算), not the budget."""
    out: list[tuple[int, Decimal]] = []
    headline = _HEADLINE.match(window)
    if headline:
        out.append((headline.start(1), money_in_yuan(headline.group(1), headline.group(2))))
    if final:
        spent = _SPENT.search(window)
        if spent:
            out.append((spent.start(1), money_in_yuan(spent.group(1), spent.group(2))))
        return out
    for planned in _PLANNED.finditer(window):
        if planned.group(1) is None or int(planned.group(1)) == year:
            out.append((planned.start(2), money_in_yuan(planned.group(2), planned.group(3))))
    return out


def check_compared(result: ParseResult, findings: Findings) -> None:
    """A sentence that says 决算数大于/小于/等于预算数 against the two figures its passage gives."""
    for passage in result.passages:
        text = passage.text
        if "决算" not in text or "预算" not in text:
            continue
        for m in _COMPARED.finditer(text):
            before = text[: m.start()]
            budget = list(_BUDGET.finditer(before))
            spent = list(_SPENT.finditer(before))
            if not budget or not spent:
                continue
            b, s = budget[-1], spent[-1]
            planned, actual = money_in_yuan(b.group(1), b.group(2)), money_in_yuan(s.group(1), s.group(2))
            word = m.group(1) or m.group(2)
            if _agrees(word, planned, actual):
                continue
            at = passage.line_at(m.start())
            params = {
                "line": str(at),
                "word": term(word),
                "planned": money(planned, "万元"),
                "actual": money(actual, "万元"),
            }
            lines = [passage.line_at(b.start()), passage.line_at(s.start()), at]
            findings.add(("compared", at, word), Severity.WARNING, FindingCode.PROSE_COMPARE, params, lines)


def _agrees(word: str, planned: Decimal, actual: Decimal) -> bool:
    if word in ("大于", "高于"):
        return actual > planned
    if word in ("小于", "低于"):
        return actual < planned
    if word == "基本持平":
        return abs(actual - planned) <= max(abs(planned) * Decimal("0.05"), Decimal(100))
    return differ(actual, planned) is None  # 等于, 持平


def check_self_year(result: ParseResult, findings: Findings) -> None:
    """ "比2026年预算增加" in the 2026 budget compares the year with itself: the year before was meant."""
    year, kind = result.meta.year, result.meta.kind
    if year is None or kind is None:
        return
    lines: list[int] = []
    quotes: list[str] = []
    year_text = str(year)
    for passage in result.passages:
        if year_text not in passage.text or "\t" in passage.text:
            continue
        for m in _SELF_YEAR.finditer(passage.text):
            if int(m.group(1)) != year:
                continue
            # A final account may set its year's result against its year's budget; a budget never.
            if kind == Kind.FINAL and m.group(2) == "预算":
                continue
            lines.append(passage.line_at(m.start()))
            if m.group(0) not in quotes:
                quotes.append(m.group(0))
    if lines:
        params = {
            "lines": numbers(sorted(set(lines))),
            "year": str(year),
            "quote": quotes[0],
            "previous": str(year - 1),
        }
        findings.add(("self_year", year), Severity.WARNING, FindingCode.OTHER_YEAR, params, lines)


def run(result: ParseResult) -> list[Problem]:
    findings = Findings()
    check_items(result, findings)
    check_compared(result, findings)
    check_self_year(result, findings)
    return findings.problems()
