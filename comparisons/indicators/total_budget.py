"""The document's total spending: the budget total of a 预算, the spending total of a 决算."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop

from comparisons.vocabulary import Unit

from ._ratios import TOTAL
from .base import Indicator, IndicatorValue, message, money, reason

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


NO_TOTAL = reason("total_budget.no_total", gettext_noop("文件没有列出支出总额。"), short=gettext_noop("无支出总额"))
OTHER_TOTALS = message(
    "total_budget.other_totals",
    gettext_noop("文字说明中另写有总额 %(values)s，与表中合计不同；见该文件的核对结果。"),
    amounts={"values": Unit.MONEY},
)


def compute(facts: DocumentFacts) -> IndicatorValue:
    total = facts.total("total")
    if total is None:
        return INDICATOR.missing(NO_TOTAL())
    stated = sorted({f.value for f in facts.stated("total")} - {total.value})
    details = {"stated_totals": stated, "table": total.table_key}
    notes = (OTHER_TOTALS(values=stated),) if stated else ()
    return INDICATOR.found(money(total.value), (facts.line_ref(TOTAL(), total),), notes=notes, details=details)


INDICATOR = Indicator(
    key="total_budget",
    title=gettext_noop("支出总额"),
    definition=gettext_lazy(
        "文件的支出合计：预算文件为当年预算支出总额，决算文件为当年支出决算总额。取支出总表的合计行；"
        "决算只有文字时取文字说明中的数。文字说明中与表格不同的总额在备注中列出。"
    ),
    formula=gettext_lazy("支出总表“合计”行"),
    unit=Unit.MONEY,
    version=2,  # 2: amounts in its messages stored as numbers, put into words when shown
    figures=("total",),
    caveats=(
        gettext_lazy("预算总额与决算总额不可相加；决算总额包括年中追加的上级资金，通常比预算大。"),
        gettext_lazy("不同年度的总额只在同一单位的年度对比中并列，不混在一个排名里。"),
    ),
    sources=(gettext_lazy("支出总表（或收支总表）的合计行；决算无表格时取自文字说明。"),),
    compute=compute,
    group="budget",
)
