"""Formula-safe cells for every CSV and XLSX the site writes (OWASP "CSV injection").

Document text is published by others: a name such as `=HYPERLINK(...)` or `@SUM(...)` must reach a spreadsheet as
text, never as a formula. A text cell that starts with = + - @, a tab or a carriage return gets a leading
apostrophe, which spreadsheets read as "this is text" and show without it. Numbers stay numbers: a Decimal or an int
is never touched, and neither is text that is only a plain number ("-1400000.50"), which no spreadsheet evaluates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django_tables2.export import TableExport

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FIRST_CHARACTERS = frozenset(TRIGGERS)  # for loops that test text[:1] before calling formula_safe
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def formula_safe(value):
    """The cell as it may be written: text that a spreadsheet would evaluate is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def formula_safe_row(row: Iterable) -> list:
    return [formula_safe(value) for value in row]


class SafeTableExport(TableExport):
    """django-tables2's export with every header and cell made formula-safe, in the formats the site offers.

    With no text cell starting with "=", openpyxl (under tablib) stores none as a formula in XLSX. Any other
    `_export` value (yaml, ods, ... whose writers are not installed) is not an export: the page is shown."""

    OFFERED = (TableExport.CSV, TableExport.XLSX)

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.OFFERED

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        safe = type(dataset)(title=dataset.title)
        safe.headers = formula_safe_row(dataset.headers or [])
        for row in dataset:
            safe.append(formula_safe_row(row))
        return safe
