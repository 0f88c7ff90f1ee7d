"""Running costs (机关运行经费 as stated) per staff member, where the document states its headcount."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from . import running_costs
from ._ratios import per_staff
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return per_staff(INDICATOR, facts, running_costs.compute(facts))


INDICATOR = Indicator(
    key="running_costs_per_staff",
    title=gettext_noop("人均机关运行经费"),
    heading=pgettext_lazy("表头", "人均机关运行经费"),
    definition=gettext_lazy("机关运行经费除以文件写明的单位人数（实有人数优先，否则编制人数，并注明）。"),
    formula=gettext_lazy("机关运行经费 ÷ 单位人数"),
    unit=Unit.PER_HEAD,
    version=2,  # 2: the headcount in its source label stored as a number, put into words when shown
    figures=(*running_costs.INDICATOR.figures, "staff"),
    caveats=(gettext_lazy("只在文件写明人数时计算；编制人数与实有人数可能相差较大。"),),
    sources=running_costs.INDICATOR.sources,
    compute=compute,
    group="running",
    denominator=gettext_lazy("单位人数（实有人数或编制人数）"),
)
