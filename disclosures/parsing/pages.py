"""Pages of a stored text: a PDF's text (ours, or pdftotext's) starts each page after the first with a form feed."""

from __future__ import annotations

PAGE_BREAK = "\f"


def page_per_line(text: str) -> list[int] | None:
    """The 1-based page of each line, or None for a text that was never paged (a file of extracted text)."""
    if PAGE_BREAK not in text:
        return None
    pages, page = [], 1
    for line in text.split("\n"):
        page += line.count(PAGE_BREAK)
        pages.append(page)
    return pages


def numbered_lines(text: str) -> list[tuple[int, str, int | None]]:
    """(line number, text without its page break, the page it starts or None) for each line, as the source view
    lists them."""
    pages = page_per_line(text)
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        starts = pages is not None and (number == 1 or pages[number - 1] != pages[number - 2])
        out.append((number, line.replace(PAGE_BREAK, ""), pages[number - 1] if starts else None))
    return out
