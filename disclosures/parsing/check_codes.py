"""Checks of codes: a code whose printed name is another item's, and running costs booked under another class."""

from __future__ import annotations

from .check_common import table_name, where
from .check_findings import Findings
from .codes import FUNCTIONAL, standard_name
from .text import is_abbreviation
from .types import Classification, ParsedLine, ParsedTable, ParseResult, Problem, Severity
from .wording import FindingCode

# Where a medical-security bureau books its own running costs.
OWN_CLASS = "21015"
# Items repeated under every 款 of the functional list; their 款 tells whose running costs they are.
RUNNING_ITEMS = ("行政运行", "一般行政管理事务", "机关服务", "事业运行")
_MEDICAL_SECURITY = ("医疗保障", "医保", "医疗保险")
_FUNCTIONAL_LENGTHS = (3, 5, 7)


def _bare(name: str) -> str:
    return "".join((name or "").split())  # deletes whitespace, as re.sub(r"\s+", "", ...) would


def names_agree(printed: str, standard: str) -> bool:
    """A printed name agrees with the standard one when it is the same, cut short, or shortened in order."""
    # Half-width brackets in one, full-width in the other ("维修(护)费", "维修（护）费") name the same item.
    # (str.replace: translate() looks up every character of a CJK string, several times slower.)
    printed = _bare(printed).replace("(", "（").replace(")", "）")
    standard = _bare(standard).replace("(", "（").replace(")", "）")
    if not printed or printed == standard:
        return True
    cores = (printed.removesuffix("支出"), standard.removesuffix("支出"))
    return is_abbreviation(cores[0], cores[1]) or is_abbreviation(cores[1], cores[0])


def _is_medical_security(result: ParseResult) -> bool:
    meta = result.meta
    names = [meta.publisher or "", meta.title or "", *meta.other_names]
    if not any(names):
        return True  # every document this importer is built for is one; do not lose the check for want of a name
    return any(word in name for name in names for word in _MEDICAL_SECURITY)


def _tables(result: ParseResult) -> dict[str, ParsedTable]:
    out: dict[str, ParsedTable] = {}
    for table in result.tables:
        out.setdefault(table.key, table)
    return out


def _standard_code_for(code: str, printed: str) -> str | None:
    """For a functional code of an impossible length, the listed code it was meant to be, judged by its name."""
    for candidate, name in FUNCTIONAL.items():
        if (candidate.startswith(code) or code.startswith(candidate)) and _bare(name) == _bare(printed):
            return candidate
    return None


def check_code_names(result: ParseResult, findings: Findings) -> None:
    tables = _tables(result)
    for line in result.lines:
        if line.from_narrative or not line.code:
            continue
        printed = line.published_name or line.name
        standard = standard_name(line.code)
        table = tables.get(line.table)
        place = table_name(table, line.table)
        if standard is not None:
            if names_agree(printed, standard):
                continue
            params = {"where": where(line, table), "code": line.code, "printed": _bare(printed), "standard": standard}
            findings.add(
                ("code_name", line.code, _bare(printed)),
                Severity.WARNING,
                FindingCode.CODE_NAME,
                params,
                line.source_lines,
                place=place,
            )
        elif line.classification is Classification.FUNCTIONAL and len(line.code) not in _FUNCTIONAL_LENGTHS:
            meant = _standard_code_for(line.code, printed)
            if meant is None:
                continue
            params = {"where": where(line, table), "printed": _bare(printed), "code": line.code, "standard_code": meant}
            findings.add(
                ("code_length", line.code, meant),
                Severity.WARNING,
                FindingCode.CODE_LENGTH,
                params,
                line.source_lines,
                place=place,
            )


def _running_item(line: ParsedLine) -> str | None:
    if line.classification is not Classification.FUNCTIONAL or len(line.code) != 7:
        return None
    names = (_bare(line.published_name), _bare(line.name), standard_name(line.code) or "")
    return next((item for item in RUNNING_ITEMS if item in names), None)


def check_unexpected_class(result: ParseResult, findings: Findings) -> None:
    if not _is_medical_security(result):
        return
    tables = _tables(result)
    for line in result.lines:
        item = _running_item(line)
        if item is None or line.code.startswith(OWN_CLASS):
            continue
        section = line.code[:5]
        group = line.code[:3]
        where_booked = [f"{c} {FUNCTIONAL[c]}" for c in (group, section) if c in FUNCTIONAL] or section
        same_class = group == OWN_CLASS[:3]
        params = {
            "where": where(line, tables.get(line.table)),
            "item": item,
            "code": line.code,
            "booked": where_booked,
            "own": OWN_CLASS,
        }
        # Another 款 of 卫生健康 may be deliberate; another 类 puts the bureau's own running costs out of sight.
        severity = Severity.INFO if same_class else Severity.WARNING
        findings.add(
            ("unexpected_class", line.code),
            severity,
            FindingCode.UNEXPECTED_CLASS_USUALLY if same_class else FindingCode.UNEXPECTED_CLASS,
            params,
            line.source_lines,
            place=table_name(tables.get(line.table), line.table),
        )


def run(result: ParseResult) -> list[Problem]:
    findings = Findings()
    check_code_names(result, findings)
    check_unexpected_class(result, findings)
    return findings.problems()
