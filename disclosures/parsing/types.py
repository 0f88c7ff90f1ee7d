"""Typed rows that the parsers produce. Plain data: no database (the shared words come from disclosures.vocabulary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from disclosures.vocabulary import Kind, RowKind, Scope, Severity, TableKey

from .wording import CHINESE, FindingCode, Voice, gettext_noop, sentence, worded

__all__ = ["Kind", "RowKind", "Scope", "Severity", "TableKey"]  # the vocabulary the parsers share, re-exported


class Classification(StrEnum):
    FUNCTIONAL = "functional"  # 功能分类 2101202
    ECONOMIC_DEPARTMENT = "economic_department"  # 部门经济分类 30201
    ECONOMIC_GOVERNMENT = "economic_government"  # 政府经济分类 50201
    PROJECT = "project"  # 项目支出表 rows
    SUMMARY = "summary"  # 收支总表 rows named by class, without code
    OTHER = "other"


# Column keys shared by all tables; a column not in this map keeps its printed header.
COLUMN_KEYS: dict[str, str] = {
    "合计": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "人员经费": "personnel",
    "公用经费": "public",
}


class DisclosureError(Exception):
    """The text cannot be imported. `line` is 1-based where one applies; `remedy` names what the user can do about
    it ("year", "region", "check", …), which each entry point words in its own terms (a flag, a form field).

    Like a finding, a refusal is its Chinese msgid and its parameters (wording.py), put into words when shown: in
    Chinese for the import record and the command line (`message`), in the reader's language on the pages
    (`words(voice)`)."""

    def __init__(
        self,
        text: str,
        params: dict | None = None,
        *,
        line: int | None = None,
        remedy: str | None = None,
        finding: FindingCode | None = None,
    ):
        self.text = text
        self.params = params or {}
        self.finding = finding
        self.line = line
        self.remedy = remedy
        self.message = self.words()
        super().__init__(self.message)

    @classmethod
    def of_problem(cls, problem: Problem) -> DisclosureError:
        """An error-severity finding that stops the import, said as the finding says it."""
        return cls("", problem.params, line=problem.lines[0] if problem.lines else None, finding=problem.finding)

    def words(self, voice: Voice = CHINESE) -> str:
        if self.finding is not None:
            return sentence(self.finding, self.params, voice)
        return worded(self.text, self.params, voice)

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.message}" if self.line else self.message


@dataclass(frozen=True)
class Problem:
    """A finding about the document: a parse oddity or a failed arithmetic check. Kept as its code and parameters
    (JSON: see wording.py), put into words when shown, in the reader's language."""

    severity: Severity
    finding: FindingCode
    params: dict = field(default_factory=dict)
    lines: tuple[int, ...] = ()

    @property
    def code(self) -> str:
        """The check's stable key, e.g. "children_sum", "prose_total" (several sentences may share one)."""
        return self.finding.check

    @cached_property  # asked by the checks (to tell repeated findings), the stored row and the import record
    def message(self) -> str:
        """In Chinese, as the import record and the tests read it."""
        return sentence(self.finding, self.params)


@dataclass
class DocumentMeta:
    publisher: str | None = None  # 顺平县医疗保障局
    year: int | None = None
    kind: Kind | None = None
    scope: Scope | None = None
    unit: str | None = None  # "元" or "万元": the document's main published unit
    prose_unit: str | None = None  # the unit most amounts in the prose are written in, where it writes any
    title: str = ""
    budget_code: str | None = None  # "450": printed on tables, not an identity
    other_names: list[str] = field(default_factory=list)  # 经办中心 vs 经办机构
    lines: dict[str, int] = field(default_factory=dict)  # meta field -> source line


@dataclass
class ParsedTable:
    key: str  # stable: "income_expenditure_summary", "expenditure_summary", ...
    title: str  # as printed, e.g. 部门预算支出总表
    unit: str | None  # 元 / 万元 as printed above the table
    start_line: int
    end_line: int
    declared_empty: bool = False  # "空表列示" / "本表无数据"
    columns: list[str] = field(default_factory=list)  # column keys in print order


@dataclass
class ParsedLine:
    table: str  # ParsedTable.key, or "narrative" for 决算 sentences
    classification: Classification
    code: str  # normalised, no spaces: "2101202"; "" where the row has none
    name: str  # completed name: "财政对城乡居民基本医疗保险基金的补助"
    published_name: str  # as printed, after joining the pieces a page break split
    amounts: dict[str, Decimal]  # column key -> amount in 元, exact; blank/"—" omitted
    source_lines: tuple[int, ...]  # 1-based lines of the text the row was read from
    from_narrative: bool = False
    row_kind: str = ""  # free: "特定目标类", "其他运转类", "total" for 合计 rows, ...


@dataclass
class StatedFigure:
    key: str  # see FIGURE_KEYS
    value: Decimal  # 元 for money, persons for counts, 元/人 for per-head
    unit: str  # "元", "人", "元/人", "%"
    line: int
    quote: str  # the sentence or cell it came from, as printed
    label: str = ""  # the wording used: 机关运行经费 / 机构运行经费 / 公用经费
    year: int | None = None  # when the figure is about another year (上年)
    table: str = ""  # the key of the table whose row states it ("three_public"); "" for prose


# Our label of each figure key (msgids: pages show them in the reader's language).
FIGURE_KEYS = {
    "total": gettext_noop("本年支出合计"),
    "income_total": gettext_noop("本年收入合计"),
    "grand_total": gettext_noop("收支总计"),
    "fiscal_grand_total": gettext_noop("财政拨款收支总计"),
    "basic": gettext_noop("基本支出"),
    "project": gettext_noop("项目支出"),
    "personnel": gettext_noop("人员经费"),
    "public": gettext_noop("公用经费"),
    "running_costs": gettext_noop("机关运行经费"),
    "three_public": gettext_noop("“三公”经费"),
    "three_public_travel": gettext_noop("因公出国（境）费"),
    "three_public_cars": gettext_noop("公务用车购置及运行维护费"),
    "three_public_reception": gettext_noop("公务接待费"),
    "staff": gettext_noop("编制/实有人数"),
    "insured_residents": gettext_noop("城乡居民参保人数"),
    "insured_employees": gettext_noop("职工参保人数"),
    "subsidy_per_insured": gettext_noop("每人财政补助标准"),
    "assistance_central": gettext_noop("医疗救助资金（中央）"),
    "assistance_provincial": gettext_noop("医疗救助资金（省级）"),
    "assistance_county": gettext_noop("医疗救助资金（县级）"),
    "prior_year_total": gettext_noop("上年收支总计"),
}


@dataclass
class ParseResult:
    meta: DocumentMeta
    tables: list[ParsedTable] = field(default_factory=list)
    lines: list[ParsedLine] = field(default_factory=list)
    figures: list[StatedFigure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    passages: list = field(default_factory=list)  # the prose, lines a PDF wrapped joined (prose.Passage)
    # The document's totals as totals.py decides them, kept by check_totals for the checks that ask many times.
    decided_totals: tuple | None = field(default=None, repr=False, compare=False)
