"""Where a figure stands in its document: 第N行, and 第P页 too where the text kept its pages (a PDF)."""

from html import escape

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from disclosures.findings import finding_text
from disclosures.parsing.figure_text import is_term
from disclosures.parsing.types import FIGURE_KEYS

register = template.Library()


@register.filter
def line_label(line: int, pages: list[int] | None) -> str:
    """'第120行', or '第5页第120行' for a paged text (`pages`: the page of each line, or None)."""
    if pages and 0 < line <= len(pages):
        return _("第%(page)s页第%(line)s行") % {"page": pages[line - 1], "line": line}
    return _("第%(line)s行") % {"line": line}


@register.simple_tag
def source_items(source: list[tuple[int, str, int | None]]) -> SafeString:
    """The items of the source list, one per line (`numbered_lines`): its number as anchor and value, the page it
    starts where it starts one, its text escaped. Written here, not by a template loop: a document has a thousand lines
    or more, and a loop turn of the template costs far more than the line it writes."""
    mark = _("第%(page)s页")
    return SafeString(
        "".join(
            f'<li id="L{n}" value="{n}">'
            + (f'<span class="page-mark">{mark % {"page": page}}</span>' if page else "")
            + f'<span class="line">{escape(text)}</span></li>\n'
            for n, text, page in source
        )
    )


@register.filter
def finding(check) -> str:
    """A finding in the reader's language: a stored check result, or a parsed Problem (the upload preview)."""
    if hasattr(check, "text"):
        return check.text
    return finding_text(check.finding, check.params, fallback=check.message)


# The units a stated figure is counted in, other than money (shown in 万元).
FIGURE_UNITS = {"人": gettext_noop("人"), "元/人": gettext_noop("元/人"), "%": "%"}


@register.filter
def figure_label(figure) -> str:
    """What a stated figure is: in Chinese the document's own name for it (机构运行经费 where it says so), else our
    label of its key in the reader's language (the quote beside it gives the wording). A label that is a piece of
    the sentence (its number in it, a word cut: "250000人参加城乡居民基本医", as older imports stored) is no name:
    ours is shown."""
    ours = FIGURE_KEYS.get(figure.key)
    if (get_language() or "zh").startswith("zh"):
        return (figure.label if is_term(figure.label) else "") or ours or figure.key
    return _(ours) if ours else (figure.label if is_term(figure.label) else "") or figure.key


@register.filter
def figure_unit(unit: str) -> str:
    return _(FIGURE_UNITS[unit]) if unit in FIGURE_UNITS else unit
