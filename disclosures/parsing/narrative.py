"""Budget lines read from the sentences of a final account whose tables were published as images.

"卫生健康（类）医疗救助（款）城乡医疗救助（项）：支出决算为607.27万元" becomes the functional line 2101301, and
"主要用于以下方面：社会保障和就业支出27.13万元…" gives the 类 lines. The code comes from the standard names of the
类/款/项; a name that is not in the standard list keeps an empty code and is reported.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .codes import FUNCTIONAL, class_code_for_name
from .figure_text import NUMBER, clean_prose, money_in_yuan, sentences
from .prose import Passage, line_at
from .types import Classification, DocumentMeta, ParsedLine, Problem, Severity, TableKey
from .wording import FindingCode, amount

# Names bounded to 40 characters: an unbounded run backtracks quadratically on a long line of Chinese text.
_PATH = re.compile(
    r"([\u4e00-\u9fff]{1,40})\s*[（(]类[)）]\s*([\u4e00-\u9fff]{1,40})\s*[（(]款[)）]"
    r"\s*(?:([\u4e00-\u9fff]{1,40})\s*[（(]项[)）])?"
)
_AMOUNT = r"\s*(" + NUMBER + r")\s*(万元|元)"
_FINAL = re.compile(r"(?:支出)?决算(?:数)?(?:为|是)?[：:]?" + _AMOUNT)
_BUDGET = re.compile(r"年初预算(?:数)?(?:为|是)?[：:]?" + _AMOUNT)
_ADJUSTED = re.compile(r"调整(?:后)?预算(?:数)?(?:为|是)?[：:]?" + _AMOUNT)
# "主要用于以下方面：社会保障和就业支出27.13万元，占2.83%；卫生健康支出908.04万元…"
# "2022年一般公共预算财政拨款支出959.14万元": the 合计 the 类/款/项 sentences add up to.
_TOTAL = re.compile(r"一般公共预算(?:财政拨款)?支出(?:决算)?(?:数)?(?:为|是)?" + _AMOUNT)
_CLASS_SHARE = re.compile(r"([\u4e00-\u9fff]{2,16}?支出)" + _AMOUNT)
# "2101202财政对城乡居民基本医疗保险基金的补助支出2,650.00万元": a functional code, its name, then the amount.
_CODED = re.compile(
    r"(?<![\d.,])(2\d{2}(?:\d{2}){0,2})(?!\d)\s*([\u4e00-\u9fff（）()]{2,40}?)\s*"
    r"(?:决算数?|支出决算数?|为|是|[：:])*" + _AMOUNT
)
_CODED_HINT = re.compile(r"(?<!\d)2\d{2}(?:\d{2}){0,2}\s*[\u4e00-\u9fff]")


def _bare(name: str) -> str:
    return name.removesuffix("支出") if len(name) > 3 else name


def _child_code(parent: str, name: str, length: int) -> str | None:
    wanted = _bare(name)
    for code, standard in FUNCTIONAL.items():
        if len(code) == length and code.startswith(parent) and _bare(standard) == wanted:
            return code
    return None


def code_for_path(cls: str, section: str, item: str | None) -> str | None:
    """'卫生健康', '医疗救助', '城乡医疗救助' -> '2101301', by the standard names; None when a name is not standard."""
    code = class_code_for_name(cls)
    # "主要是卫生健康支出（类）…": words of the sentence run into the class name; the name is the longest tail
    # that is a class.
    for start in range(1, max(0, len(cls) - 1)):
        if code is not None:
            break
        code = class_code_for_name(cls[start:])
    if code is None:
        return None
    code = _child_code(code, section, 5)
    if code is None or item is None:
        return code
    return _child_code(code, item, 7)


def read_narrative_lines(
    lines: list[str], *, meta: DocumentMeta, prose: list[Passage]
) -> tuple[list[ParsedLine], list[Problem]]:
    """`prose` is the passages of the cleaned lines (parse_disclosure prepares them once for all readers). A
    sentence a PDF wrapped is read whole; each line keeps the line it was printed on."""
    unit_default = meta.unit or "万元"
    out: list[ParsedLine] = []
    problems: list[Problem] = []
    seen: set[tuple[str, str, Decimal]] = set()
    for passage in prose:
        text = passage.text
        if "\t" in text or not any(map(str.isdigit, text)):
            continue
        if "（类）" in text or "(类)" in text:
            for parsed in _path_lines(passage, text, unit_default, problems):
                key = (parsed.code, parsed.name, parsed.amounts["total"])
                if key not in seen:
                    seen.add(key)
                    out.append(parsed)
        elif "主要用于" in text:
            for parsed in _class_lines(passage, text):
                key = (parsed.code, parsed.name, parsed.amounts["total"])
                if key not in seen:
                    seen.add(key)
                    out.append(parsed)
        elif _CODED_HINT.search(text):
            out.extend(_coded_lines(passage, text))
    out = _one_per_code(out, problems)
    if out:
        total = _total_line(lines)
        if total is not None:
            out.insert(0, total)
    return out, problems


def _total_line(lines: list[str]) -> ParsedLine | None:
    for number, raw in enumerate(lines, start=1):
        if "\t" in raw or "一般公共预算" not in raw:
            continue
        m = _TOTAL.search(clean_prose(raw))
        if m:
            return ParsedLine(
                table=TableKey.NARRATIVE,
                classification=Classification.FUNCTIONAL,
                code="",
                name="合计",
                published_name=re.sub(r"\s+", "", m.group(0)[: m.start(1) - m.start()]),
                amounts={"total": money_in_yuan(m.group(1), m.group(2))},
                source_lines=(number,),
                from_narrative=True,
                row_kind="total",
            )
    return None


def _path_lines(number: Passage, text: str, unit_default: str, problems: list[Problem]) -> list[ParsedLine]:
    out: list[ParsedLine] = []
    matches = list(_PATH.finditer(text))
    for i, m in enumerate(matches):
        rest = text[m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(text)]
        final = _FINAL.search(rest)
        if final is None:
            continue  # the 名词解释 repeat the same names with no amount
        amounts = {"total": money_in_yuan(final.group(1), final.group(2) or unit_default)}
        for key, pattern in (("年初预算", _BUDGET), ("调整预算", _ADJUSTED)):
            found = pattern.search(rest)
            if found:
                amounts[key] = money_in_yuan(found.group(1), found.group(2))
        cls, section, item = m.group(1), m.group(2), m.group(3)
        name = item or section
        code = code_for_path(cls, section, item)
        at = line_at(number, m.start())
        if code is None:
            problems.append(
                Problem(Severity.INFO, FindingCode.NARRATIVE_CODE_UNKNOWN, {"line": str(at), "name": m.group(0)}, (at,))
            )
        out.append(
            ParsedLine(
                table=TableKey.NARRATIVE,
                classification=Classification.FUNCTIONAL,
                code=code or "",
                name=name,
                published_name=re.sub(r"\s+", "", m.group(0)),
                amounts=amounts,
                source_lines=(at,),
                from_narrative=True,
            )
        )
    return out


def _coded_lines(number: Passage, text: str) -> list[ParsedLine]:
    """ "2101301城乡医疗救助支出360.60万元，占10.87%": the code names the line; the name is kept as printed."""
    out: list[ParsedLine] = []
    for m in _CODED.finditer(text):
        code, printed = m.group(1), m.group(2)
        if code[:3] not in FUNCTIONAL or ("年" in printed[:2]):
            continue
        standard = FUNCTIONAL.get(code)
        out.append(
            ParsedLine(
                table=TableKey.NARRATIVE,
                classification=Classification.FUNCTIONAL,
                code=code,
                name=standard or _bare(printed),
                published_name=printed,
                amounts={"total": money_in_yuan(m.group(3), m.group(4))},
                source_lines=(line_at(number, m.start()),),
                from_narrative=True,
            )
        )
    return out


def _one_per_code(lines: list[ParsedLine], problems: list[Problem]) -> list[ParsedLine]:
    """A code stated twice (a list by code, then the same item by 类/款/项 with its 年初预算): one line, with every
    amount; two different amounts for one code are reported and the first is kept."""
    out: list[ParsedLine] = []
    by_code: dict[str, ParsedLine] = {}
    for line in lines:
        first = by_code.get(line.code) if line.code else None
        if first is None:
            if line.code:
                by_code[line.code] = line
            out.append(line)
            continue
        if first.amounts["total"] == line.amounts["total"]:
            for key, value in line.amounts.items():
                first.amounts.setdefault(key, value)
            first.source_lines = tuple(sorted({*first.source_lines, *line.source_lines}))
            continue
        problems.append(
            Problem(
                Severity.WARNING,
                FindingCode.NARRATIVE_REPEATED,
                {
                    "code": line.code,
                    "name": first.name,
                    "first_line": str(first.source_lines[0]),
                    "first": amount(first.amounts["total"], "万元"),
                    "second_line": str(line.source_lines[0]),
                    "second": amount(line.amounts["total"], "万元"),
                },
                (*first.source_lines, *line.source_lines),
            )
        )
    return out


def _class_lines(number: Passage, text: str) -> list[ParsedLine]:
    out: list[ParsedLine] = []
    for s in sentences(text):
        at = s.text.find("主要用于")
        if at < 0:
            continue
        for m in _CLASS_SHARE.finditer(s.text, at + 4):
            name = m.group(1).lstrip("：:，、；")
            code = class_code_for_name(name)
            if code is None:
                continue
            out.append(
                ParsedLine(
                    table=TableKey.NARRATIVE,
                    classification=Classification.FUNCTIONAL,
                    code=code,
                    name=FUNCTIONAL.get(code, name),
                    published_name=name,
                    amounts={"total": money_in_yuan(m.group(2), m.group(3))},
                    source_lines=(line_at(number, s.start + m.start()),),
                    from_narrative=True,
                )
            )
    return out
