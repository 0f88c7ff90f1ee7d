"""The arithmetic checks run on a parsed document: each finding a Problem naming both figures and their lines.

- check_sums: children add up to their parent; 基本支出 + 项目支出 = 合计 on a row.
- check_totals: one total in every table that carries it; prose totals against the tables; a figure stated twice.
- check_stated: per-head subsidy × insured residents against 2101202; an empty "三公" table against stated costs.
- check_codes: a code whose name is another item's; running costs booked outside 21015.
- check_prose: each item the prose explains against the tables; 决算数小于预算数 against its own figures; a year
  compared with itself.
- check_names: a placeholder name left from a template, another department's name in a heading.
- check_duplicates: rows repeated, tables printed twice (with other figures), amounts beyond any county's budget.
"""

from __future__ import annotations

from collections.abc import Callable

from . import check_codes, check_duplicates, check_names, check_prose, check_stated, check_sums, check_totals
from .types import ParseResult, Problem, Severity
from .wording import FindingCode, gettext_noop, term

CHECKS: tuple[tuple[str, Callable[[ParseResult], list[Problem]]], ...] = (
    (gettext_noop("各级科目之和"), check_sums.run),
    (gettext_noop("各表合计与说明中的数字"), check_totals.run),
    (gettext_noop("补助标准与“三公”经费"), check_stated.run),
    (gettext_noop("科目编码"), check_codes.run),
    (gettext_noop("说明中的各项数字"), check_prose.run),
    (gettext_noop("标题中的单位名称"), check_names.run),
    (gettext_noop("重复与不合理的数字"), check_duplicates.run),
)


def run_checks(result: ParseResult) -> list[Problem]:
    """All checks, in a stable order. A check that trips over odd input is reported, never raised: the
    document is still imported and the user learns which check could not run."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for title, check in CHECKS:
        try:
            found = check(result)
        except Exception as exc:
            params = {"check": term(title), "error": type(exc).__name__}
            found = [Problem(Severity.INFO, FindingCode.CHECK_FAILED, params)]
        for p in found:
            key = (p.code, p.message)  # message words the finding each time it is asked: asked once here
            if key not in seen:
                seen.add(key)
                problems.append(p)
    return problems
