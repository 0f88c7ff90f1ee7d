"""What a finding says: one sentence per finding code, with named placeholders, put into words when shown.

A finding is stored as its code and its parameters (plain JSON), never as a sentence: the page words it in the
reader's language (disclosures/findings.py passes Django's gettext), the import record and the parser tests in
Chinese (the msgids below are the Chinese sentences). Parameter values are
- a string: shown as it is (a name or a code as the document prints it, a line number);
- `{"yuan": "37982500", "unit": "万元"}`: an exact amount in 元 (a Decimal string; `unit` is the unit the document
  published it in, kept for the record), written as the site writes money: 万元 with thousands separators and two
  decimals, more where the exact amount has them (3,503,499元 is 350.3499万元), in either language. Where a finding
  holds an amount 万元 would write with more than four decimals or below 0.01万元 (a difference of 0.17元, a
  rounding note of 37元), every amount of that finding is written in 元 instead, two decimals: one unit per
  sentence, each amount exact and none shown as 0.00;
- `{"term": "合计"}`: a label of ours (a column, a figure, a check), translated;
- `{"phrase": code, "params": {...}}`: a smaller sentence of PHRASES (where a line is, a difference, one item of a
  list), put into words the same way;
- a list, or `{"join": "；", "items": [...]}`: its items joined the way the language joins them.

No Django here (the parsers stay plain functions): `gettext_noop` below only marks the msgids for makemessages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum


def gettext_noop(text: str) -> str:
    return text


class FindingCode(StrEnum):
    """One sentence each. The part before the dot is the check's stable key (`Problem.code`, the JSON `code`)."""

    CHECK_FAILED = "check_failed"
    CHILDREN_SUM = "children_sum"
    CHILDREN_SUM_CLASS = "children_sum.class_items"
    CHILDREN_SUM_TOTAL = "children_sum.table_total"
    CHILDREN_SUM_TOTAL_PROSE = "children_sum.prose_total"
    ROW_PARTS = "row_parts"
    TABLE_TOTALS = "table_totals"
    PROSE_TOTAL = "prose_total"
    FIGURE_REPEATED = "figure_repeated"
    SUBSIDY_PER_INSURED = "subsidy_per_insured"
    THREE_PUBLIC = "three_public"
    THREE_PUBLIC_DECLARED_EMPTY = "three_public.declared_empty"
    THREE_PUBLIC_NO_AMOUNTS = "three_public.no_amounts"
    CODE_NAME = "code_name"
    CODE_LENGTH = "code_name.length"
    UNEXPECTED_CLASS = "unexpected_class"
    UNEXPECTED_CLASS_USUALLY = "unexpected_class.usually"
    PROSE_ITEM = "prose_item"
    PROSE_COMPARE = "prose_compare"
    OTHER_YEAR = "other_year"
    PLACEHOLDER_NAME = "placeholder_name"
    FOREIGN_NAME = "foreign_name"
    REPEATED_ROWS = "repeated_rows"
    DUPLICATE_TABLE = "duplicate_table"
    DUPLICATE_TABLE_SAME = "duplicate_table.same"
    IMPLAUSIBLE_AMOUNT = "implausible_amount"
    IMPLAUSIBLE_FIGURE = "implausible_amount.figure"
    TRUNCATED = "truncated"
    NO_TOTAL = "no_total"
    BLANK_TEMPLATE = "blank_template"
    CONTENTS_TABLE = "contents_table"
    NARRATIVE_CODE_UNKNOWN = "narrative_code_unknown"
    NARRATIVE_REPEATED = "narrative_repeated"
    TABLE_UNIT = "table_unit"
    EMPTY_NOTE = "empty_note"
    BAD_AMOUNT_ROW = "bad_amount"
    BAD_AMOUNT_CELL = "bad_amount.cell"
    BAD_CODE = "bad_code"
    BAD_CODE_LENGTH = "bad_code.length"
    CODE_REPAIRED = "code_repaired"

    @property
    def check(self) -> str:
        return self.value.split(".")[0]


