"""County contribution to the residents' basic medical insurance fund (2101202)."""

from __future__ import annotations

from comparisons.facts import DocumentFacts

from .base import Indicator, IndicatorValue

CODE = "2101202"


def compute(facts: DocumentFacts) -> IndicatorValue:
    amount = facts.functional(CODE)
    if amount is None:
        return INDICATOR.missing("文件中没有 2101202（财政对城乡居民基本医疗保险基金的补助）这一行。")
    return INDICATOR.found(amount.value, (facts.line_ref(f"{CODE} 财政对城乡居民基本医疗保险基金的补助", amount),))


INDICATOR = Indicator(
    key="county_contribution",
    name_zh="县级财政对城乡居民医保基金的补助",
    name_en="County contribution to the residents' insurance fund",
    definition="本级财政安排的对城乡居民基本医疗保险基金的补助，即功能分类科目 2101202 的合计数。",
    formula="2101202 合计",
    unit="元",
    codes=(CODE,),
    caveats=(
        "预算是年初安排，决算是实际支出，两者不可相加或直接排名。",
        "只含本级（县级）财政补助；中央和省级补助通常不经县医保局的部门预算。",
    ),
    sources=("各县医疗保障局部门预算、决算公开中的支出总表或一般公共预算支出表。",),
    compute=compute,
)
