"""基本支出 (Basic spending): the document's basic-spending total."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from ._parts import part_of_total
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return part_of_total(INDICATOR, facts, "basic")


INDICATOR = Indicator(
    key="basic_spending",
    title=gettext_noop("基本支出"),
    heading=pgettext_lazy("表头", "基本支出"),
    definition=gettext_lazy("基本支出：保障机构正常运转的人员经费和公用经费。取支出总表合计行的“基本支出”列。"),
    formula=gettext_lazy("支出总表合计行的基本支出"),
    unit=Unit.MONEY,
    figures=("basic",),
    caveats=(
        gettext_lazy("基本支出与“行政运行”口径接近但不相同：行政运行也可能含项目支出。"),
        gettext_lazy("预算数与决算数分别显示，不相加、不混排。"),
    ),
    sources=(gettext_lazy("支出总表的合计行；决算无表格时取自文字说明。"),),
    compute=compute,
    group="budget",
)