C = FindingCode
SENTENCES: dict[FindingCode, str] = {
    C.CHECK_FAILED: gettext_noop("“%(check)s”检查未能完成：%(error)s。"),
    C.CHILDREN_SUM: gettext_noop("%(where)s「%(row)s」与其下级科目之和不一致：%(detail)s。"),
    C.CHILDREN_SUM_CLASS: gettext_noop(
        "%(source)s「%(name)s」（%(code)s类）为%(amount)s，而%(place)s中该类各项之和为%(sum)s（%(difference)s）。"
    ),
    C.CHILDREN_SUM_TOTAL: gettext_noop("%(where)s「%(row)s」与其下各行之和不一致：%(detail)s。"),
    C.CHILDREN_SUM_TOTAL_PROSE: gettext_noop(
        "%(where)s「%(row)s」与其下各行之和不一致：%(detail)s。说明可能只列出了部分科目。"
    ),
    C.ROW_PARTS: gettext_noop(
        "%(where)s「%(row)s」：合计%(total)s，而基本支出%(basic)s加项目支出%(project)s为%(sum)s（%(difference)s）。"
    ),
    C.TABLE_TOTALS: gettext_noop("两张表的数字不一致。%(parts)s。"),
    C.PROSE_TOTAL: gettext_noop(
        "说明第%(lines)s行写明%(figure)s%(value)s，而%(place)s为%(reference)s（%(difference)s）。"
    ),
    C.FIGURE_REPEATED: gettext_noop("说明中的%(figure)s前后不一：%(values)s（%(difference)s）。"),
    C.SUBSIDY_PER_INSURED: gettext_noop(
        "第%(per_head_line)s行写明每人财政补助标准%(per_head)s元/人，第%(people_line)s行写明城乡居民参保人数"
        "%(people)s人，相乘为%(product)s；而%(where)s「%(row)s」为%(amount)s（%(difference)s）。"
    ),
    C.THREE_PUBLIC: gettext_noop(
        "说明第%(line)s行写明“三公”经费%(value)s，而%(table)s第%(table_line)s行为%(printed)s（%(difference)s）。"
    ),
    C.THREE_PUBLIC_DECLARED_EMPTY: gettext_noop("%(table)s（第%(line)s行）声明为空表，但%(evidence)s。"),
    C.THREE_PUBLIC_NO_AMOUNTS: gettext_noop("%(table)s（第%(line)s行）没有列出金额，但%(evidence)s。"),
    C.CODE_NAME: gettext_noop(
        "%(where)s编码 %(code)s 的名称为「%(printed)s」，而该编码的标准名称是「%(standard)s」：编码与名称不符。"
    ),
    C.CODE_LENGTH: gettext_noop(
        "%(where)s「%(printed)s」的编码印为 %(code)s，功能分类科目编码应为3、5或7位，标准编码是 %(standard_code)s。"
    ),
    C.UNEXPECTED_CLASS: gettext_noop(
        "%(where)s「%(item)s」编码为 %(code)s（列在%(booked)s下）；"
        "医疗保障部门的%(item)s应列在 %(own)s 医疗保障管理事务下。"
    ),
    C.UNEXPECTED_CLASS_USUALLY: gettext_noop(
        "%(where)s「%(item)s」编码为 %(code)s（列在%(booked)s下）；"
        "医疗保障部门的%(item)s通常列在 %(own)s 医疗保障管理事务下。"
    ),
    C.PROSE_ITEM: gettext_noop(
        "说明第%(line)s行写明「%(quote)s」%(value)s，而%(table)s第%(table_line)s行为%(printed)s（%(difference)s）。"
    ),
    C.PROSE_COMPARE: gettext_noop(
        "说明第%(line)s行说决算数%(word)s预算数，而同一段写明年初预算%(planned)s、支出决算%(actual)s。"
    ),
    C.OTHER_YEAR: gettext_noop(
        "说明第%(lines)s行拿%(year)s年与“%(quote)s”相比：%(year)s年的文件应与上一年（%(previous)s年）相比，"
        "年份可能写错。"
    ),
    C.PLACEHOLDER_NAME: gettext_noop(
        "标题或表头中有未填写的单位名称 %(names)s（第%(lines)s行）：像是模板里留下的占位文字。"
    ),
    C.FOREIGN_NAME: gettext_noop(
        "第%(lines)s行的标题或表头写的是“%(name)s”，而这份文件的发布单位是“%(publisher)s”："
        "可能是从别的部门的文件改来时没有改名。"
    ),
    C.REPEATED_ROWS: gettext_noop(
        "%(table)s中“%(row)s”同样的一行出现了 %(count)s 次（%(lines)s）：合计和指标只算一次，原文的每一行都保留。"
    ),
    C.DUPLICATE_TABLE: gettext_noop(
        "%(table)s印了两次（%(where)s起），数字不同：%(conflicts)s%(more)s。页面上的合计和指标取第一次印的数字。"
    ),
    C.DUPLICATE_TABLE_SAME: gettext_noop("%(table)s印了两次（%(where)s起），数字相同：合计和指标只算一次。"),
    C.IMPLAUSIBLE_AMOUNT: gettext_noop(
        "“%(row)s”的%(amounts)s超出任何县级医保部门预算的可能（1,000 亿元以上）："
        "可能是两个数字被提取成了一个，或单位有误。"
    ),
    C.IMPLAUSIBLE_FIGURE: gettext_noop("文中的“%(figure)s” %(value)s 超出任何一个县的可能：可能是提取错误。"),
    C.TRUNCATED: gettext_noop(
        "文件不完整：目录列出的%(titles)s%(more)s在正文中找不到，文件可能在第 %(line)s 行之后被截断。请使用完整的文件。"
    ),
    C.NO_TOTAL: gettext_noop("没有读到任何表的合计行，也没有文字中的收支总计：文件可能不完整（共 %(lines)s 行）。"),
    C.BLANK_TEMPLATE: gettext_noop(
        "全文没有任何数字：这份文件有 %(tables)s 张表的标题和表头%(named)s，却没有填写一个金额，"
        "像是一份未填写的表样（模板），不是已公开的预算或决算。"
    ),
    C.CONTENTS_TABLE: gettext_noop(
        "目录（第%(line)s行）列出的“%(title)s”在正文中找不到：文件可能缺了这张表，或表是图片。"
    ),
    C.NARRATIVE_CODE_UNKNOWN: gettext_noop("第%(line)s行「%(name)s」的科目名称不在标准科目表中，未能确定科目编码。"),
    C.NARRATIVE_REPEATED: gettext_noop(
        "说明中科目%(code)s「%(name)s」写了两个不同的决算数：第%(first_line)s行%(first)s，第%(second_line)s行%(second)s。"
    ),
    C.TABLE_UNIT: gettext_noop("表“%(title)s”没有印出金额单位，文档单位也未知。"),
    C.EMPTY_NOTE: gettext_noop(
        "《%(title)s》的表注（第%(note_line)s行）称本表为空表，但表中第%(line)s行列有数字："
        "表注与表中数字不符，已按表中数字读取。"
    ),
    C.BAD_AMOUNT_ROW: gettext_noop("“%(row)s”一行的金额“%(cells)s”都不是数字，这一行没有读入。"),
    C.BAD_AMOUNT_CELL: gettext_noop("“%(name)s”一行的金额“%(cell)s”不是数字，已略过。"),
    C.BAD_CODE: gettext_noop("科目编码“%(code)s”不是数字，已略过此行。"),
    C.BAD_CODE_LENGTH: gettext_noop("科目编码“%(code)s”不是3、5或7位，已略过此行（%(name)s）。"),
    C.CODE_REPAIRED: gettext_noop("科目编码“%(code)s”按科目名称“%(name)s”读作%(repaired)s。"),
}

