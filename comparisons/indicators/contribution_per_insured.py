"""County contribution per insured resident: 2101202 ÷ the insured residents the same document states.

Where the document states none, ÷ the count staff entered for the region and year (its source shown); else missing.
Details carry the document's own stated per-head figure and the computed figure as a share of the national minimum
fiscal subsidy per insured resident for the document's year.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.reference import NATIONAL_MINIMUM_SUBSIDY
from comparisons.vocabulary import Origin, Unit

from ._ratios import ENTERED, NO_INSURED
from .base import Indicator, IndicatorValue, message, money, per_head, reason, share
from .county_contribution import CODE

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

# A stated per-head figure is a whole number of 元; a computed one that differs by more than this is reported.
TOLERANCE = Decimal("0.5")
STATED = message("contribution_per_insured.stated", gettext_noop("文件自述每人补助 %(v)s 元"))
NO_LINE = reason(
    "contribution_per_insured.no_line", gettext_noop("文件中没有 2101202 这一行。"), short=gettext_noop("无 2101202 行")
)
ZERO = reason(
    "contribution_per_insured.zero", gettext_noop("参保人数为 0，无法计算。"), short=gettext_noop("参保人数为 0")
)
DISAGREES = message(
    "contribution_per_insured.disagrees", gettext_noop("文件自述每人 %(stated)s 元，与计算值 %(value)s 元不一致。")
)
NO_MINIMUM = message("contribution_per_insured.no_minimum", gettext_noop("参考表中没有 %(year)s 年的全国最低标准。"))


def compute(facts: DocumentFacts) -> IndicatorValue:
    amount = facts.functional(CODE)
    stated = facts.first_stated("subsidy_per_insured")
    minimum = NATIONAL_MINIMUM_SUBSIDY.get(facts.disclosure.fiscal_year)
    details: dict = {
        "stated_per_head": money(stated.value) if stated else None,
        "stated_per_head_quote": stated.quote if stated else "",
        "national_minimum": minimum,
        "share_of_national_minimum": None,
        "stated_share_of_national_minimum": share(stated.value, minimum) if stated and minimum else None,
    }
    stated_refs = ()
    if stated is not None:
        stated_refs = (facts.figure_ref(STATED(v=f"{stated.value:.2f}"), stated),)
    if amount is None:
        return INDICATOR.missing(NO_LINE(), details=details, sources=stated_refs)
    people = facts.insured_residents()
    if people is None:
        return INDICATOR.missing(
            NO_INSURED(),
            details=details,
            sources=(facts.line_ref(facts.code_label(CODE), amount), *stated_refs),
        )
    if people.value <= 0:
        return INDICATOR.missing(ZERO(), details=details)
    value = per_head(amount.value, people.value)
    details |= {
        "share_of_national_minimum": share(value, minimum) if minimum else None,
        "insured_residents": people.value,
        "denominator_origin": people.origin,
    }
    notes = []
    if people.origin == Origin.ENTERED:
        notes.append(ENTERED(source=people.ref.note))
    if stated is not None and abs(stated.value - value) > TOLERANCE:
        notes.append(DISAGREES(stated=f"{stated.value:.2f}", value=f"{value:.2f}"))
    if minimum is None:
        notes.append(NO_MINIMUM(year=facts.disclosure.fiscal_year))
    sources = (facts.line_ref(facts.code_label(CODE), amount), people.ref, *stated_refs)
    return INDICATOR.found(value, sources, details=details, notes=tuple(notes))


INDICATOR = Indicator(
    key="contribution_per_insured",
    title=gettext_noop("每名城乡居民参保人的县级财政补助"),
    heading=pgettext_lazy("表头", "每参保人财政补助"),
    definition=gettext_lazy(
        "县级财政对城乡居民医保基金的补助（2101202）除以同一文件写明的城乡居民参保人数；"
        "文件未写明时，用工作人员为该地区、该年度录入的参保人数（注明来源）；两者都没有时显示为缺失并说明原因。"
        "同时列出文件自述的每人补助标准，以及计算值占当年全国人均财政补助最低标准的比例。"
    ),
    formula=gettext_lazy(
        "2101202 合计 ÷ 城乡居民参保人数；占全国最低标准 = 计算值 ÷ 当年全国人均财政补助最低标准 × 100%"
    ),
    unit=Unit.PER_HEAD,
    version=2,  # 2: the headcount in its source label stored as a number, put into words when shown
    codes=(CODE,),
    figures=("insured_residents", "subsidy_per_insured"),
    caveats=(
        gettext_lazy("全国人均财政补助最低标准包括中央、省、市、县各级；县级负担一般只占其中 5%–20%，因省而异。"),
        gettext_lazy("参保人数取自绩效目标等文字，可能是目标值（如“≤156500人”）而非实际参保人数。"),
        gettext_lazy("文件自述的每人补助标准与计算值并列显示；两者相差超过 0.5 元时有提示。"),
        gettext_lazy("工作人员录入的分母只用于文件未写明参保人数的情况，并显示其来源。"),
    ),
    sources=(gettext_lazy("2101202 与参保人数取自同一份公开文件；全国最低标准见下方参考表。"),),
    compute=compute,
    group="contribution",
    headline=True,
    denominator=gettext_lazy("城乡居民参保人数"),
)
