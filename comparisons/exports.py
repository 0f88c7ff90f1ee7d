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

import csv
import io
import re
from collections.abc import Iterable, Sequence

import openpyxl
from django_tables2.export import TableExport
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

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
    and a column headed 说明/Notes (the last) wide and wrapped.

    Written row by row (openpyxl's write-only mode: a national table is tens of thousands of cells, and a
    workbook held whole with its styles set cell by cell took seconds). A styled column writes one prepared
    cell per row, its value replaced: each row is written as it is appended."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(title))
    for index, number_format in enumerate(formats, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 14 if number_format else 18
    wrapped = Alignment(wrap_text=True, vertical="top")
    styled: dict[int, WriteOnlyCell] = {}  # column index -> its cell, for the columns with a style
    for index, number_format in enumerate(formats):
        if number_format:
            styled[index] = WriteOnlyCell(sheet)
            styled[index].number_format = number_format
    if headers:
        sheet.column_dimensions[get_column_letter(len(headers))].width = 60
        notes = styled.setdefault(len(headers) - 1, WriteOnlyCell(sheet))
        notes.alignment = wrapped
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.alignment = bold, wrapped
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = [None if value == "" else value for value in row]
        for index, cell in styled.items():
            if index < len(cells):
                cell.value = cells[index]
                cells[index] = cell
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class SafeTableExport(TableExport):
    """django-tables2's export with every header and cell made formula-safe, in the formats the site offers: a CSV
    with a byte-order mark, an XLSX named for the table with number formats and a frozen header.

    With no text cell starting with "=", openpyxl stores none as a formula in XLSX. Any other `_export` value (yaml,
    ods, ... whose writers are not installed) is not an export: the page is shown. The rows are kept as lists and
    written straight by csv and openpyxl (a tablib Dataset's copies of every row cost more than the writing)."""

    OFFERED = (TableExport.CSV, TableExport.XLSX)

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.OFFERED

    def table_to_dataset(self, table, exclude_columns, _dataset_kwargs=None):
        exclude = set(exclude_columns or ())
        # A column declares its spreadsheet number format (`number_format`); the others are text or plain.
        self.formats = [
            getattr(c.column, "number_format", None) for c in table.columns.iterall() if c.name not in exclude
        ]
        self.title = str(getattr(table, "caption", "") or "")
        values = table.as_values(exclude_columns=exclude_columns)
        self.headers = formula_safe_row(next(values, []))
        return [formula_safe_row(row) for row in values]

    def export(self):
        if self.format == self.XLSX:
            return xlsx_bytes(title=self.title, headers=self.headers, rows=self.dataset, formats=self.formats)
        out = io.StringIO()
        writer = csv.writer(out)
        if self.headers:
            writer.writerow(self.headers)
        writer.writerows(self.dataset)
        return BOM + out.getvalue()
