"""Administrative running costs: 机关运行经费 as the document states it.

The stated figure may be called 机关运行经费, 机构运行经费 or, in a unit that states only that, 公用经费: the label
is shown as stated. A document that states none in words falls back to the 公用经费 total of its basic-spending
table, labelled as such. Never added to 行政运行 (administrative_operation), which includes staff pay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext, pgettext_lazy

from comparisons.vocabulary import Unit

from .base import Indicator, IndicatorValue, message, money, reason

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

PUBLIC = "公用经费"
DEFAULT_LABEL = message("running_costs.label", gettext_noop("机关运行经费"))
STATED = message("running_costs.stated", gettext_noop("%(label)s %(amount)s"), amounts={"amount": Unit.MONEY})
ONLY_PUBLIC = message(
    "running_costs.only_public", gettext_noop("本单位未写明机关运行经费，只写明公用经费，按公用经费列示。")
)
FROM_TABLE = message("running_costs.from_table", gettext_noop("公用经费（基本支出表合计）"))
FROM_TABLE_NOTE = message(
    "running_costs.from_table_note", gettext_noop("文件未写明机关运行经费，取基本支出表的公用经费合计。")
)
NOT_STATED = reason(
    "running_costs.not_stated",
    gettext_noop("文件没有写明机关运行经费（或机构运行经费、公用经费）。"),
    short=gettext_noop("文件未写明"),
)


def stated_meaning(label: str) -> str:
    """What the document's own word for its running costs (details["stated_as"]) means, in the reader's language:
    public costs where a unit states only those, else administrative running costs (机构运行经费 and the like)."""
    if PUBLIC in label:
        return pgettext("原文用语的含义", "公用经费")
    return pgettext("原文用语的含义", "机关运行经费")


def compute(facts: DocumentFacts) -> IndicatorValue:
    public = facts.total("public")
    details: dict = {"public_expenses": public.value if public else None}
    figure = facts.first_stated("running_costs")
    if figure is not None:
        # The document's own word for it, as printed; the site's word, translated, where it has none.
        details["stated_as"] = figure.label or DEFAULT_LABEL()
        notes = (ONLY_PUBLIC(),) if PUBLIC in (figure.label or "") else ()
        ref = facts.figure_ref(STATED(label=figure.label or DEFAULT_LABEL.text, amount=figure.value), figure)
        return INDICATOR.found(money(figure.value), (ref,), notes=notes, details=details)
    if public is not None:
        details["stated_as"] = FROM_TABLE()
        ref = facts.line_ref(FROM_TABLE(), public)
        return INDICATOR.found(public.value, (ref,), notes=(FROM_TABLE_NOTE(),), details=details)
    return INDICATOR.missing(NOT_STATED(), details=details)


INDICATOR = Indicator(
    key="running_costs",
    title=gettext_noop("机关运行经费"),
    heading=pgettext_lazy("表头", "机关运行经费"),
    definition=gettext_lazy(
        "文件写明的机关运行经费（或机构运行经费）：为保障机关运行购买的商品和服务，如办公、邮电、差旅、会议、公务用车、"
        "水电等，不含工资。只写明公用经费的单位按公用经费列示并注明；文字中都未写明时，取基本支出表的公用经费合计并注明。"
    ),
    formula=gettext_lazy("文件写明的机关运行经费；否则公用经费"),
    unit=Unit.MONEY,
    version=2,  # 2: amounts in its messages stored as numbers, put into words when shown
    figures=("running_costs", "public"),
    caveats=(
        gettext_lazy("机关运行经费与“行政运行（2101501）”是两个不同口径：后者含人员工资，两者不可相加。"),
        gettext_lazy("事业单位（经办机构）一般不写机关运行经费，只写公用经费，口径接近但不完全相同。"),
        gettext_lazy("预算数与决算数分别显示，不相加、不混排。"),
    ),
    sources=(gettext_lazy("文件“机关运行经费”说明或机构运行经费表；基本支出表的公用经费列。"),),
    compute=compute,
    group="running",
    headline=True,
)
