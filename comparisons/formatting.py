"""How an indicator value is shown and exported: 万元 and 元 with two decimals, percent, counts; None stays empty."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from disclosures.templatetags.money import format_wan, plain_number, yuan

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)

DISPLAY_UNITS = {"元": _("万元"), "元/人": _("元/人"), "%": "%"}


def display_unit(unit: str) -> str:
    return str(DISPLAY_UNITS.get(unit, unit))


def show(value: Decimal | None, unit: str) -> str:
    """The text a page shows: '3,200.00' (万元), '128.00' (元/人), '0.63' (%); '' for missing."""
    if value is None:
        return ""
    if unit == "元":
        return format_wan(value)
    if unit in ("元/人", "yuan"):
        return yuan(value)
    if unit in ("%", "percent"):
        return f"{Decimal(value):,}"
    return plain_number(value)


def number(value: Decimal | None, unit: str) -> Decimal | None:
    """The same number as `show`, as a Decimal for CSV/XLSX and charts (no thousands separators)."""
    if value is None:
        return None
    value = Decimal(value)
    if unit == "元":
        return (value / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)
    if unit in ("元/人", "yuan"):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
    if unit == "count":
        return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return value


def detail_unit(kind: str) -> str:
    """The unit key `show`/`number` take for a Detail kind."""
    return {"wan": "元", "yuan": "yuan", "percent": "%", "count": "count"}.get(kind, kind)


# Punctuation is part of a sentence: each language writes its own (English has no （） or ：), so labels and units are
# put together by translated patterns, never by Chinese marks in the code.
def with_unit(name, unit) -> str:
    """机关运行经费（万元） / "Running costs (10k yuan)"."""
    return _("%(name)s（%(unit)s）") % {"name": name, "unit": unit}


def labelled(label, text) -> str:
    """机关运行经费：原因 / "Running costs: reason"."""
    return _("%(label)s：%(text)s") % {"label": label, "text": text}


def listed(items) -> str:
    """Items joined with a semicolon: "；" in Chinese, "; " in English."""
    return str(_("；")).join(str(item) for item in items)
