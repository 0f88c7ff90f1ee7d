from django.http import Http404
from django.shortcuts import render

from .models import Disclosure
from .selectors.disclosures import disclosure_get_detail


def disclosure_detail(request, pk: int):
    try:
        disclosure = disclosure_get_detail(pk=pk)
    except Disclosure.DoesNotExist as exc:
        raise Http404 from exc
    from comparisons.pages import document_indicators  # the comparisons app builds on this one

    numbered = list(enumerate(disclosure.source_lines, start=1))
    context = {"d": disclosure, "source": numbered, "ind": document_indicators(disclosure=disclosure)}
    return render(request, "disclosures/disclosure_detail.html", context)
