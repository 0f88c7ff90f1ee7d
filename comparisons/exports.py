"""Formula-safe cells for every CSV and XLSX the site writes (OWASP "CSV injection").

Document text is published by others: a name such as `=HYPERLINK(...)` or `@SUM(...)` must reach a spreadsheet as
text, never as a formula. A text cell that starts with = + - @, a tab or a carriage return gets a leading
apostrophe, which spreadsheets read as "this is text" and show without it. Numbers stay numbers: a Decimal or an int
is never touched, and neither is text that is only a plain number ("-1400000.50"), which no spreadsheet evaluates.

Table exports open right: a CSV starts with a UTF-8 byte-order mark (Excel on Chinese Windows reads it as GBK
otherwise); an XLSX sheet is named for the table, its header row is frozen and bold, numbers are numbers with a
number format per column (#,##0.00 for money), and the notes column wraps.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

import openpyxl
from django_tables2.export import TableExport
from openpyxl.styles import Alignment, Font

BOM = "\ufeff"
# Characters Excel refuses in a sheet name, and its length limit.
_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
SHEET_NAME_MAX = 31

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


def sheet_title(text: str, *, default: str = "Sheet1") -> str:
    """A sheet name Excel accepts: no \\ / ? * [ ] :, at most 31 characters, not starting or ending with '.
    A longer English name ends at a word, not inside one."""
    title = re.sub(r"\s+", " ", _SHEET_FORBIDDEN.sub(" ", str(text or ""))).strip()
    if len(title) > SHEET_NAME_MAX:
        cut = title[:SHEET_NAME_MAX]
        if title[SHEET_NAME_MAX] != " " and " " in cut[SHEET_NAME_MAX // 2 :]:
            cut = cut[: cut.rindex(" ")]
        title = cut.rstrip(" ,;")
    return title.strip(" '") or default


def xlsx_bytes(*, title: str, headers: Sequence, rows: Iterable[Sequence], formats: Sequence[str | None]) -> bytes:
    """One sheet: the header row frozen and bold, each column's number format, empty cells for missing values,
    and a column headed 说明/Notes (the last) wide and wrapped."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append([None if value == "" else value for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, number_format in enumerate(formats, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = 14 if number_format else 18
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    if headers:
        notes = openpyxl.utils.get_column_letter(len(headers))
        sheet.column_dimensions[notes].width = 60
        for (cell,) in sheet.iter_rows(min_row=2, min_col=len(headers), max_col=len(headers)):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class SafeTableExport(TableExport):
    """django-tables2's export with every header and cell made formula-safe, in the formats the site offers: a CSV
    with a byte-order mark, an XLSX named for the table with number formats and a frozen header.

    With no text cell starting with "=", openpyxl stores none as a formula in XLSX. Any other `_export` value (yaml,
    ods, ... whose writers are not installed) is not an export: the page is shown."""

    OFFERED = (TableExport.CSV, TableExport.XLSX)

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.OFFERED

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        exclude = set(exclude_columns or ())
        # A column declares its spreadsheet number format (`number_format`); the others are text or plain.
        self.formats = [
            getattr(c.column, "number_format", None) for c in table.columns.iterall() if c.name not in exclude
        ]
        self.title = str(getattr(table, "caption", "") or "")
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        safe = type(dataset)(title=dataset.title)
        safe.headers = formula_safe_row(dataset.headers or [])
        for row in dataset:
            safe.append(formula_safe_row(row))
        return safe

    def export(self):
        if self.format == self.XLSX:
            return xlsx_bytes(
                title=self.title, headers=self.dataset.headers or [], rows=self.dataset, formats=self.formats
            )
        return BOM + self.dataset.export(self.format)
