"""The XLSX of a table is the file XlsxWriter itself writes for the same cells written one by one.

exports.xlsx_bytes puts its cells into XML itself (`_RowsSheet`, for speed), relying on a few of XlsxWriter's inner
names: compared here, part by part and byte by byte, with XlsxWriter's own `write_string`/`write_number`, so that a
new XlsxWriter that writes cells otherwise fails here rather than in a reader's spreadsheet.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
import xlsxwriter
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from comparisons.exports import sheet_title, xlsx_bytes

FORMATS = ["0", None, "#,##0.00", "0.0", "#,##0", None]
HEADERS = ["排名", "单位名称", "机关运行经费（万元）", "百分位（%）", "参保人数（人）", "说明"]


def _reference(*, title, headers, rows, formats) -> bytes:
    """The sheet as XlsxWriter writes it cell by cell: the writer exports.xlsx_bytes had before `_RowsSheet`."""
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


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # The document properties carry the time of writing.
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def _rows() -> list[list]:
    """Cells of every kind: numbers of each type, text with XML's special characters and control characters, a
    repeated text, empty cells, an empty row, a block of 16 rows using fewer columns (its own span), a row wider
    than the header, a bool, a lazy text, a text longer than a cell holds, a fraction, a safe string."""
    rows = []
    for i in range(40):
        rows.append(
            [
                i + 1,
                f'\'=顺平县 <{i % 3}> & "医保局"',
                Decimal("-3798.25") if i % 2 else Decimal("113.00"),
                0.5 + i if i % 5 else None,
                Decimal(250000 + i),
                "" if i % 4 else "机关运行经费：未单列\x07",
            ]
        )
    rows[7] = [None, "", None]
    for row in rows[16:32]:
        row[3:] = []
    rows[33].extend(["旁边", 7])
    rows[34][1] = True
    rows[35][1] = gettext_lazy("说明")
    rows[36][5] = "长" * 40000
    rows[37][1:3] = [Fraction(1, 3), mark_safe("<b>医保局</b>")]  # a number of another type is text, as for XlsxWriter
    return rows


@pytest.mark.parametrize(
    ("headers", "formats"),
    [(HEADERS, FORMATS), (HEADERS, FORMATS[:4]), (HEADERS[:3], FORMATS), ([], FORMATS), (HEADERS, [])],
)
def test_xlsx_is_the_file_xlsxwriter_writes_cell_by_cell(headers, formats):
    table = {"title": "运行经费：2026年预算排名", "headers": headers, "rows": _rows(), "formats": formats}
    assert _parts(xlsx_bytes(**table)) == _parts(_reference(**table))


def test_a_table_without_rows_is_its_header_alone():
    table = {"title": "Running costs", "headers": HEADERS, "rows": [], "formats": FORMATS}
    assert _parts(xlsx_bytes(**table)) == _parts(_reference(**table))


@pytest.mark.parametrize("value", [float("nan"), float("-inf"), Decimal("NaN"), Decimal("Infinity")])
def test_a_number_that_is_no_number_is_refused_as_xlsxwriter_refuses_it(value):
    table = {"title": "t", "headers": HEADERS, "rows": [[1, "x", value]], "formats": FORMATS}
    with pytest.raises(TypeError):
        _reference(**table)
    with pytest.raises(TypeError):
        xlsx_bytes(**table)
