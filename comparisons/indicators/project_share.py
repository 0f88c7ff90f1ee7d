"""项目支出 as a share of the document's total spending."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from . import project_spending
from ._ratios import share_of_total
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return share_of_total(INDICATOR, facts, project_spending.compute(facts))


INDICATOR = Indicator(
    key="project_share",
    title=gettext_noop("项目支出占支出总额的比例"),
    heading=pgettext_lazy("表头", "项目支出占比"),
    definition=gettext_lazy("项目支出除以同一文件的支出总额。"),
    formula=gettext_lazy("项目支出 ÷ 支出总额 × 100%"),
    unit=Unit.PERCENT,
    figures=("project", "total"),
    caveats=(gettext_lazy("基本支出与项目支出的比例取自同一文件；文件各表的合计不一致时，以支出总表为准。"),),
    sources=project_spending.INDICATOR.sources,
    compute=compute,
    group="budget",
    denominator=gettext_lazy("支出总额"),
)
