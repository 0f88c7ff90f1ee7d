"""Money the prose states next to a known label: totals, basic/project, personnel/public, running costs, "三公" costs,
medical assistance by source and a prior-year total.

A label takes the amount that follows it when only filler words stand between them ("支出决算为", "预算安排", "："):
an amount after "减少"/"增加"/"占" is a change or a share, and an amount after another label belongs to that one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .figure_text import NUMBER, money_in_yuan, quote_around, sentences, year_of
from .prose import Passage, line_at
from .types import StatedFigure


@dataclass(frozen=True)
class _Label:
    key: str
    pattern: re.Pattern[str]
    generic: bool  # a common word that is only a label at the start of a phrase ("项目支出", not "医疗救助项目支出")
    hint: re.Pattern[str]  # every match has one of the hint words in it: a sentence without any is not searched


def _label(key: str, pattern: str, hints: tuple[str, ...], generic: bool = False) -> _Label:
    return _Label(key, re.compile(pattern), generic, re.compile("|".join(map(re.escape, hints))))


_LABELS = [
    _label("running_costs", r"机关运行经费|机构运行经费|机关运行费|单位运行经费", ("运行",)),
    _label("three_public", r"[“\"”‘’']?三公[”\"“’‘']?\s*经费", ("三公",)),
    _label("three_public_travel", r"因公出国[（(]境[)）]\s*(?:经)?费", ("因公出国",)),
    _label("three_public_cars", r"公务用车购置及运(?:行维护|行|维)费", ("公务用车",)),
    _label("three_public_reception", r"公务接待费", ("公务接待费",)),
    # Three totals that a 决算 keeps apart: what was spent this year (本年支出合计), what came in (本年收入合计), and
    # the grand total with the balances carried over (收入支出总计, the 总计 row). In a budget they are usually one.
    _label(
        "grand_total",
        r"收、?支总计|收入支出总计|收入总计|支出总计|收支总预算|收支预算|收支总额|预算总额",
        ("总", "收支预算"),
        generic=True,
    ),
    _label("income_total", r"本年收入合计|收入合计|预算收入|收入预算|部门收入", ("收入",), generic=True),
    _label("total", r"本年支出合计|支出合计|支出预算|预算支出|部门支出", ("支出",), generic=True),
    _label("basic", r"基本支出", ("基本支出",), generic=True),
    _label("project", r"项目支出", ("项目支出",), generic=True),
    _label("personnel", r"人员经费", ("人员经费",), generic=True),
    _label("public", r"公用经费", ("公用经费",), generic=True),
]

_TOTAL_KEYS = ("grand_total", "income_total", "total")
_FISCAL_GRAND_TOTAL = _label("fiscal_grand_total", r"总计", ("总计",), generic=True)

# What may stand in front of a generic label: a qualifier or the end of a phrase, not the rest of a name.
_QUALIFIERS = (
    "其中", "拨款", "预算", "部门", "单位", "年", "年度", "本年", "当年", "全年", "包括", "日常",
    "为", "和", "及", "的", "局", "机构", "中心",
)  # fmt: skip
# A total of only part of the money (财政拨款收支总计) is not the document's total.
_PART_OF_TOTAL = re.compile(
    r"(?:财政拨款|一般公共预算|政府性基金|国有资本经营|国有资本|基金|财政专户)(?:预算)?(?:拨款|资金)?[、，\s]*$"
)
# Words that may stand between a label and its amount.
_FILLER = re.compile(
    r"^(?:\s|[：:]|财政拨款|一般公共预算|年初|共计|合计|安排|预算|决算|支出|总额|金额|达到|数|为|是|共|计|达)*$"
)
_AMOUNT = re.compile(r"(" + NUMBER + r")\s*(万元|元)?")
_NOTHING = re.compile(r"(?:未安排|未列支|无)$")

# Medical assistance by source: "其中中央资金376.76万元，省级资金80.51万元，县级资金150万元", also without the word
# 资金 after 补助/配套 ("省级补助120万元、县级配套80万元").
_SOURCE = re.compile(
    r"(中央|省级|省|县本级|区本级|县级|区级|县|区)(财政)?(?:医疗救助)?(?:(?:补助|配套|安排)(?:资金|经费)?|资金|经费)"
    r"(?:支出|安排|为|是|共计)*\s*(" + NUMBER + r")\s*(万元|元)"
)


def _source_key(source: str, fiscal: str | None) -> str | None:
    if source == "中央":
        return "assistance_central"
    if source.startswith("省"):
        return "assistance_provincial" if source == "省级" or fiscal else None
    # "县级资金", "县财政资金"; a bare "县" is the area ("全县医疗救助资金"), not who paid.
    if source.endswith(("级", "本级")) or fiscal:
        return "assistance_county"
    return None


_PRIOR = re.compile(
    r"(?:比|较|与|对比)?(上年|上一年|上年度|(20\d{2})\s*年度?)(?:全年)?(?:部门)?(?:收支)?(预算|决算)(?:总)?数?(?:为|是)?\s*("
    + NUMBER
    + r")\s*(万元|元)"
)


def _left_ok(text: str, start: int) -> bool:
    if start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff"):
        return True
    return text[:start].endswith(_QUALIFIERS)


def _labels_in(text: str) -> list[tuple[int, int, _Label]]:
    found: list[tuple[int, int, _Label]] = []
    for label in _LABELS:
        if not label.hint.search(text):  # a quick search for a word spares the full pattern's slower scan
            continue
        for m in label.pattern.finditer(text):
            if label.generic and not _left_ok(text, m.start()):
                continue
            if label.key in _TOTAL_KEYS and (part := _PART_OF_TOTAL.search(text[max(0, m.start() - 12) : m.start()])):
                if label.key != "grand_total" or not part.group(0).startswith("财政拨款"):
                    continue
                # "财政拨款收入支出总计": the grand total of the appropriations, printed in the 财政拨款收支总表.
                label = _FISCAL_GRAND_TOTAL
            found.append((m.start(), m.end(), label))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, _Label]] = []
    for start, end, label in found:
        # "机构运行经费支出预算", "部门收入总计": labels that touch make one phrase, named by the first.
        if kept and start <= kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]), kept[-1][2])
            continue
        kept.append((start, end, label))
    return kept


def _amount_after(text: str, end: int, limit: int) -> tuple[re.Match[str], str] | None:
    m = _AMOUNT.search(text, end, limit)
    if not m or not _FILLER.match(text[end : m.start()]) or m.start() - end > 14:
        return None
    unit = m.group(2)
    if unit is None:
        # "公务用车购置及运维费0.97，与上年…万元": the unit is left out where the sentence writes the rest in 万元.
        after = text[m.end() : m.end() + 1]
        if after not in ("", "，", "。", "；", ",", ";", "）", ")") or "万元" not in text:
            return None
        unit = "万元"
    return m, unit


def prose_money(number: int | Passage, text: str, doc_year: int | None, *, final: bool = False) -> list[StatedFigure]:
    """Money figures of one cleaned prose line or passage (`number`: the line, or the passage, it was read from).
    In final accounts (`final`), an amount the sentence gives as the budget ("年初预算为0.95万元") is not the
    figure: the one it gives as spent ("支出决算为0.00万元") is."""
    figures: list[StatedFigure] = []
    for s in sentences(text):
        figures.extend(_labelled(number, text, s.text, s.start, doc_year, final))
        figures.extend(_assistance(number, text, s.text, s.start, doc_year))
        figures.extend(_prior(number, text, s.text, s.start, doc_year))
    return figures


def _labelled(
    number: int | Passage, line: str, text: str, offset: int, doc_year: int | None, final: bool
) -> list[StatedFigure]:
    out: list[StatedFigure] = []
    labels = _labels_in(text)
    for i, (start, end, label) in enumerate(labels):
        limit = labels[i + 1][0] if i + 1 < len(labels) else len(text)
        found = _amount_after(text, end, limit)
        if found and final and _BUDGET_BASIS.search(text[end : found[0].start()]):
            found = _spent_after(text, found[0].end(), limit)
        if found:
            m, unit = found
            value = money_in_yuan(m.group(1), unit)
            quote = quote_around(line, offset + start, offset + m.end())
        elif _NOTHING.search(text[max(0, start - 3) : start]) and label.key.startswith("three_public"):
            # "本单位当年一般公共预算未安排“三公”经费", "无因公出国（境）费": stated as none.
            value, quote = Decimal(0), quote_around(line, offset + start, offset + end)
        else:
            continue
        out.append(
            StatedFigure(
                key=label.key,
                value=value,
                unit="元",
                line=line_at(number, offset + (m.start() if found else start)),
                quote=quote,
                label="".join(text[start:end].split()),
                year=year_of(text, start, doc_year),
            )
        )
    return out


# In final accounts: "年初预算为", "预算数为" introduce the budget; "支出决算为", "决算数为" what was spent.
_BUDGET_BASIS = re.compile(r"预算(?:数)?(?:为|是)?\s*$")
_SPENT = re.compile(r"^[，,、；;]?\s*(?:其中)?(?:实际)?(?:支出)?决算(?:数)?(?:为|是)?\s*$")


def _spent_after(text: str, end: int, limit: int) -> tuple[re.Match[str], str] | None:
    """The amount spent, stated right after the budget of the same label ("…预算为0.95万元，支出决算为0.00万元")."""
    m = _AMOUNT.search(text, end, limit)
    if not m or m.group(2) is None or not _SPENT.match(text[end : m.start()]):
        return None
    return m, m.group(2)


def _assistance(number: int | Passage, line: str, text: str, offset: int, doc_year: int | None) -> list[StatedFigure]:
    if "救助" not in text:
        return []
    out: list[StatedFigure] = []
    for m in _SOURCE.finditer(text):
        key = _source_key(m.group(1), m.group(2))
        if key is None:
            continue
        out.append(
            StatedFigure(
                key=key,
                value=money_in_yuan(m.group(3), m.group(4)),
                unit="元",
                line=line_at(number, offset + m.start(3)),
                quote=quote_around(line, offset + m.start(), offset + m.end()),
                label="".join(text[m.start() : m.start(3)].split()),
                year=year_of(text, m.start(), doc_year),
            )
        )
    return out


def _prior(number: int | Passage, line: str, text: str, offset: int, doc_year: int | None) -> list[StatedFigure]:
    """ "较上年预算数5446.66万元减少…": the other year's total, as stated."""
    if doc_year is None or ("预算" not in text and "决算" not in text):  # _PRIOR needs one of them
        return []
    out: list[StatedFigure] = []
    for m in _PRIOR.finditer(text):
        year = int(m.group(2)) if m.group(2) else doc_year - 1
        if year >= doc_year:
            continue
        out.append(
            StatedFigure(
                key="prior_year_total",
                value=money_in_yuan(m.group(4), m.group(5)),
                unit="元",
                line=line_at(number, offset + m.start(4)),
                quote=quote_around(line, offset + m.start(), offset + m.end()),
                label="".join(m.group(0)[: m.start(4) - m.start()].split()).rstrip("为是"),
                year=year,
            )
        )
    return out
