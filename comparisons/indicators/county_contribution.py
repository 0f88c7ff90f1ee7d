"""County contribution to the residents' basic medical insurance fund (2101202)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from .base import Indicator, IndicatorValue, reason

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

CODE = "2101202"
NO_LINE = reason(
    "county_contribution.no_line",
    gettext_noop("文件中没有 2101202（财政对城乡居民基本医疗保险基金的补助）这一行。"),
    short=gettext_noop("无 2101202 行"),
)


def compute(facts: DocumentFacts) -> IndicatorValue:
    amount = facts.functional(CODE)
    if amount is None:
        return INDICATOR.missing(NO_LINE())
    return INDICATOR.found(amount.value, (facts.line_ref(facts.code_label(CODE), amount),))


INDICATOR = Indicator(
    key="county_contribution",
    title=gettext_noop("县级财政对城乡居民医保基金的补助"),
    heading=pgettext_lazy("表头", "县级财政补助"),
    definition=gettext_lazy("本级财政安排的对城乡居民基本医疗保险基金的补助，即功能分类科目 2101202 的合计数。"),
    formula=gettext_lazy("2101202 合计"),
    unit=Unit.MONEY,
    codes=(CODE,),
    caveats=(
        gettext_lazy("预算是年初安排，决算是实际支出，两者不可相加或直接排名。"),
        gettext_lazy("只含本级（县级）财政补助；中央和省级补助通常不经县医保局的部门预算。"),
        gettext_lazy("有的县把补助列在财政部门或社保基金的预算里，医保局文件中没有 2101202，此时显示为缺失而不是 0。"),
    ),
    sources=(gettext_lazy("各县医疗保障局部门预算、决算公开中的支出总表或一般公共预算支出表。"),),
    compute=compute,
    group="contribution",
)
