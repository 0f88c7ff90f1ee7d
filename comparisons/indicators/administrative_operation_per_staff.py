"""行政运行 (2101501, or the line noted) per staff member, where the document states its headcount."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from . import administrative_operation
from ._ratios import per_staff
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return per_staff(INDICATOR, facts, administrative_operation.compute(facts))


INDICATOR = Indicator(
    key="administrative_operation_per_staff",
    title=gettext_noop("人均行政运行支出"),
    heading=pgettext_lazy("表头", "人均行政运行"),
    definition=gettext_lazy("行政运行除以文件写明的单位人数（实有人数优先，否则编制人数，并注明）。"),
    formula=gettext_lazy("行政运行 ÷ 单位人数"),
    unit=Unit.PER_HEAD,
    version=2,  # 2: the headcount in its source label stored as a number, put into words when shown
    codes=administrative_operation.INDICATOR.codes,
    figures=("staff",),
    caveats=(gettext_lazy("只在文件写明人数时计算；行政运行含人员工资，人均数接近人均人员成本。"),),
    sources=administrative_operation.INDICATOR.sources,
    compute=compute,
    group="running",
    denominator=gettext_lazy("单位人数（实有人数或编制人数）"),
)
