"""Template helpers that format indicator values. No queries: the views hand the templates everything they show."""

import json
from html import escape

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from comparisons.formatting import display_unit, enumerated, format_wan, percentile_said, show
from comparisons.indicators import BY_KEY
from comparisons.pages.headlines import panel_id
from comparisons.tables import document_links_html, missing_html
from disclosures.links import document_url_pattern, line_url, object_url_pattern
from disclosures.models import AMOUNT_COLUMNS

register = template.Library()


@register.filter
def chart_json(figure: dict, element_id: str) -> SafeString:
    """`figure|json_script:element_id`, byte for byte, with its three escapes (&, <, >) made by str.replace: the
    str.translate json_script uses looks up every character of the JSON in a dict (the compare page's charts are
    over 100 KB of it)."""
    text = (
        json.dumps(figure, cls=DjangoJSONEncoder)
        .replace("&", "\\u0026")
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
    )
    return SafeString(f'<script id="{escape(element_id)}" type="application/json">{text}</script>')


@register.filter
def document_links(documents) -> SafeString:
    """A bureau's documents as a list of links (the search table's cells, the same markup)."""
    return document_links_html(documents)


@register.filter
def missing_words(value) -> SafeString:
    """What a missing value's cell says: 缺失 and why in a few words (the tables' cells say the same)."""
    return SafeString(missing_html(value))


@register.filter
def indicator(key):
    """The indicator declared under this key: `{% with i=key|indicator %}`."""
    return BY_KEY.get(key)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


def _source_url(row, pattern: str) -> str:
    """The document line a stored value was read from (its first source), else its document."""
    for source in row.sources:
        if source.get("document"):
            lines = source.get("lines") or [None]
            return line_url(pattern, source["document"], lines[0])
    return line_url(pattern, row.disclosure_id)


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


@register.filter
def said_percentile(standing):
    """The percentile a standing's sentence gives, None for a small group: `{% with p=s|said_percentile %}`."""
    return percentile_said(standing.percentile, standing.counted)


# The indentation the dashboard panel's template loops gave their items (the page stays the same byte for byte).
_ITEM = " " * 32
_LOOP_END = "\n" + " " * 28


@register.simple_tag
def extreme_items(rows, unit: str) -> SafeString:
    """A panel's highest or lowest values (`comparisons/_distribution.html`): each bureau's rank, name linked to its
    page, value linked to its source line. Written here, not by a template loop: the dashboard has ten lists."""
    bureau = object_url_pattern("comparisons:bureau_detail")
    pattern = document_url_pattern()
    items = []
    for r in rows:
        url = bureau.format(int(r.bureau_id))
        source = _source_url(r, pattern)
        items.append(
            f'\n{_ITEM}<li value="{r.rank}">'
            f'\n{_ITEM}    <a href="{escape(url)}">{escape(r.bureau_name)}</a>'
            f'\n{_ITEM}    <a class="num" href="{escape(source)}">{escape(show(r.value, unit))}</a>'
            f"\n{_ITEM}</li>{_LOOP_END}"
        )
    return SafeString("".join(items))


@register.simple_tag
def province_median_rows(medians, unit: str, year, kind, key: str = "") -> SafeString:
    """A panel's median of each province (code, name, median, count), each province linked to its dashboard and
    the median to the province's panel of the indicator, whose table lists the values it is the median of."""
    query = f"&amp;year={escape(str(year))}&amp;kind={escape(str(kind))}"
    anchor = f"#{escape(panel_id(key))}" if key else ""
    row, cell = _ITEM[:28], _ITEM
    rows = []
    for code, name, median, n in medians:
        province = f"?province={escape(code)}0000{query}"
        rows.append(
            f"\n{row}<tr>\n{cell}<td>"
            f'\n{cell}    <a href="{province}">{escape(name)}</a>'
            f'\n{cell}</td>\n{cell}<td class="num"><a href="{province}{anchor}">{escape(show(median, unit))}</a></td>'
            f'\n{cell}<td class="num">{n}</td>'
            f"\n{row}</tr>\n{_ITEM[:24]}"
        )
    return SafeString("".join(rows))


def _amount_cell(amount: str, source: str | None) -> str:
    if amount and source:
        return f'<td class="num"><a href="{source}">{amount}</a></td>'
    return f'<td class="num">{amount}</td>'


@register.simple_tag
def budget_rows(lines, feeds=None) -> SafeString:
    """The rows of a budget table (`disclosures/_lines.html`: stored lines, or parsed ones in the upload preview):
    code, name (and the printed one where it differs), the five amounts in 万元, the source lines, and with `feeds`
    the indicators each row feeds. Written here, not by a template loop: a document has hundreds of rows of nine
    cells, and a loop turn of the template costs far more than the cells it writes."""
    published = _("（原文：%(name)s）")
    names: dict[str, str] = {}
    rows = []
    for line in lines:
        amounts = line.amounts
        kind = line.row_kind
        name = escape(line.name)
        if line.name != line.published_name:
            name += f' <span class="muted">{published % {"name": escape(line.published_name)}}</span>'
        if kind and kind != "total":
            name += f' <span class="badge">{escape(kind)}</span>'
        # Each amount links to the row's (first) source line, as the line numbers do: the number is what a reader
        # clicks to see where it was read.
        source = f"#L{line.source_lines[0]}" if line.source_lines else None
        cells = "".join(_amount_cell(format_wan(amounts.get(column)), source) for column in AMOUNT_COLUMNS)
        sources = " ".join(f'<a href="#L{n}">{n}</a>' for n in line.source_lines)  # 107 118, not 107118
        pk = getattr(line, "pk", None)
        attributes = (f' id="line-{pk}"' if pk else "") + (' class="total"' if kind == "total" else "")
        row = (
            f'<tr{attributes}><td class="mono">{escape(line.code)}</td><td class="pin">{name}</td>{cells}'
            f"<td>{sources}</td>"
        )
        if feeds:
            # Listed in the line, not one per line: a total feeds a dozen indicators, which one a line made its row
            # taller than a phone's screen.
            fed = enumerated(
                f'<a href="#ind-{i.key}">{names.setdefault(i.key, escape(i.name))}</a>'
                for i in feeds_of(feeds, line.source_lines)
            )
            row += f'<td class="feeds">{fed}</td>'
        rows.append(row + "</tr>\n")
    return SafeString("".join(rows))
