"""Shared by basic_spending/basic_share and project_spending/project_share: one part of the total as stated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop

from .base import Indicator, IndicatorValue, message, money, reason

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

LABELS = {
    "basic": message("parts.basic", gettext_noop("基本支出")),
    "project": message("parts.project", gettext_noop("项目支出")),
}
NOT_LISTED = {
    "basic": reason("parts.no_basic", gettext_noop("文件没有列出基本支出合计。"), short=gettext_noop("无基本支出合计")),
    "project": reason(
        "parts.no_project", gettext_noop("文件没有列出项目支出合计。"), short=gettext_noop("无项目支出合计")
    ),
}


def part_of_total(indicator: Indicator, facts: DocumentFacts, key: str) -> IndicatorValue:
    amount = facts.total(key)
    if amount is None:
        return indicator.missing(NOT_LISTED[key]())
    ref = facts.line_ref(LABELS[key](), amount)
    return indicator.found(money(amount.value), (ref,), details={"table": amount.table_key})
