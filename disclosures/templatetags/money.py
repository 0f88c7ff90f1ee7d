"""Show money as the users read it: 万元 with thousands separators, exact decimals underneath."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

TEN_THOUSAND = Decimal(10000)
CENT = Decimal("0.01")


def format_wan(value: Decimal | None, places: str = "0.01") -> str:
    if value is None or value == "":  # a blank cell, or a column the row does not have
        return ""
    wan = (Decimal(value) / TEN_THOUSAND).quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return f"{wan:,}"


@register.filter
def wan(value):
    """元 -> '3,798.25' (万元, two decimals). None stays empty: missing is not 0."""
    return format_wan(value)


@register.filter
def yuan(value):
    """元 -> '128.00' (元, two decimals)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,}"


@register.filter
def plain_number(value):
    """A count or a stated figure without trailing zeros: Decimal('250000.0000') -> '250,000'."""
    if value is None or value == "":
        return ""
    d = Decimal(value)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    return f"{d:,}"


LABELS = {
    "error": _("错误"),
    "warning": _("不一致"),
    "info": _("提示"),
    "budget": _("预算"),
    "final": _("决算"),
    "department": _("部门"),
    "unit": _("单位"),
}


@register.filter
def label(value):
    """The Chinese label of a stored choice (severity, kind, scope) for parsed rows that have no get_*_display."""
    return LABELS.get(str(value), str(value))
