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
    return object_url_pattern(name).format(int(pk))


def object_url_pattern(name: str) -> str:
    """The address of one object's page (a bureau, a document) with "{}" for its id, in the active language: what
    code linking many objects reads once."""
    return _url_pattern(name, get_script_prefix(), get_language())


def document_url_pattern() -> str:
    """The document page's address with "{}" for its id, in the active language: what code linking many documents
    reads once (the active language and script prefix are thread-local reads, slow per call)."""
    return object_url_pattern("disclosures:disclosure_detail")


def source_line_url(disclosure_id: int, line: int | None = None) -> str:
    return line_url(document_url_pattern(), disclosure_id, line)


def line_url(pattern: str, disclosure_id: int, line: int | None = None) -> str:
    """source_line_url with the pattern read once by the caller (a chart or table links hundreds of figures)."""
    anchor = f"#L{line}" if line else ""
    return pattern.format(int(disclosure_id)) + anchor
