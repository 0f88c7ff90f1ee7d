"""Shared arithmetic of the ratio indicators: a document amount ÷ the total, ÷ insured residents, ÷ staff.

Not an indicator module: each ratio indicator is still declared in its own module and calls one of these.
The numerator's note travels with the ratio, so a figure booked under an unusual code stays labelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop

from comparisons.vocabulary import Origin

from .base import Indicator, IndicatorValue, message, per_head, percent, reason

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts

NO_TOTAL = reason(
    "ratios.no_total", gettext_noop("文件没有列出支出总额，无法计算占比。"), short=gettext_noop("无支出总额")
)
ZERO_TOTAL = reason(
    "ratios.zero_total", gettext_noop("支出总额为 0，无法计算占比。"), short=gettext_noop("支出总额为 0")
)
TOTAL = message("ratios.total", gettext_noop("支出总额"))
NO_STAFF = reason(
    "ratios.no_staff", gettext_noop("文件没有写明单位人数（实有人数或编制人数）。"), short=gettext_noop("无单位人数")
)
ZERO_STAFF = reason(
    "ratios.zero_staff", gettext_noop("单位人数为 0，无法计算人均。"), short=gettext_noop("单位人数为 0")
)
BY_POSTS = message("ratios.by_posts", gettext_noop("按编制人数计算（文件未写明实有人数）。"))
NO_INSURED = reason(
    "ratios.no_insured",
    gettext_noop("文件没有写明城乡居民参保人数，也没有工作人员录入的该地区该年度参保人数。"),
    short=gettext_noop("无参保人数"),
)
ZERO_INSURED = reason(
    "ratios.zero_insured", gettext_noop("参保人数为 0，无法计算人均。"), short=gettext_noop("参保人数为 0")
)
ENTERED = message("ratios.entered", gettext_noop("文件未写明参保人数，分母为工作人员录入：%(source)s"))


def share_of_total(indicator: Indicator, facts: DocumentFacts, part: IndicatorValue) -> IndicatorValue:
    """`part` as a percent (two decimals) of the document's own total spending."""
    details = {"part": part.value, **{k: v for k, v in part.details.items() if k == "stated_as"}}
    if part.missing:
        return indicator.missing(part.reason, notes=part.notes, details=details)
    total = facts.total("total")
    if total is None:
        return indicator.missing(NO_TOTAL(), notes=part.notes, details=details)
    if total.value <= 0:
        return indicator.missing(ZERO_TOTAL(), notes=part.notes, details=details)
    details["total"] = total.value
    sources = (*part.sources, facts.line_ref(TOTAL(), total))
    return indicator.found(percent(part.value, total.value), sources, notes=part.notes, details=details)


def per_staff(indicator: Indicator, facts: DocumentFacts, part: IndicatorValue) -> IndicatorValue:
    """`part` in 元 per staff member, where the document states its headcount (实有人数 first, else 编制人数)."""
    details = {"part": part.value, **{k: v for k, v in part.details.items() if k == "stated_as"}}
    if part.missing:
        return indicator.missing(part.reason, notes=part.notes, details=details)
    staff = facts.staff()
    if staff is None:
        return indicator.missing(NO_STAFF(), notes=part.notes, details=details)
    if staff.value <= 0:
        return indicator.missing(ZERO_STAFF(), notes=part.notes, details=details)
    details |= {"staff": staff.value, "staff_label": staff.label}
    notes = part.notes
    if "编制" in staff.label:
        notes = (*notes, BY_POSTS())
    sources = (*part.sources, staff.ref)
    return indicator.found(per_head(part.value, staff.value), sources, notes=notes, details=details)


def per_insured(indicator: Indicator, facts: DocumentFacts, part: IndicatorValue) -> IndicatorValue:
    """`part` in 元 per insured resident: the count the document states, else the one staff entered, else missing."""
    details: dict = {"part": part.value}
    if part.missing:
        return indicator.missing(part.reason, notes=part.notes, details=details)
    people = facts.insured_residents()
    if people is None:
        return indicator.missing(NO_INSURED(), notes=part.notes, details=details)
    if people.value <= 0:
        return indicator.missing(ZERO_INSURED(), notes=part.notes, details=details)
    details |= {"insured_residents": people.value, "denominator_origin": people.origin}
    notes = part.notes
    if people.origin == Origin.ENTERED:
        notes = (*notes, ENTERED(source=people.ref.note))
    sources = (*part.sources, people.ref)
    return indicator.found(per_head(part.value, people.value), sources, notes=notes, details=details)
