"""The parser's readers given a text as parse_disclosure gives it to them: each line cleaned once (clean_prose) and
the passages the cleaned lines make."""

from __future__ import annotations

from disclosures.parsing.figure_text import clean_prose
from disclosures.parsing.figures import read_figures
from disclosures.parsing.meta import read_meta
from disclosures.parsing.narrative import read_narrative_lines
from disclosures.parsing.prose import passages
from disclosures.parsing.types import DocumentMeta, ParsedLine, ParsedTable, Problem, StatedFigure


def meta_of(lines: list[str]) -> DocumentMeta:
    return read_meta(lines, cleaned=[clean_prose(line) for line in lines])


def narrative_of(lines: list[str], *, meta: DocumentMeta) -> tuple[list[ParsedLine], list[Problem]]:
    return read_narrative_lines(lines, meta=meta, prose=passages([clean_prose(line) for line in lines]))


def figures_of_lines(
    lines: list[str], *, meta: DocumentMeta, tables: list[ParsedTable]
) -> tuple[list[StatedFigure], list[Problem]]:
    """Figures read without table rows, as in a document whose tables were images or that has none."""
    cleaned = [clean_prose(line) for line in lines]
    return read_figures(lines, meta=meta, tables=tables, rows=[], cleaned=cleaned, prose=passages(cleaned))
