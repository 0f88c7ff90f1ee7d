"""Template helpers for pages outside this app that show indicator values (the document page)."""

from django import template

from comparisons.formatting import display_unit, show
from comparisons.pages import document_indicators as _document_indicators

register = template.Library()


@register.simple_tag
def document_indicators(disclosure):
    """`{% document_indicators d as ind %}`: the document's indicator values and the lines that feed them."""
    return _document_indicators(disclosure=disclosure)


@register.filter
def indicator_value(value):
    """An IndicatorValue in its display unit: '3,200.00' (万元), '128.00' (元/人); '' when missing."""
    return show(value.value, value.unit) if value is not None else ""


@register.filter
def indicator_unit(unit):
    return display_unit(unit)


@register.filter
def feeds_of(feeds, line_numbers):
    """The indicators fed by any of these source line numbers, each once."""
    found = []
    for n in line_numbers or ():
        for indicator in feeds.get(n, ()):
            if indicator not in found:
                found.append(indicator)
    return found


@register.filter
def shown_as(value, unit):
    """A bare number in an indicator's display unit: `{{ change.difference|shown_as:change.unit }}`."""
    return show(value, unit)