# The smaller sentences a finding's parameters are made of.
PHRASES: dict[str, str] = {
    "table": gettext_noop("《%(title)s》"),
    "table.prose": gettext_noop("说明中的"),
    "table.key": gettext_noop("表 %(key)s"),
    "where.table_line": gettext_noop("%(table)s第%(line)s行"),
    "where.prose": gettext_noop("说明"),
    "where.prose_line": gettext_noop("说明第%(line)s行"),
    "row": gettext_noop("%(where)s「%(row)s」"),
    "row.computed": gettext_noop("%(table)s（无合计行，第%(line)s行起各类之和）"),
    "difference": gettext_noop("相差%(amount)s"),
    "sum.total": gettext_noop("合计为%(parent)s，%(what)s为%(sum)s（%(difference)s）"),
    "sum.column": gettext_noop("%(column)s列为%(parent)s，%(what)s为%(sum)s（%(difference)s）"),
    "totals.pair": gettext_noop("%(figure)s：%(place)s为%(value)s，%(other_place)s为%(other)s（%(difference)s）"),
    "stated.at": gettext_noop("第%(lines)s行为%(value)s"),
    "evidence.prose": gettext_noop("说明%(stated)s"),
    "evidence.stated_line": gettext_noop("第%(line)s行写明%(figures)s"),
    "evidence.row": gettext_noop("%(where)s列有「%(row)s」%(amount)s"),
    "figure.amount": gettext_noop("%(figure)s%(amount)s"),
    "column.amount": gettext_noop("%(column)s %(amount)s"),
    "quoted": gettext_noop("“%(text)s”"),
    "lines": gettext_noop("第 %(lines)s 行"),
    "lines.more": gettext_noop("第 %(lines)s 等 行"),
    "lines.two": gettext_noop("第 %(first)s 行和第 %(second)s 行"),
    "conflict": gettext_noop(
        "“%(row)s”%(column)s %(first)s（第 %(first_line)s 行）与 %(second)s（第 %(second_line)s 行）"
    ),
    "more.places": gettext_noop("等 %(count)s 处"),
    "more.items": gettext_noop("等 %(count)s 项"),
    "people": gettext_noop("%(count)s 人"),
    "publisher_written": gettext_noop("（发布单位写作“%(name)s”）"),
    "also_in": gettext_noop("%(finding)s；%(places)s中相同。"),
    "money.yuan": gettext_noop("%(amount)s元"),
    "money.wan": gettext_noop("%(amount)s万元"),
    # A stored version, as a refusal names it.
    "document.named": gettext_noop("%(bureau)s %(label)s"),
    "document.year_kind": gettext_noop("%(year)s年%(kind)s"),
}

