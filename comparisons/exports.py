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
from decimal import Decimal

import xlsxwriter
from django_tables2.export import TableExport

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

    Written row by row with XlsxWriter (a national table is tens of thousands of cells: openpyxl took three times
    as long). Every cell is written by its type, text always as text: XlsxWriter's `write` would turn a text that
    starts with "=" into a formula and a text that looks like an address into a link."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(sheet_title(title))
    wrapped = {"text_wrap": True, "valign": "top"}
    cell_formats = [book.add_format({"num_format": f}) if f else None for f in formats]
    for index, number_format in enumerate(formats):
        sheet.set_column(index, index, 14 if number_format else 18)
    if headers:
        last = len(headers) - 1
        sheet.set_column(last, last, 60)
        notes = {"num_format": formats[last]} if last < len(formats) and formats[last] else {}
        if last < len(cell_formats):
            cell_formats[last] = book.add_format(notes | wrapped)
        else:
            cell_formats.extend([None] * (last - len(cell_formats)) + [book.add_format(wrapped)])
    sheet.freeze_panes(1, 0)
    bold = book.add_format({"bold": True} | wrapped)
    for column, header in enumerate(headers):
        sheet.write_string(0, column, str(header), bold)
    width = len(cell_formats)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            cell_format = cell_formats[column] if column < width else None
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                sheet.write_string(number, column, str(value), cell_format)
            else:
                sheet.write_number(number, column, value, cell_format)
    book.close()
    return out.getvalue()


class SafeTableExport(TableExport):
    """django-tables2's export with every header and cell made formula-safe, in the formats the site offers: a CSV
    with a byte-order mark, an XLSX named for the table with number formats and a frozen header.

    Text is written as text (xlsx_bytes), so no cell of an XLSX is a formula. Any other `_export` value (yaml,
    ods, ... whose writers are not installed) is not an export: the page is shown. The rows are kept as lists and
    written straight by csv and XlsxWriter (a tablib Dataset's copies of every row cost more than the writing)."""

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
