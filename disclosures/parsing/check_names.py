"""Checks of the names a document prints in its headings: a placeholder left from a template ("上海市XX局", "××县"),
and another department's name in a title or a table's 编制部门 (a document copied from another)."""

from __future__ import annotations

from .check_findings import Findings
from .figure_text import clean_prose
from .meta_publisher import heading_bodies, placeholder_names
from .types import ParseResult, Problem, Severity
from .wording import FindingCode, numbers, phrase


def run(result: ParseResult, lines: list[str] | None = None) -> list[Problem]:
    findings = Findings()
    cleaned = [p.text for p in result.passages] if lines is None else [clean_prose(x) for x in lines]
    at = [p.line for p in result.passages] if lines is None else list(range(1, len(cleaned) + 1))
    placeholders = placeholder_names(cleaned)
    if placeholders:
        unique: list[str] = []
        for name, _ in sorted(placeholders, key=lambda p: len(p[0])):
            if not any(name.endswith(shorter) for shorter in unique):
                unique.append(name)
        shown = [at[i - 1] for _, i in placeholders]
        params = {"names": [phrase("quoted", text=name) for name in unique], "lines": numbers(shown[:5])}
        findings.add(("placeholder",), Severity.WARNING, FindingCode.PLACEHOLDER_NAME, params, shown)
    own = {result.meta.publisher, *result.meta.other_names} - {None}
    if own:
        foreign = [(name, at[i - 1]) for name, i in heading_bodies(cleaned) if not _same_body(name, own)]
        for name in dict.fromkeys(name for name, _ in foreign):
            shown = [n for other, n in foreign if other == name]
            params = {"lines": numbers(shown[:5]), "name": name, "publisher": str(result.meta.publisher)}
            findings.add(("foreign", name), Severity.WARNING, FindingCode.FOREIGN_NAME, params, shown)
    return findings.problems()


def _same_body(name: str, own: set[str]) -> bool:
    """The publisher, written with or without its province or prefecture ("普陀区司法局" for "上海市普陀区司法局")."""
    return any(name == o or o.endswith(name) or name.endswith(o) for o in own)
