"""What an indicator declares, and what it computes for one document.

Each indicator is a small module that builds one `Indicator`: its names, definition, formula, the codes and stated
figures it reads, its unit, caveats and sources (the methods page is generated from these), and a `compute`
function from one document's facts to an `IndicatorValue`. Missing is a value of None with its reason, never 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils.translation import get_language

from disclosures.links import source_line_url

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


@dataclass(frozen=True)
class SourceRef:
    """Where a number came from: a document and its source line(s), or a staff-entered denominator."""

    label: str
    disclosure_id: int | None = None
    lines: tuple[int, ...] = ()
    note: str = ""  # e.g. the denominator's source as staff entered it
    href: str = ""  # where a number outside the documents was published (a staff-entered denominator's link)

    @property
    def url(self) -> str:
        if self.disclosure_id is None:
            return self.href
        return source_line_url(self.disclosure_id, self.lines[0] if self.lines else None)


@dataclass(frozen=True)
class IndicatorValue:
    indicator: str
    value: Decimal | None
    unit: str
    missing_reason: str = ""
    note: str = ""  # shown beside the value, e.g. "booked under 2080101"
    sources: tuple[SourceRef, ...] = ()
    details: dict = field(default_factory=dict)  # extra columns: stated per head, share of national minimum ...

    @property
    def missing(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Indicator:
    key: str
    name_zh: str
    name_en: str
    definition: str
    formula: str
    unit: str  # "元" (stored money, shown in 万元), "元/人" per head, "%" share
    codes: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    compute: Callable[[DocumentFacts], IndicatorValue] | None = None
    group: str = ""  # a key of GROUPS
    headline: bool = False  # one of the three headline measures the dashboard shows first
    denominator: str = ""  # what a ratio divides by, for the methods page ("城乡居民参保人数", "支出总额" ...)

    @property
    def name(self) -> str:
        """The name in the active language (the declarations carry both)."""
        return self.name_en if get_language_code().startswith("en") else self.name_zh

    def value(self, facts: DocumentFacts) -> IndicatorValue:
        return self.compute(facts)

    def missing(self, reason: str, **kwargs) -> IndicatorValue:
        return IndicatorValue(self.key, None, self.unit, missing_reason=reason, **kwargs)

    def found(self, value: Decimal, sources: tuple[SourceRef, ...], **kwargs) -> IndicatorValue:
        return IndicatorValue(self.key, value, self.unit, sources=sources, **kwargs)


def get_language_code() -> str:
    return get_language() or ""


def per_head(amount: Decimal, people: Decimal) -> Decimal:
    """元 per person, to the fen."""
    return (amount / people).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """Percent to one decimal place."""
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- Declarations shared by the indicator modules ---

GROUPS: dict[str, tuple[str, str]] = {
    # key -> (Chinese, English) heading; the methods page and the pages group indicators by it.
    "contribution": ("城乡居民医保财政补助", "Contribution to the residents' insurance fund"),
    "assistance": ("医疗救助", "Medical assistance"),
    "running": ("行政运行成本", "Administrative running costs"),
    "budget": ("收支规模与结构", "Size and structure of the budget"),
}


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """Percent to two decimal places, for small shares of a total budget (0.63%)."""
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money(value: Decimal) -> Decimal:
    """An amount in 元 to the fen (stated figures are stored with four decimals)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def headcount(value: Decimal) -> Decimal:
    """A number of people as a whole number (stated counts are stored with four decimals)."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
