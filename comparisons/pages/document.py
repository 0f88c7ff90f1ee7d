"""Reads for a document's own indicators on the document page, and the source lines that feed them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from comparisons.indicators import BY_KEY, Indicator
from comparisons.selectors import IndicatorRow, indicator_rows
from disclosures.models import Disclosure

# --- a document's own indicators (document page) ---


@dataclass
class DocumentIndicators:
    row: IndicatorRow | None
    feeds: dict[int, list[Indicator]]  # source line number -> the indicators it feeds

    @property
    def values(self) -> list[tuple[Indicator, object]]:
        if self.row is None:
            return []
        return [(BY_KEY[key], value) for key, value in self.row.values.items() if key in BY_KEY]


def document_indicators(*, disclosure: Disclosure) -> DocumentIndicators:
    """Every indicator of one document and, for each source line, the indicators that read it."""
    rows = indicator_rows(disclosures=[disclosure])
    if not rows:
        return DocumentIndicators(row=None, feeds={})
    feeds: dict[int, list[Indicator]] = defaultdict(list)
    for key, value in rows[0].values.items():
        for source in value.sources:
            if source.disclosure_id != disclosure.pk:
                continue
            for line in source.lines:
                if key in BY_KEY and BY_KEY[key] not in feeds[line]:
                    feeds[line].append(BY_KEY[key])
    return DocumentIndicators(row=rows[0], feeds=dict(feeds))
