from django.http import Http404
from django.shortcuts import render

from .models import Disclosure
from .parsing.pages import numbered_lines, page_per_line
from .selectors.disclosures import disclosure_get_detail


def disclosure_detail(request, pk: int):
    try:
        disclosure = disclosure_get_detail(pk=pk)
    except Disclosure.DoesNotExist as exc:
        raise Http404 from exc
    text = disclosure.source_text
    return render(
        request,
        "disclosures/disclosure_detail.html",
        {"d": disclosure, "source": numbered_lines(text), "pages": page_per_line(text)},
    )
