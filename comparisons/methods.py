"""What the methods page shows, generated from the indicator declarations and the national reference table.

No database: everything comes from the REGISTRY and comparisons/reference.py, so the page cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _

from disclosures.code_names import code_display_label

from .indicators import GROUPS, REGISTRY, Indicator
from .reference import ReferenceRow, reference_rows
from .vocabulary import Unit

# What the stated figures an indicator reads are called (StatedFigure.key -> label).
FIGURE_LABELS: dict[str, Promise] = {
    "insured_residents": _("城乡居民参保人数（文件写明，常见于绩效目标）"),
    "insured_employees": _("职工医保参保人数"),
    "subsidy_per_insured": _("文件自述的每人补助标准"),
    "running_costs": _("机关运行经费 / 机构运行经费；只写明公用经费的单位为公用经费"),
    "public": _("公用经费"),
    "staff": _("单位人数：实有人数优先，否则编制人数"),
    "total": _("文字说明中的收支总额"),
    "basic": _("基本支出"),
    "project": _("项目支出"),
    "assistance_central": _("医疗救助中央资金"),
    "assistance_provincial": _("医疗救助省级资金"),
    "assistance_county": _("医疗救助县级资金"),
}

UNIT_LABELS: dict[str, Promise] = {
    Unit.MONEY: _("万元（两位小数；存储为元）"),
    Unit.PER_HEAD: _("元/人（两位小数）"),
    Unit.PERCENT: _("%（占比两位小数；占全国最低标准的比例一位小数）"),
}

# The caveats that hold for every indicator: the issue asks for budget vs final accounts, years, units, denominators.
GENERAL_CAVEATS: tuple[tuple[Promise, Promise], ...] = (
    (
        _("预算与决算"),
        _(
            "预算是年初的安排，决算是当年实际执行的结果（含年中追加的上级资金）。两者从不相加；"
            "每一行都标出年度和类型，排名和中位数只在同一年度、同一类型的文件之间计算。"
        ),
    ),
    (
        _("不同年度"),
        _(
            "全国人均财政补助标准逐年提高，各县的金额也随之变化。不同年度的数字只在并列时注明年度，"
            "不放进同一个排名；同比只与同一单位上一年度、同一类型（预算对预算、决算对决算）、"
            "同一范围（部门对部门、单位对单位）的文件比较。"
        ),
    ),
    (
        _("单位"),
        _(
            "文件以元或万元公布（“单位：元”“单位：万元”）。本站一律换算为元存储，不取整；"
            "金额以万元显示（两位小数，千位分隔），人均以元显示（两位小数），比例以百分比显示。"
        ),
    ),
    (
        _("分母"),
        _(
            "参保人数优先取同一文件写明的数字（常见于绩效目标，可能是目标值而非实际参保人数）；"
            "文件未写明时，用工作人员为该地区、该年度录入的数字，并显示其来源；两者都没有时显示为缺失并说明原因。"
            "人均运行成本的分母是文件写明的单位人数：实有人数优先，否则编制人数（注明）。"
        ),
    ),
    (
        _("缺失"),
        _("文件没有的数字显示为“缺失”并简述原因；鼠标悬停、表格的“说明”列和导出的备注列给出完整原因。从不记为 0。"),
    ),
    (
        _("部门与单位"),
        _(
            "部门预算（决算）包含局机关及所属单位；单位预算只含本单位（如医保经办机构）。"
            "经办机构不安排对医保基金的补助和医疗救助，这两项对它显示为缺失。"
        ),
    ),
    (
        _("中位数与同比"),
        _(
            "同类单位的中位数只在同一年度、同一类型的文件之间计算（可选同省或全部），缺失值不计入。"
            "同比变化 = 本年数 − 上一年度数；金额和人均另给变化百分比，占比给百分点之差。"
        ),
    ),
    (
        _("可追溯"),
        _("每个数字都链接到所在文件的原文行；文字说明与表格不一致时，两者都保留，并在该文件的核对结果中列出。"),
    ),
)


@dataclass(frozen=True)
class CodeLabel:
    code: str
    label: str  # the code and its name, as the reader's language writes them (code_display_label)


@dataclass(frozen=True)
class IndicatorMethod:
    indicator: Indicator
    name: str
    other_name: str  # the name in the other language, beside the active one
    codes: list[CodeLabel]
    figures: list[tuple[str, Promise | str]]
    unit_label: Promise | str

    @property
    def key(self) -> str:
        return self.indicator.key


@dataclass(frozen=True)
class MethodGroup:
    key: str
    name: str
    indicators: list[IndicatorMethod]


@dataclass(frozen=True)
class MethodsPage:
    groups: list[MethodGroup]
    general_caveats: tuple[tuple[Promise, Promise], ...]
    reference: list[ReferenceRow]


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _other_language(msgid: str) -> str:
    """The name in the other language, shown beside it on the methods page."""
    with override(settings.LANGUAGE_CODE if _english() else "en"):
        return gettext(msgid)


def indicator_method(indicator: Indicator) -> IndicatorMethod:
    return IndicatorMethod(
        indicator=indicator,
        name=indicator.name,
        other_name=_other_language(indicator.title),
        codes=[CodeLabel(code, code_display_label(code)) for code in indicator.codes],
        figures=[(key, FIGURE_LABELS.get(key, key)) for key in indicator.figures],
        unit_label=UNIT_LABELS.get(indicator.unit, indicator.unit),
    )


def methods_describe() -> MethodsPage:
    """The methods page, in the active language: indicators grouped as the pages group them, then the references."""
    groups = []
    for key, heading in GROUPS.items():
        members = [indicator_method(i) for i in REGISTRY if i.group == key]
        if members:
            groups.append(MethodGroup(key=key, name=gettext(heading), indicators=members))
    ungrouped = [indicator_method(i) for i in REGISTRY if i.group not in GROUPS]
    if ungrouped:
        groups.append(MethodGroup(key="other", name=gettext("其他"), indicators=ungrouped))
    return MethodsPage(groups=groups, general_caveats=GENERAL_CAVEATS, reference=reference_rows())
