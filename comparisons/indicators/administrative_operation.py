"""行政运行: the functional line of the bureau's own operation, staff pay included (2101501).

A 经办机构 (a 事业 unit) books its own running under 2101550 事业运行: that line is used, with a note. A bureau
that books its 行政运行 under another class (郾城 under 2080101, 人力资源和社会保障管理事务) is included with a
visible note. Never added to running_costs (机关运行经费), which is a part of it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from .base import LIST, Indicator, IndicatorValue, message, reason

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

CODE = "2101501"
INSTITUTION_CODE = "2101550"
NAME = "行政运行"
INSTITUTION = message(
    "administrative_operation.institution",
    gettext_noop("经办机构（事业单位）的运行支出记在 2101550 事业运行，按此列示。"),
)
ELSEWHERE = message(
    "administrative_operation.elsewhere",
    gettext_noop("文件没有 2101501，行政运行记在其他类下：%(codes)s；已计入，请注意口径。"),
    lists=("codes",),
)
NO_LINE = reason(
    "administrative_operation.no_line",
    gettext_noop("文件中没有行政运行（2101501）或事业运行（2101550）这一行。"),
    short=gettext_noop("无行政运行"),
)


def compute(facts: DocumentFacts) -> IndicatorValue:
    amount = facts.functional(CODE)
    if amount is not None:
        ref = facts.line_ref(facts.code_label(CODE), amount)
        return INDICATOR.found(amount.value, (ref,), details={"booked_under": CODE})
    amount = facts.functional(INSTITUTION_CODE)
    if amount is not None:
        ref = facts.line_ref(facts.code_label(INSTITUTION_CODE), amount)
        return INDICATOR.found(amount.value, (ref,), notes=(INSTITUTION(),), details={"booked_under": INSTITUTION_CODE})
    elsewhere = {
        code: a
        for code, a in sorted(facts.summary.functional.items())
        if len(code) == 7 and not code.startswith("21015") and NAME in facts.line_name(code)
    }
    if elsewhere:
        labels = LIST.join(facts.code_label(code) for code in elsewhere)
        sources = tuple(facts.line_ref(facts.code_label(code), a) for code, a in elsewhere.items())
        value = sum((a.value for a in elsewhere.values()), Decimal(0))
        notes = (ELSEWHERE(codes=labels),)
        return INDICATOR.found(value, sources, notes=notes, details={"booked_under": ",".join(elsewhere)})
    return INDICATOR.missing(NO_LINE())


INDICATOR = Indicator(
    key="administrative_operation",
    title=gettext_noop("行政运行"),
    heading=pgettext_lazy("表头", "行政运行"),
    definition=gettext_lazy(
        "功能分类 2101501 行政运行：医保局自身运转的支出，含人员工资和公用经费。"
        "经办机构（事业单位）记在 2101550 事业运行，按此列示并注明；"
        "记在其他类下的行政运行（如 2080101）也计入，并注明。"
    ),
    formula=gettext_lazy("2101501 合计；否则 2101550；否则其他类下的“行政运行”项"),
    unit=Unit.MONEY,
    codes=(CODE, INSTITUTION_CODE, "2080101"),
    caveats=(
        gettext_lazy("行政运行包含人员经费，比机关运行经费大得多；两者是不同口径，不可相加。"),
        gettext_lazy("科目归类不同的单位（记在 2080101 或 2101550）已注明，比较时请留意。"),
        gettext_lazy("预算数与决算数分别显示，不相加、不混排。"),
    ),
    sources=(
        gettext_lazy("支出总表或一般公共预算支出表的 2101501 行（或注明的替代科目）；决算无表格时取自文字说明。"),
    ),
    compute=compute,
    group="running",
)
