"""项目支出 (Project spending): the document's project-spending total."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from ._parts import part_of_total
from .base import Indicator, IndicatorValue

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


def compute(facts: DocumentFacts) -> IndicatorValue:
    return part_of_total(INDICATOR, facts, "project")


INDICATOR = Indicator(
    key="project_spending",
    title=gettext_noop("项目支出"),
    heading=pgettext_lazy("表头", "项目支出"),
    definition=gettext_lazy(
        "项目支出：为完成特定任务安排的支出，医保局主要是对医保基金的补助和医疗救助。取支出总表合计行的“项目支出”列。"
    ),
    formula=gettext_lazy("支出总表合计行的项目支出"),
    unit=Unit.MONEY,
    figures=("project",),
    caveats=(
        gettext_lazy("项目支出的多少主要取决于对医保基金的补助是否经医保局预算拨付。"),
        gettext_lazy("预算数与决算数分别显示，不相加、不混排。"),
    ),
    sources=(gettext_lazy("支出总表的合计行；决算无表格时取自文字说明。"),),
    compute=compute,
    group="budget",
)