# Phrases whose Chinese is also a label elsewhere on the site (说明 the column is "Description"): translated from a
# msgid of their own.
OWN_MSGIDS = {
    "where.prose": gettext_noop("说明（文件中的位置）"),
    # Terms: what a refusal says is missing (年度 the form field is "Fiscal year"), a parse stage.
    "年度": gettext_noop("年度（文中缺少的信息）"),
    "文中数字": gettext_noop("文中数字（解析阶段）"),
}

# Labels of ours that parameters name by their Chinese text ({"term": ...}); marked here for makemessages.
TERMS = (
    gettext_noop("下级之和"),
    gettext_noop("其下各行之和"),
    # What a sentence says the final figure is, compared with the budget (check_prose).
    gettext_noop("大于"),
    gettext_noop("高于"),
    gettext_noop("小于"),
    gettext_noop("低于"),
    gettext_noop("等于"),
    gettext_noop("基本持平"),
    gettext_noop("持平"),
)

# How each language joins a list: the Chinese mark, the English one.
JOINS = {"、": ", ", "；": "; ", "，": ", ", "”“": "”, “"}


@dataclass(frozen=True)
class Voice:
    """How to put a finding into words: `translate` a msgid (identity: Chinese), whether the reader is Chinese
    (Chinese list marks) or not, and the unit of the finding's amounts (decided per finding by `sentence`)."""

    translate: Callable[[str], str] = gettext_noop
    chinese: bool = True
    yuan: bool = False


CHINESE = Voice()

WAN = Decimal(10000)
# 万元 to at most four decimals is a whole 元; an amount that needs more (fen), or a non-zero one under 0.01万元, puts
# its whole finding in 元.
WAN_PLACES = 4
SMALLEST_WAN = Decimal(100)


