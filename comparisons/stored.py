"""An IndicatorValue as a StoredIndicator row and back: Decimals stay exact, messages stay codes with parameters."""

from __future__ import annotations

import json
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from disclosures.models import Disclosure

from .indicators.base import IndicatorValue, Message, SourceRef
from .models import StoredIndicator

# Inside the JSON columns a Decimal is {"$d": "128.00"} and a Message {"$m": code, "p": {params}}: JSON numbers
# would come back as floats, and messages are put into words only when shown.
DECIMAL, MESSAGE = "$d", "$m"


def encode(value):
    if isinstance(value, Decimal):
        return {DECIMAL: format(value, "f")}
    if isinstance(value, Message):
        return {MESSAGE: value.code, "p": dict(value.params)}
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    return value


def decode(value):
    if isinstance(value, dict):
        if DECIMAL in value:
            return Decimal(value[DECIMAL])
        if MESSAGE in value:
            return _message(value[MESSAGE], value.get("p"))
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def _source(stored: dict) -> SourceRef:
    return SourceRef(
        text=_message(*stored["label"]),
        disclosure_id=stored["document"],
        lines=tuple(stored["lines"]),
        note=stored["note"],
        href=stored["href"],
        table=stored["table"],
        figure=stored.get("figure", ""),  # stored before sources named their figure: none
    )


def _message(code: str, params: dict | None) -> Message:
    return Message(code, tuple(sorted((params or {}).items())))


def stored_row(value: IndicatorValue, disclosure: Disclosure, region_code: str) -> dict:
    """The StoredIndicator row of a value, as bulk.rows_write writes it (attribute names; `ranked` and `computed_at`
    left to their defaults): no model instance, as nothing reads one before it is stored."""
    return dict(
        disclosure_id=disclosure.pk,
        indicator=value.indicator,
        version=value.version,
        value=value.value,
        unit=value.unit,
        missing_code=value.reason.code if value.reason else "",
        missing_params=dict(value.reason.params) if value.reason else {},
        notes=[[n.code, dict(n.params)] for n in value.notes],
        sources=[
            {
                "label": [s.text.code, dict(s.text.params)],
                "document": s.disclosure_id,
                "table": s.table,
                "lines": list(s.lines),
                "note": s.note,
                "href": s.href,
                "figure": s.figure,
            }
            for s in value.sources
        ],
        details=encode(value.details),
        fiscal_year=disclosure.fiscal_year,
        kind=disclosure.kind,
        region_code=region_code,
    )


class StoredFields(NamedTuple):
    """A stored row as `indicator_rows.stored_values_read` reads it: no model instance per value."""

    disclosure_id: int
    indicator: str
    version: int
    value: Decimal | None
    unit: str
    missing_code: str
    missing_params: dict
    notes: list
    sources: list
    details: dict


def value_from_stored(row: StoredIndicator | StoredFields) -> IndicatorValue:
    return IndicatorValue(
        indicator=row.indicator,
        value=row.value,
        unit=row.unit,
        reason=_message(row.missing_code, row.missing_params) if row.missing_code else None,
        notes=tuple(_message(code, params) for code, params in row.notes),
        sources=tuple(_source(s) for s in row.sources),
        details=decode(row.details),
        version=row.version,
    )


class StoredText(NamedTuple):
    """A stored row with its JSON columns read as text (`Cast(..., TextField())`), for `value_exported`; the sources
    may be left out ("") where none can be outside the documents."""

    disclosure_id: int
    indicator: str
    value: Decimal | None
    unit: str
    missing_code: str
    missing_params: str
    notes: str
    sources: str
    details: str


STORED_TEXTS = ("missing_params", "notes", "sources", "details")  # StoredText's JSON columns, in its order
EMPTY_JSON = ("", "[]", "{}")
# The details of an exported value that has none, or whose details the export does not write: one read-only mapping
# for all of them, not a dictionary each (an export holds tens of thousands of values at once).
NO_DETAILS = MappingProxyType({})


def value_exported(row: StoredText, *, details: bool, decoded: dict | None = None) -> IndicatorValue:
    """The value as a table export writes it, with only what the export shows decoded (JSON decoding is most of an
    export's time at national scale): the number, the missing reason, the notes, the sources outside the documents
    (a staff denominator's: the notes column gives its source), and the details only when asked (a detail column).
    Sources read from a document are left out: the export links nothing. Each JSON text is decoded only when it can
    hold something: a source outside the documents has `"document": null`, so sources without `null` hold none.

    `decoded`, a dictionary the caller keeps for one export, holds each JSON text decoded once: a table's notes and
    reasons are a few texts repeated on thousands of rows (what it holds is immutable, or read only)."""
    if decoded is None:
        decoded = {}
    sources = ()
    if "null" in row.sources:
        sources = tuple(_source(s) for s in json.loads(row.sources) if s["document"] is None)
    reason = notes = None
    if row.missing_code:
        key = ("reason", row.missing_code, row.missing_params)
        reason = decoded.get(key)
        if reason is None:
            reason = decoded[key] = _message(row.missing_code, json.loads(row.missing_params))
    if row.notes in EMPTY_JSON:
        notes = ()
    else:
        notes = decoded.get(("notes", row.notes))
        if notes is None:
            notes = decoded["notes", row.notes] = tuple(
                _message(code, params) for code, params in json.loads(row.notes)
            )
    if details and row.details not in EMPTY_JSON:
        found = decoded.get(("details", row.details))
        if found is None:
            found = decoded["details", row.details] = MappingProxyType(decode(json.loads(row.details)))
    else:
        found = NO_DETAILS
    return IndicatorValue(
        indicator=row.indicator,
        value=row.value,
        unit=row.unit,
        reason=reason,
        notes=notes,
        sources=sources,
        details=found,
    )
