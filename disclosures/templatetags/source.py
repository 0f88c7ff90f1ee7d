"""Where a figure stands in its document: 第N行, and 第P页 too where the text kept its pages (a PDF)."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def line_label(line: int, pages: list[int] | None) -> str:
    """'第120行', or '第5页第120行' for a paged text (`pages`: the page of each line, or None)."""
    if pages and 0 < line <= len(pages):
        return _("第%(page)s页第%(line)s行") % {"page": pages[line - 1], "line": line}
    return _("第%(line)s行") % {"line": line}
