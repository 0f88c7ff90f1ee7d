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
import itertools
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from math import isfinite

import xlsxwriter
from django.http import HttpRequest
from django_tables2.export import TableExport
from xlsxwriter.utility import _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

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
    # formula_safe called only for text that starts with a trigger: an export's tens of thousands of cells are
    # mostly numbers and plain text.
    return [formula_safe(v) if isinstance(v, str) and v[:1] in FIRST_CHARACTERS else v for v in row]


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

    Written with XlsxWriter, its cells by `_RowsSheet` (a national table is tens of thousands of cells). Every cell
    is written by its type, text always as text: never a formula (a text that starts with "=") or a link (a text
    that looks like an address), as XlsxWriter's `write` would make them."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(sheet_title(title), worksheet_class=_RowsSheet)
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
    sheet.cells_set(headers=[str(header) for header in headers], bold=bold, rows=rows, formats=cell_formats)
    book.close()
    return out.getvalue()


class _RowsSheet(Worksheet):
    """A worksheet whose cells are put into XML as they are given (`cells_set`), row by row, as the XML XlsxWriter
    writes for the same cells written one by one with `write_string` and `write_number`: the same file
    (tests/comparisons/test_exports_xlsx.py compares them byte for byte). XlsxWriter keeps a tuple per cell in a
    dictionary and writes each with several calls when the workbook closes: for a national table, most of its
    export's time.

    What this relies on of XlsxWriter beyond its documented API (a worksheet class of one's own is documented): the
    <sheetData> element written by `_write_sheet_data`, the shared strings' `_get_shared_string_index`, a format's
    `_get_xf_index` (numbered in the order cells first use them, as here), `_check_dimensions` for the used range.
    This sheet has no row or column formats, so a cell without a format has no style attribute."""

    sheet_data = "<sheetData/>"

    def cells_set(self, *, headers: Sequence[str], bold, rows: Iterable[Sequence], formats: list) -> None:
        """The header row, each cell text in `bold`; then `rows`, each column in its format of `formats` (None:
        none), a None or "" no cell, a number (int, float or Decimal, not a bool) a number, anything else text."""
        shared = self.str_table._get_shared_string_index
        strmax = self.xls_strmax
        letters = [xl_col_to_name(column) for column in range(max(len(headers), len(formats)))]
        styles: dict[int, str] = {}  # a column's ' s="n"', numbered when first used, in XlsxWriter's order

        def style(column: int) -> str:
            cell_format = formats[column] if column < len(formats) else None
            styles[column] = f' s="{cell_format._get_xf_index()}"' if cell_format is not None else ""
            return styles[column]

        def text(value: str) -> str:
            # Longer than a cell holds: cut as XlsxWriter cuts it.
            if len(value) > strmax // 2 and _utf16_len(value) > strmax:
                value = _utf16_truncate(value, strmax)
            return shared(value)

        # XlsxWriter gives each <row> the span of the columns used in its block of 16 rows: a block is put into
        # XML once its rows are known.
        xml: list[str] = []
        block: list[tuple[int, str]] = []
        low = high = None  # the block's first and last column with a cell
        used = None  # the first and last row with a cell, the first and last column

        def flush() -> None:
            xml.extend(f'<row r="{number}" spans="{low + 1}:{high + 1}">{cells}</row>' for number, cells in block)
            block.clear()

        for number, row in enumerate(itertools.chain([headers], rows), start=1):
            if number % 16 == 1 and block:
                flush()
                low = high = None
            while len(row) > len(letters):
                letters.append(xl_col_to_name(len(letters)))
            cells, first, last = [], None, None
            for column, value in enumerate(row):
                if number == 1:
                    cells.append(f'<c r="{letters[column]}1" s="{bold._get_xf_index()}" t="s"><v>{text(value)}</v></c>')
                    first = 0 if first is None else first
                    last = column
                    continue
                kind = value.__class__
                if kind is str:
                    if not value:
                        continue
                    number_cell = False
                elif kind is Decimal or kind is int or kind is float:
                    number_cell = True
                elif value is None or value == "":
                    continue
                else:
                    number_cell = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
                shown = styles.get(column)
                if shown is None:
                    shown = style(column)
                if number_cell:
                    if not (value.is_finite() if kind is Decimal else isfinite(value)):  # no float made of a Decimal
                        raise TypeError("NaN and infinity are no cell values")
                    cells.append(f'<c r="{letters[column]}{number}"{shown}><v>{value:.16G}</v></c>')
                else:
                    shared_index = text(value if kind is str else str(value))
                    cells.append(f'<c r="{letters[column]}{number}"{shown} t="s"><v>{shared_index}</v></c>')
                if first is None:
                    first = column
                last = column
            if cells:
                block.append((number, "".join(cells)))
                low = first if low is None else min(low, first)
                high = last if high is None else max(high, last)
                if used is None:
                    used = [number, number, first, last]
                else:
                    used[1:] = [number, min(used[2], first), max(used[3], last)]
        if block:
            flush()
        if used is not None:
            self._check_dimensions(used[0] - 1, used[2])
            self._check_dimensions(used[1] - 1, used[3])
            self.sheet_data = f"<sheetData>{''.join(xml)}</sheetData>"

    def _write_sheet_data(self) -> None:
        self.fh.write(self.sheet_data)


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


EXPORT_FORMATS = (TableExport.CSV, TableExport.XLSX)


def export_links(request: HttpRequest, **extra: str) -> list[tuple[str, str]]:
    """(format, query string) for each download link, keeping the filters and the sort of the page."""
    links = []
    for fmt in EXPORT_FORMATS:
        params = request.GET.copy()
        params["_export"] = fmt
        for key, value in extra.items():
            params[key] = value
        links.append((fmt.upper(), "?" + params.urlencode()))
    return links
