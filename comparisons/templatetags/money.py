"""Show money as the users read it: 万元 with thousands separators, exact decimals underneath (comparisons.formatting
does the formatting; these are its template filters)."""

from django import template

from comparisons import formatting
from disclosures import vocabulary

register = template.Library()


@register.filter
def wan(value):
    """元 -> '3,798.25' (万元, two decimals). None stays empty: missing is not 0."""
    return formatting.format_wan(value)


@register.filter
def yuan(value):
    """元 -> '128.00' (元, two decimals)."""
    return formatting.format_yuan(value)


@register.filter
def plain_number(value):
    """A count or a stated figure without trailing zeros: Decimal('250000.0000') -> '250,000'."""
    return formatting.plain_number(value)


@register.filter
def label(value):
    """The Chinese label of a stored choice (severity, kind, scope) for parsed rows that have no get_*_display."""
    return vocabulary.LABELS.get(str(value), str(value))