def sentence(code: str, params: dict, voice: Voice = CHINESE) -> str:
    """The finding in words. A code this version does not know (a row stored by a later one) says nothing."""
    text = SENTENCES.get(code)
    if text is None:
        return ""
    voice = _unit_of(params, voice)
    said = _fill(text, {k: v for k, v in params.items() if k != "also_in"}, voice)
    if params.get("also_in"):
        finding = said.rstrip("。") if voice.chinese else said
        said = _fill(PHRASES["also_in"], {"finding": finding, "places": params["also_in"]}, voice, literal=("finding",))
    return said


def worded(text: str, params: dict | None = None, voice: Voice = CHINESE) -> str:
    """A message of ours (a refusal) and its parameters in words, as a finding's sentence is."""
    return _fill(text, params or {}, _unit_of(params or {}, voice))


def _unit_of(params: dict, voice: Voice) -> Voice:
    """The voice with the unit of this finding's amounts: 元 when 万元 cannot write one of them exactly and readably."""
    in_yuan = any(_needs_yuan(v) for v in _amounts(params))
    return replace(voice, yuan=in_yuan) if in_yuan != voice.yuan else voice


def _amounts(value) -> Iterable[Decimal]:
    if isinstance(value, dict):
        if "yuan" in value:
            yield Decimal(value["yuan"])
            return
        for item in value.values():
            yield from _amounts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _amounts(item)


def _needs_yuan(value: Decimal) -> bool:
    if value == 0:
        return False
    return abs(value) < SMALLEST_WAN or -(value / WAN).normalize().as_tuple().exponent > WAN_PLACES


def _fill(text: str, params: dict, voice: Voice, literal: tuple[str, ...] = ()) -> str:
    text = voice.translate(text)
    if not params:
        return text
    return text % {k: (v if k in literal else words(v, voice)) for k, v in params.items()}


def words(value, voice: Voice = CHINESE) -> str:
    """One parameter value in words."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return _join(value, "、", voice)
    if "items" in value:
        return _join(value["items"], value.get("join", "、"), voice)
    if "yuan" in value:
        return _money(Decimal(value["yuan"]), voice)
    if "term" in value:
        said = value["term"]
        return said if voice.chinese else _mid_sentence(voice.translate(OWN_MSGIDS.get(said, said)))
    code = value["phrase"]
    text = PHRASES[code] if voice.chinese else OWN_MSGIDS.get(code, PHRASES[code])
    return _fill(text, value.get("params", {}), voice)


def _mid_sentence(label: str) -> str:
    """A label of ours inside an English sentence: "Total spending this year" reads "total spending this year";
    an acronym ("API") or a quoted name keeps its case."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _join(items: Iterable, mark: str, voice: Voice) -> str:
    return (mark if voice.chinese else JOINS.get(mark, ", ")).join(words(i, voice) for i in items)


def _money(value: Decimal, voice: Voice) -> str:
    """As the site writes money (comparisons/formatting.py: 万元, thousands separators, two decimals), exact:
    37984200 -> '3,798.42万元', 3503499 -> '350.3499万元'; in a finding of 元 (`Voice.yuan`), '0.17元'."""
    if voice.yuan:
        return voice.translate(PHRASES["money.yuan"]) % {"amount": _grouped(value)}
    return voice.translate(PHRASES["money.wan"]) % {"amount": _grouped(value / WAN)}


def _grouped(value: Decimal) -> str:
    """Thousands separators and two decimals, more where the exact value has them: never rounded."""
    exact = value.normalize()
    places = max(2, -exact.as_tuple().exponent)
    return f"{value:,.{places}f}"


# Parameter builders for the checks.


def amount(value: Decimal, unit: str | None) -> dict:
    return {"yuan": f"{value:f}", "unit": "元" if unit == "元" else "万元"}


def term(text: str) -> dict:
    return {"term": text}


def phrase(code: str, **params) -> dict:
    if code not in PHRASES:
        raise KeyError(code)
    return {"phrase": code, "params": params} if params else {"phrase": code}


def joined(items: Iterable, mark: str = "、") -> dict:
    return {"join": mark, "items": list(items)}


def numbers(values: Iterable[int]) -> list[str]:
    return [str(n) for n in values]
