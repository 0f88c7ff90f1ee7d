"""Template helpers that format indicator values. No queries: the views hand the templates everything they show."""

from django import template
from django.utils.translation import gettext as _

from comparisons.formatting import display_unit, show
from comparisons.indicators import BY_KEY
from disclosures.links import source_line_url

register = template.Library()


@register.filter
def indicator(key):
    """The indicator declared under this key: `{% with i=key|indicator %}`."""
    return BY_KEY.get(key)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def source_url(row):
    """The document line a stored value was read from (its first source), else its document."""
    for source in row.sources:
        if source.get("document"):
            lines = source.get("lines") or [None]
            return source_line_url(source["document"], lines[0])
    return source_line_url(row.disclosure_id)


@register.filter
def indicator_value(value):
    """An IndicatorValue in its display unit: '3,200.00' (万元), '128.00' (元/人); '' when missing."""
    return show(value.value, value.unit) if value is not None else ""


@register.filter
def indicator_unit(unit):
    return display_unit(unit)


@register.filter
def name_with_unit(indicator) -> str:
    """机关运行经费（万元） / "Running costs (10k yuan)": one sentence, each language with its own brackets."""
    return _("%(name)s（%(unit)s）") % {"name": indicator.name, "unit": display_unit(indicator.unit)}


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
