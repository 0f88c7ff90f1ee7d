"""A disclosure printed as a PDF, the way a bureau publishes one: the sample's text laid out as HTML (its tables
ruled, cell by cell) and printed by Chromium. What the importer gets is then a real PDF with a text layer, fonts
embedded and tables broken over pages, not a text file."""

from __future__ import annotations

import html
import re
from pathlib import Path

_TAG = re.compile(r"</?(?:b|strong)>")
_STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 10pt; }
table { border-collapse: collapse; margin: 6pt 0; }
td { border: 0.6pt solid #000; padding: 2pt 4pt; font-size: 8pt; }
p { margin: 2pt 0; }
"""


def disclosure_html(text: str) -> str:
    """Tab-separated lines as rows of ruled tables, every other line as a paragraph."""
    parts, rows = [], []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r + [""] * (width - len(r))) + "</tr>"
                for r in rows
            )
            parts.append(f"<table>{body}</table>")
            rows.clear()

    for line in _TAG.sub("", text).split("\n"):
        if "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
            continue
        flush()
        if line.strip():
            parts.append(f"<p>{html.escape(line.strip().lstrip('#').strip())}</p>")
    flush()
    return f'<!doctype html><html lang="zh"><meta charset="utf-8"><style>{_STYLE}</style><body>{"".join(parts)}'


def print_pdf(browser, text: str, path: Path) -> Path:
    page = browser.new_page()
    try:
        page.set_content(disclosure_html(text), wait_until="load")
        page.pdf(path=str(path), format="A4", print_background=False)
    finally:
        page.close()
    return path
