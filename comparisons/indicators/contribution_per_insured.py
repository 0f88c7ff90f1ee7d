"""County contribution per insured resident: 2101202 ÷ the insured residents the same document states."""

from __future__ import annotations

from decimal import Decimal

from comparisons.facts import DocumentFacts
from comparisons.reference import NATIONAL_MINIMUM_SUBSIDY

from .base import Indicator, IndicatorValue, SourceRef, per_head, share
from .county_contribution import CODE


def _denominator(facts: DocumentFacts) -> tuple[Decimal, SourceRef] | None:
    stated = facts.stated("insured_residents")
    if stated:
        figure = stated[0]
        return figure.value, facts.figure_ref(f"城乡居民参保人数 {figure.value:,.0f} 人", figure)
    entered = facts.denominators.get("insured_residents")
    if entered is not None:
        label = f"工作人员录入的参保人数 {entered.value:,} 人（{entered.region.name} {entered.year}年）"
        return Decimal(entered.value), SourceRef(label=label, note=entered.source)
    return None


def compute(facts: DocumentFacts) -> IndicatorValue:
    amount = facts.functional(CODE)
    stated_per_head = facts.stated("subsidy_per_insured")
    details = {"stated_per_head": stated_per_head[0].value if stated_per_head else None}
    if amount is None:
        return INDICATOR.missing("文件中没有 2101202 这一行。", details=details)
    denominator = _denominator(facts)
    if denominator is None:
        return INDICATOR.missing(
            "文件没有写明城乡居民参保人数，也没有工作人员录入的该地区该年度参保人数。", details=details
        )
    people, people_ref = denominator
    if people <= 0:
        return INDICATOR.missing("参保人数为 0，无法计算。", details=details)
    value = per_head(amount.value, people)
    minimum = NATIONAL_MINIMUM_SUBSIDY.get(facts.disclosure.fiscal_year)
    details |= {
        "national_minimum": minimum,
        "share_of_national_minimum": share(value, minimum) if minimum else None,
        "insured_residents": people,
    }
    note = ""
    if details["stated_per_head"] is not None and abs(details["stated_per_head"] - value) > Decimal("0.5"):
        note = f"文件自述每人 {details['stated_per_head']:.2f} 元，与计算值 {value:.2f} 元不一致。"
    sources = (facts.line_ref(f"{CODE} 财政对城乡居民基本医疗保险基金的补助", amount), people_ref)
    return INDICATOR.found(value, sources, details=details, note=note)


INDICATOR = Indicator(
    key="contribution_per_insured",
    name_zh="每名城乡居民参保人的县级财政补助",
    name_en="County contribution per insured resident",
    definition="县级财政对城乡居民医保基金的补助（2101202）除以同一文件写明的城乡居民参保人数；"
    "文件未写明时，用工作人员为该地区、该年度录入的参保人数（注明来源）。",
    formula="2101202 合计 ÷ 城乡居民参保人数",
    unit="元/人",
    codes=(CODE,),
    figures=("insured_residents", "subsidy_per_insured"),
    caveats=(
        "全国人均财政补助最低标准包括中央、省、市、县各级；县级负担一般只占其中 5%–20%，因省而异。",
        "参保人数取自绩效目标等文字，可能是目标值（如“≤156500人”）而非实际参保人数。",
        "文件自述的每人补助标准与计算值并列显示；两者不一致时有提示。",
    ),
    sources=("2101202 与参保人数取自同一份公开文件；全国最低标准见下方参考表。",),
    compute=compute,
)
