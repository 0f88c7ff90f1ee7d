"""Medical assistance (医疗救助, functional class 21013), with its split by source where the document states it.

The 21013 class total where the document lists it; else the sum of the 项 it lists under 21013 (2101301 城乡医疗救助,
2101399 其他医疗救助支出 ...), said so in the note. The central / provincial / county split comes from the prose
("其中中央资金376.76万元，省级资金80.51万元，县级资金150万元") and is shown beside the total, never added to it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from comparisons.vocabulary import Unit

from .base import LIST, Indicator, IndicatorValue, message, money, reason

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

CLASS = "21013"
ITEM = "2101301"
SPLIT = {
    "assistance_central": "central",
    "assistance_provincial": "provincial",
    "assistance_county": "county",
}
SPLIT_LABELS = {
    "central": message(
        "medical_assistance.central", gettext_noop("中央资金 %(amount)s"), amounts={"amount": Unit.MONEY}
    ),
    "provincial": message(
        "medical_assistance.provincial", gettext_noop("省级资金 %(amount)s"), amounts={"amount": Unit.MONEY}
    ),
    "county": message("medical_assistance.county", gettext_noop("县级资金 %(amount)s"), amounts={"amount": Unit.MONEY}),
}
NONE = reason(
    "medical_assistance.none", gettext_noop("文件中没有医疗救助（21013）支出。"), short=gettext_noop("无 21013 支出")
)
ONE_ITEM = message(
    "medical_assistance.one_item", gettext_noop("文件没有列出 21013 医疗救助类合计，取其下 %(items)s 一项。")
)
ITEMS = message(
    "medical_assistance.items",
    gettext_noop("文件没有列出 21013 医疗救助类合计，按其下各项相加：%(items)s。"),
    lists=("items",),
)
SPLIT_DIFFERS = message(
    "medical_assistance.split_differs",
    gettext_noop("文件所述各来源资金合计 %(split)s，与医疗救助支出 %(value)s不同。"),
    amounts={"split": Unit.YUAN, "value": Unit.YUAN},
)


def compute(facts: DocumentFacts) -> IndicatorValue:
    details, split_refs = _split(facts)
    total = facts.functional(CLASS)
    notes: tuple = ()
    if total is not None:
        value, sources = total.value, (facts.line_ref(facts.code_label(CLASS), total),)
    else:
        items = facts.functional_items(CLASS)
        if not items:
            return INDICATOR.missing(NONE(), details=details, sources=split_refs)
        value = sum((a.value for a in items.values()), Decimal(0))
        sources = tuple(facts.line_ref(facts.code_label(code), a) for code, a in items.items())
        names = LIST.join(facts.code_label(code) for code in items)
        notes = ((ONE_ITEM if len(items) == 1 else ITEMS)(items=names),)
    split_sum = details.get("split_sum")
    if split_sum is not None and all(details.get(part) is not None for part in SPLIT.values()) and split_sum != value:
        notes = (*notes, SPLIT_DIFFERS(split=split_sum, value=value))
    return INDICATOR.found(value, (*sources, *split_refs), notes=notes, details=details)


def _split(facts: DocumentFacts) -> tuple[dict, tuple]:
    """Central / provincial / county amounts the document states (元), None where it states none."""
    details: dict = {}
    refs = []
    for key, part in SPLIT.items():
        figure = facts.first_stated(key)
        details[part] = money(figure.value) if figure is not None else None
        if figure is not None:
            refs.append(facts.figure_ref(SPLIT_LABELS[part](amount=figure.value), figure))
    stated = [v for v in (details[p] for p in SPLIT.values()) if v is not None]
    details["split_sum"] = sum(stated, Decimal(0)) if stated else None
    details["split_stated"] = bool(stated)
    return details, tuple(refs)


INDICATOR = Indicator(
    key="medical_assistance",
    title=gettext_noop("医疗救助支出"),
    heading=pgettext_lazy("表头", "医疗救助支出"),
    definition=gettext_lazy(
        "医疗救助（功能分类 21013）的合计数；文件未列出类合计时，按其下各项（2101301 城乡医疗救助等）相加，并注明。"
        "文件写明资金来源时，另列中央、省级、县级资金。"
    ),
    formula=gettext_lazy("21013 合计；无类合计时 = 2101301 + 其他 21013xx 项"),
    unit=Unit.MONEY,
    version=2,  # 2: amounts in its messages stored as numbers, put into words when shown
    codes=(CLASS, ITEM),
    figures=tuple(SPLIT),
    caveats=(
        gettext_lazy("中央、省级转移支付资金是否列入县医保局的预算因地而异；预算中常未含年中下达的上级资金。"),
        gettext_lazy("资金来源的拆分取自文字说明，只在文件写明时显示，不与支出合计相加。"),
        gettext_lazy("预算与决算分别显示，不相加、不混排。"),
    ),
    sources=(gettext_lazy("支出总表或一般公共预算支出表的 21013 行；决算无表格时取自文字说明中的决算数。"),),
    compute=compute,
    group="assistance",
    headline=True,
)
