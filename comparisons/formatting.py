"""How numbers are shown and exported, in one place: 万元 and 元 with two decimals, percent, counts; None stays
empty (missing is not 0). Plain functions: the template filters (templatetags/money.py, comparisons.py), the tables,
the charts, the exports and the words of the indicators' messages all call these; the domain hands them numbers.
A finding's amounts are written the same way (万元, separators, two decimals) but exact, by
disclosures/parsing/wording.py, which the parsers use without Django."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from comparisons.vocabulary import DETAIL_UNITS, Unit

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)

DISPLAY_UNITS = {Unit.MONEY: _("万元"), Unit.PER_HEAD: _("元/人"), Unit.PERCENT: "%", Unit.YUAN: _("元")}


# Of each unit, in stored units: the smallest difference its figures show (`show` keeps 0.01 万元 of an amount in
# 元), and one unit as shown (1 万元). The dashboard's histogram bins are never narrower than the first (a narrower bin
# is drawn with both ends at the same place, no bar at all, and named "140.00–140.00"); the second is a bin's half
# width around a value of 0.
SHOWN = {
    Unit.MONEY: (Decimal(100), TEN_THOUSAND),
    Unit.PER_HEAD: (CENT, Decimal(1)),
    Unit.YUAN: (CENT, Decimal(1)),
    Unit.PERCENT: (CENT, Decimal(1)),
    Unit.COUNT: (Decimal(1), Decimal(1)),
}


def format_wan(value: Decimal | None, places: str = "0.01") -> str:
    """元 -> '3,798.25' (万元, two decimals); '' for a blank cell or a column the row does not have."""
    if value is None or value == "":
        return ""
    wan = (Decimal(value) / TEN_THOUSAND).quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return f"{wan:,}"


def format_yuan(value: Decimal | None) -> str:
    """元 -> '128.00' (元, two decimals, thousands separators)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,}"


def plain_number(value: Decimal | None) -> str:
    """A count or a stated figure without trailing zeros: Decimal('250000.0000') -> '250,000'."""
    if value is None or value == "":
        return ""
    d = Decimal(value)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    return f"{d:,}"


# A percentile says more than the rank only among enough others: of 2 units, "higher than 100.0% of the others" is
# "rank 1 of 2" said again, oddly. Smaller groups are described by their rank alone (a table's percentile column
# still lists it).
PERCENTILE_FROM = 10


def percentile_said(percentile: Decimal | None, counted: int) -> Decimal | None:
    """The percentile a sentence gives: None in a group of fewer than PERCENTILE_FROM values."""
    return percentile if counted >= PERCENTILE_FROM else None


def display_unit(unit: str) -> str:
    return str(DISPLAY_UNITS.get(unit, unit))


def show(value: Decimal | None, unit: str) -> str:
    """The text a page shows: '3,200.00' (万元), '128.00' (元/人), '0.63' (%); '' for missing."""
    if value is None:
        return ""
    if unit == Unit.MONEY:
        return format_wan(value)
    if unit in (Unit.PER_HEAD, Unit.YUAN):
        return format_yuan(value)
    if unit == Unit.PERCENT:
        return f"{Decimal(value):,}"
    return plain_number(value)


def amounts_words(raw: str, unit: str) -> str:
    """Numbers stored in a message as plain decimals ("37984200.00 38000000" in 元), in words with their unit:
    '3,798.42、3,800.00 万元'; a count without one ('250,000': the sentence says 人)."""
    words = enumerated(show(Decimal(part), unit) for part in raw.split())
    return f"{words} {display_unit(unit)}" if unit in DISPLAY_UNITS else words


def number(value: Decimal | None, unit: str) -> Decimal | None:
    """The same number as `show`, as a Decimal for CSV/XLSX and charts (no thousands separators)."""
    if value is None:
        return None
    value = Decimal(value)
    if unit == Unit.MONEY:
        return (value / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)
    if unit in (Unit.PER_HEAD, Unit.YUAN):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
    if unit == Unit.COUNT:
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return value


def detail_unit(kind: str) -> str:
    """The unit `show`/`number` take for a Detail kind."""
    return DETAIL_UNITS.get(kind, kind)


# Punctuation is part of a sentence: each language writes its own (English has no （） or ：), so labels and units are
# put together by translated patterns, never by Chinese marks in the code.
def with_unit(name, unit) -> str:
    """机关运行经费（万元） / "Running costs (10k yuan)"."""
    return _("%(name)s（%(unit)s）") % {"name": name, "unit": unit}


def labelled(label, text) -> str:
    """机关运行经费：原因 / "Running costs: reason"."""
    return _("%(label)s：%(text)s") % {"label": label, "text": text}


def document_words(text: str, meaning: str) -> str:
    """A document's own words ("公用经费") where the site shows which words it used: as printed in Chinese; quoted,
    with what they mean, in another language ('“公用经费” (public costs)'), where a translation would hide them."""
    if (get_language() or "zh").startswith("zh"):
        return text
    return _("“%(text)s”（%(meaning)s）") % {"text": text, "meaning": meaning}


def enumerated(items) -> str:
    """Items of a list: "、" between them in Chinese, ", " in English."""
    return str(_("、")).join(str(item) for item in items)


def listed(items) -> str:
    """Items joined with a semicolon: "；" in Chinese, "; " in English."""
    return str(_("；")).join(str(item) for item in items)
