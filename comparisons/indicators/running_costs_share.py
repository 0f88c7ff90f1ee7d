"""Running costs (机关运行经费 as stated) as a share of the document's total spending."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from . import running_costs
from ._ratios import share_of_total
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return share_of_total(INDICATOR, facts, running_costs.compute(facts))


INDICATOR = Indicator(
    key="running_costs_share",
    title=gettext_noop("机关运行经费占支出总额的比例"),
    heading=pgettext_lazy("表头", "机关运行经费占比"),
    definition=gettext_lazy("机关运行经费（口径同上）除以同一文件的支出总额。"),
    formula=gettext_lazy("机关运行经费 ÷ 支出总额 × 100%"),
    unit=Unit.PERCENT,
    figures=running_costs.INDICATOR.figures,
    caveats=(gettext_lazy("支出总额中大部分是对医保基金的补助和医疗救助，这一比例主要随补助规模变化，而非运行效率。"),),
    sources=running_costs.INDICATOR.sources,
    compute=compute,
    group="running",
    denominator=gettext_lazy("支出总额"),
)
