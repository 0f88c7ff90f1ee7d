"""The words of the disclosures app, declared once: what the parsers produce, the models store and the pages show.

Kinds, scopes and severities are Django choices (their labels are the ones every page and the admin show); the
parsers use the same enums, so a parsed row and a stored one say "budget" the same way. Table keys, row kinds and
import statuses are StrEnums: they compare equal to the strings stored in the database and written in reports.
The unit and heading patterns several parsers need are here too, so that they cannot drift apart.
"""

from __future__ import annotations

import re
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    BUDGET = "budget", _("预算")
    FINAL = "final", _("决算")


class Scope(models.TextChoices):
    DEPARTMENT = "department", _("部门")
    UNIT = "unit", _("单位")


class Severity(models.TextChoices):
    ERROR = "error", _("错误")
    WARNING = "warning", _("不一致")
    INFO = "info", _("提示")


class PublishedUnit(models.TextChoices):
    """The unit a document publishes its amounts in (stored in 元 whatever it was), named in the reader's words."""

    YUAN = "元", _("元")
    WAN_YUAN = "万元", _("万元")


# Every stored choice a page shows by its label where it holds only the value (parsed rows, JSON, reports).
LABELS = {member.value: member.label for choices in (Kind, Scope, Severity, PublishedUnit) for member in choices}


class TableKey(StrEnum):
    """The standard tables of a disclosure, by what they hold (table_titles.py recognises their printed titles)."""

    INCOME_EXPENDITURE_SUMMARY = "income_expenditure_summary"  # 收支总表
    INCOME_SUMMARY = "income_summary"  # 收入总表
    EXPENDITURE_SUMMARY = "expenditure_summary"  # 支出总表
    FISCAL_SUMMARY = "fiscal_summary"  # 财政拨款收支总表
    GENERAL_BUDGET_EXPENDITURE = "general_budget_expenditure"  # 一般公共预算支出表
    GENERAL_BUDGET_ECONOMIC = "general_budget_economic"  # 一般公共预算支出表（按经济分类）
    BASIC_EXPENDITURE = "basic_expenditure"  # 基本支出表
    BASIC_FUNCTIONAL = "basic_functional"  # 基本支出表（按功能分类）
    ECONOMIC_SUMMARY = "economic_summary"  # 支出经济分类汇总表
    GOV_FUND = "gov_fund"  # 政府性基金预算支出表
    STATE_CAPITAL = "state_capital"  # 国有资本经营预算支出表
    THREE_PUBLIC = "three_public"  # “三公”经费支出表
    PROJECTS = "projects"  # 项目支出表
    RUNNING_COSTS = "running_costs"  # 机关运行经费
    PROCUREMENT = "procurement"  # 政府采购
    ASSETS = "assets"  # 国有资产占用
    PERFORMANCE_TARGETS = "performance_targets"  # 绩效目标表
    NARRATIVE = "narrative"  # not a table: amounts read from the prose (决算 sentences when the tables were images)


# The tables a reader looks at first, opened on the document page and the upload preview when lines were read from them.
OPENED_TABLES = (TableKey.EXPENDITURE_SUMMARY, TableKey.NARRATIVE)


class RowKind(StrEnum):
    """What a parsed row is besides its classification ("" for an ordinary row)."""

    TOTAL = "total"  # 合计 / 总计
    SUBTOTAL = "subtotal"  # an unnamed row summing the rows above it
    UNIT = "unit"  # one unit's row in a department's table


class ImportStatus(StrEnum):
    """What became of one file given to the importer."""

    IMPORTED = "imported"
    UNCHANGED = "unchanged"  # the same file was imported before
    REPLACED = "replaced"  # another version was current; this one is now
    CHECKED = "checked"  # read and checked only, nothing written
    SKIPPED = "skipped"  # already stored, or superseded since (with --skip-existing): nothing written
    ERROR = "error"  # refused or failed; nothing written


# "单位：万元" (group 1 the unit).
UNIT_LABEL = r"单位\s*[:：]\s*(万元|元)"
# "（金额单位：万元）", "(元)" in a header cell (group 1 or 2 the unit).
UNIT_IN_PARENTHESES = re.compile(r"[（(]\s*(?:金额)?单位\s*[:：]?\s*(万元|元)\s*[）)]|[（(](万元|元)[）)]")
# A markdown heading ("## 一、部门概况", "- # 表1"): HEADING needs a space after the marks, HEADING_MARKS is the
# marks to remove from a title.
_HEADING_MARKS = r"^\s*(?:[-*]\s+)?#{1,6}"
HEADING = re.compile(_HEADING_MARKS + r"\s")
HEADING_MARKS = re.compile(_HEADING_MARKS + r"\s*")
