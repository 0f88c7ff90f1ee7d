"""行政运行 (2101501, or the line noted) as a share of the document's total spending."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from . import administrative_operation
from ._ratios import share_of_total
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return share_of_total(INDICATOR, facts, administrative_operation.compute(facts))


INDICATOR = Indicator(
    key="administrative_operation_share",
    title=gettext_noop("行政运行占支出总额的比例"),
    heading=pgettext_lazy("表头", "行政运行占比"),
    definition=gettext_lazy("行政运行（口径同上，含注明的替代科目）除以同一文件的支出总额。"),
    formula=gettext_lazy("行政运行 ÷ 支出总额 × 100%"),
    unit=Unit.PERCENT,
    codes=administrative_operation.INDICATOR.codes,
    caveats=(gettext_lazy("支出总额主要由对医保基金的补助决定，比例高低不直接反映运行效率。"),),
    sources=administrative_operation.INDICATOR.sources,
    compute=compute,
    group="running",
    denominator=gettext_lazy("支出总额"),
)
