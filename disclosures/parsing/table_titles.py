"""Recognising a table by its printed title, and the unit and emptiness notes printed near it."""

from __future__ import annotations

import re

from disclosures.vocabulary import HEADING_MARKS, UNIT_IN_PARENTHESES, UNIT_LABEL, TableKey

from .text import strip_tags

_NUMBERING = re.compile(
    r"^(?:表\s*\d+[\s:：.、]*|[（(]\s*\d+\s*[）)]\s*|\d+\s*[、.．]\s*|[一二三四五六七八九十]+\s*[、.．]\s*|附表\s*\d*[\s:：]*)"
)
_TITLE_END = re.compile(r"表\s*(?:[（(][^（）()]{1,20}[）)])?$")
_NOT_TITLE = re.compile(r"[。；;，,]|\.{3,}|…|见下表|如下表|详见|下表|附表：")
_UNIT = re.compile(UNIT_LABEL)
# The number a template prints above each title ("公开01表", "部门公开表02", "附表3"): a label, not the title.
_TABLE_NUMBER = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:\d{1,3}表|表\d{1,3})$")
# A page heading over every table ("2024年单位预算公开表", "部门决算公开报表"): names the document, not a table.
_DOCUMENT_HEADING = re.compile(r".{0,40}?(?:预算|决算)(?:信息)?公开(?:报)?表")
_TABLE_WORDS = ("收", "支", "三公", "项目", "资产", "采购", "绩效", "经费", "基金")
EMPTY_DECLARATION = re.compile(r"空表|本表无数据|无数据|不涉及|此表为空|本表为空")

# Checked in order: the first whose words are all in the title wins.
_KEYS: list[tuple[TableKey, tuple[str, ...]]] = [
    (TableKey.THREE_PUBLIC, ("三公",)),
    (TableKey.PERFORMANCE_TARGETS, ("绩效",)),
    (TableKey.GOV_FUND, ("政府性基金",)),
    (TableKey.GOV_FUND, ("政府基金",)),
    (TableKey.STATE_CAPITAL, ("国有资本经营",)),
    (TableKey.PROCUREMENT, ("政府采购",)),
    (TableKey.ASSETS, ("资产",)),
    (TableKey.RUNNING_COSTS, ("运行经费",)),
    (TableKey.PROJECTS, ("项目支出",)),
    (TableKey.PROJECTS, ("专项业务经费",)),
    (TableKey.PROJECTS, ("项目表",)),
    (TableKey.ECONOMIC_SUMMARY, ("经济分类汇总",)),
    (TableKey.FISCAL_SUMMARY, ("财政拨款收支总",)),
    (TableKey.FISCAL_SUMMARY, ("财政拨款收入支出", "总")),
    (TableKey.INCOME_EXPENDITURE_SUMMARY, ("收支总",)),
    (TableKey.INCOME_EXPENDITURE_SUMMARY, ("收入支出", "总")),
    (TableKey.INCOME_SUMMARY, ("收入总",)),
    (TableKey.EXPENDITURE_SUMMARY, ("支出总",)),
    (TableKey.BASIC_FUNCTIONAL, ("基本支出", "功能")),
    (TableKey.BASIC_EXPENDITURE, ("基本支出",)),
    (TableKey.GENERAL_BUDGET_ECONOMIC, ("一般公共预算", "支出", "经济")),
    (TableKey.GENERAL_BUDGET_EXPENDITURE, ("一般公共预算", "支出")),
    (TableKey.INCOME_SUMMARY, ("收入",)),
    (TableKey.EXPENDITURE_SUMMARY, ("支出",)),
]


def clean_title(line: str) -> str:
    """The title text without markdown, list markers, numbering, tags and spaces."""
    s = strip_tags(line).strip()
    s = HEADING_MARKS.sub("", s)
    s = s.lstrip("-*• ").strip()
    s = _NUMBERING.sub("", s).strip()
    return s


def title_key(line: str) -> str | None:
    """The table key when this line is a table title, else None.

    A title is a short line of its own that ends in 表 (optionally with a qualifier in brackets), not a sentence
    that mentions a table and not an entry of a table of contents (dot leaders, trailing page number, "；").
    """
    if "表" not in line:
        return None
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cells) != 1:
            return None
        line = cells[0]
    s = clean_title(line)
    if not s or len(s) > 100 or _NOT_TITLE.search(s) or not _TITLE_END.search(s):
        return None
    squashed = "".join(s.split())
    # "公开" is in every document heading: the test spares the pattern most titles.
    if "公开" in squashed and _DOCUMENT_HEADING.fullmatch(squashed) and not any(w in squashed for w in _TABLE_WORDS):
        return None
    if (
        squashed in {"表", "附表", "报表"}
        or _TABLE_NUMBER.match(squashed)
        or "目录" in squashed
        or "公开报表" in squashed
    ):
        return None
    for key, words in _KEYS:
        # A loop, not all() over a generator: 24 keys are tried for a title, and most fail at their first word.
        for w in words:
            if w not in squashed:
                break
        else:
            return key
    return "other"


def unit_in(line: str) -> str | None:
    """'单位：万元' -> '万元'; also the '（金额单位：万元）' some headers carry."""
    if "元" not in line:  # both patterns need it: most lines and cells are spared two regex scans
        return None
    m = _UNIT.search(line)
    if m:
        return m.group(1)
    m = UNIT_IN_PARENTHESES.search(line)
    if m:
        return m.group(1) or m.group(2)
    return None
