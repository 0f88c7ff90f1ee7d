"""Where a figure's source is: the document page, at the line the figure was read from."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

_PLACEHOLDER = 987654321


@lru_cache(maxsize=32)
def _url_pattern(name: str, prefix: str, language: str | None) -> str:
    # Reversed once per name, script prefix and language (/documents/… in Chinese, /en/documents/… in English): a
    # table or chart of thousands of figures links each one (reverse() is slow).
    return reverse(name, args=[_PLACEHOLDER]).replace(str(_PLACEHOLDER), "{}")


def object_url(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for the page of one object (a document, a bureau), without reverse()'s cost."""
    return _url_pattern(name, get_script_prefix(), get_language()).format(int(pk))


def source_line_url(disclosure_id: int, line: int | None = None) -> str:
    anchor = f"#L{line}" if line else ""
    return object_url("disclosures:disclosure_detail", disclosure_id) + anchor
