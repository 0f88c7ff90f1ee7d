"""Medical assistance per insured resident: the medical assistance total ÷ the same denominator rule as the
contribution per insured resident (stated in the document, else entered by staff, else missing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from . import medical_assistance
from ._ratios import per_insured
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return per_insured(INDICATOR, facts, medical_assistance.compute(facts))


INDICATOR = Indicator(
    key="medical_assistance_per_insured",
    title=gettext_noop("每名城乡居民参保人的医疗救助支出"),
    heading=pgettext_lazy("表头", "每参保人医疗救助"),
    definition=gettext_lazy(
        "医疗救助支出（21013）除以城乡居民参保人数；参保人数取自同一文件，文件未写明时用工作人员录入的该地区该年度人数。"
    ),
    formula=gettext_lazy("医疗救助支出 ÷ 城乡居民参保人数"),
    unit=Unit.PER_HEAD,
    version=2,  # 2: the headcount in its source label stored as a number, put into words when shown
    codes=medical_assistance.INDICATOR.codes,
    figures=("insured_residents",),
    caveats=(
        gettext_lazy("医疗救助的对象是困难群众，不是全部参保人；按参保人数平均只用于各县之间的规模比较。"),
        gettext_lazy("参保人数可能是绩效目标中的目标值。"),
    ),
    sources=(gettext_lazy("医疗救助支出与参保人数取自同一份公开文件，或工作人员录入（注明来源）。"),),
    compute=compute,
    group="assistance",
    denominator=gettext_lazy("城乡居民参保人数"),
)
