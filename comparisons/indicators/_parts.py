"""Shared by basic_spending/basic_share and project_spending/project_share: one part of the total as stated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .base import Indicator, IndicatorValue, money

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

LABELS = {"basic": "基本支出", "project": "项目支出"}


def part_of_total(indicator: Indicator, facts: DocumentFacts, key: str) -> IndicatorValue:
    amount = facts.total(key)
    label = _(LABELS[key])
    if amount is None:
        return indicator.missing(_("文件没有列出%(label)s合计。") % {"label": label})
    return indicator.found(money(amount.value), (facts.line_ref(label, amount),), details={"table": amount.table_key})
