from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import Disclosure
from .parsing.pages import numbered_lines, page_per_line
from .selectors.disclosures import disclosure_get_detail


@require_safe
def disclosure_detail(request, pk: int):
    try:
        disclosure = disclosure_get_detail(pk=pk)
    except Disclosure.DoesNotExist as exc:
        raise Http404 from exc
    from comparisons.pages import document_indicators  # the comparisons app builds on this one

    text = disclosure.source_text
    context = {
        "d": disclosure,
        "source": numbered_lines(text),
        "pages": page_per_line(text),
        "ind": document_indicators(disclosure=disclosure),
    }
    return render(request, "disclosures/disclosure_detail.html", context)
