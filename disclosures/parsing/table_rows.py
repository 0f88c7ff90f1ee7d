"""Reading the rows of one table region, and mending the rows a page break cut in two.

A table that runs over pages repeats its unit name, year, unit and header rows on every page; those repeats are
skipped. A row whose name or code was cut at the page end continues in the first row of the next page (a row with
no number, no amounts and no complete code): that piece is joined to the last row of the previous page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .table_layout import Layout, build_layout, is_header_row, numbers_columns, squash
from .table_titles import EMPTY_DECLARATION, unit_in
from .text import clean_cell, is_amount

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")
_DIGITS = re.compile(r"^\d[\d ]*$")
_SPACE_BUT_TAB = re.compile(r"[^\S\t]")  # whitespace other than a tab
_NOTE = re.compile(r"^\s*(?:注|说明|备注|附注)")


@dataclass
class RawRow:
    cells: list[str]
    lines: list[int]


@dataclass
class Region:
    """What one table region holds once read: header rows, unit, data rows and whether it says it is empty."""

    headers: list[list[str]] = field(default_factory=list)
    layout: Layout | None = None
    unit: str | None = None
    declared_empty: bool = False
    declared_line: int | None = None  # the note that says so ("本表为空表")
    rows: list[RawRow] = field(default_factory=list)
    end_line: int = 0
    tab_rows: int = 0


def is_prose(line: str) -> bool:
    """A sentence of the narrative: it ends the table region it follows."""
    if len(line) < 40:  # cheap tests first: this runs on every line after a table title
        return False
    s = line.strip()
    if len(s) < 40 or "\t" in s:
        return False
    return len(squash(s)) >= 40 and not _NOTE.match(s)


def _fits(cell: str, role: str) -> bool:
    if role == "amount":
        return is_amount(cell)
    if role in {"code", "seq"}:
        return bool(_DIGITS.match(cell))
    return not is_amount(cell)


def _roles(layout: Layout) -> list[str]:
    roles = ["other"] * layout.width
    for p in layout.code:
        roles[p] = "code"
    if layout.seq is not None:
        roles[layout.seq] = "seq"
    for p in layout.amount_positions():
        roles[p] = "amount"
    return roles


def align(cells: list[str], layout: Layout, roles: list[str]) -> list[str]:
    """Place a row that lost empty cells in the extractor where its cells fit the columns best."""
    width = layout.width
    if len(cells) >= width:
        return cells[:width]
    best, best_score = 0, -1
    for offset in range(width - len(cells) + 1):
        score = sum(1 for i, c in enumerate(cells) if c and _fits(c, roles[offset + i]))
        if score > best_score:
            best, best_score = offset, score
    return [""] * best + cells + [""] * (width - best - len(cells))


def is_fragment(cells: list[str], layout: Layout) -> bool:
    """The rest of a row cut at the page end: no number, no amounts, no complete code with a name."""
    if not any(cells):
        return False
    if layout.seq is not None and cells[layout.seq]:
        return False
    if any(cells[p] for p in layout.amount_positions()):
        return False
    # The first code printed on the row (blocks side by side have a code column each).
    code_columns = [layout.code, *(s.code for s in layout.sections[1:] if s.code)]
    code = next((c for cols in code_columns if (c := "".join(cells[p] for p in cols).replace(" ", ""))), "")
    names = [cells[s.name] for s in layout.sections if s.name < len(cells) and cells[s.name]]
    if code and not code.isdigit():
        return False
    if len(code) in {3, 5, 7} and names:
        return False
    return not any(_NUMBERED.match(n) for n in names)


def _merge(into: RawRow, piece: list[str], line: int, *, before: bool = False) -> None:
    for p, c in enumerate(piece):
        if c and p < len(into.cells):
            into.cells[p] = c + into.cells[p] if before else into.cells[p] + c
    into.lines = sorted({*into.lines, line})


def _has_amount(cells: list[str]) -> bool:
    """Whether a cell of the row is an amount. The cells are stripped, as _split_row gives them: one that starts with
    neither a digit nor a minus sign and has no tag in it is no amount, and is turned away without parsing."""
    # A loop rather than any() over a generator (half the time on a row of figures): asked of every row.
    for c in cells:  # noqa: SIM110
        if c and (c[0].isdigit() or c[0] in "-−" or "<" in c or "*" in c) and is_amount(c):
            return True
    return False


def _split_row(raw: str) -> tuple[list[str], list[str]]:
    """The cells of a tab-separated line, cleaned; and the same cells squashed (no tags, no whitespace)."""
    if "<" not in raw and "*" not in raw and not _SPACE_BUT_TAB.search(raw):
        # Most rows: no tags and no whitespace but the tabs, so the cells are clean and squashed as they are.
        cells = raw.split("\t")
        return cells, cells[:]
    cells = [clean_cell(c) if "<" in c or "*" in c else c.strip() for c in raw.split("\t")]
    return cells, [squash(c) if c else "" for c in cells]


_CODE_PARTS = ("类", "款", "项")


def _code_labels(cells: list[str], squashed: list[str]) -> list[str] | None:
    """The 类/款/项 labels of a row that also carries amounts, in their columns (other cells empty); else None."""
    if "类" not in squashed or not _has_amount(cells):
        return None
    start = squashed.index("类")
    parts = squashed[start : start + 3]
    if parts[:2] != ["类", "款"] or any(_has_amount([c]) for c in cells[:start]):
        return None
    width = 3 if parts[2:] == ["项"] else 2
    return ["" if not start <= i < start + width else c for i, c in enumerate(squashed)]


class _RegionReader:
    """Reads one table's lines in order: the header rows until the first row of amounts, then rows, with the
    pieces of rows cut by a page break put back together."""

    def __init__(self, start: int) -> None:
        self.region = Region(end_line=start + 1)
        self.seen_headers: set[tuple[str, ...]] = set()
        self.roles: list[str] = []
        self.page_break = False
        self.after_header = False
        self.pending: list[tuple[list[str], int]] = []  # pieces that came before any row
        self.above: list[list[str]] = []  # rows of words right above the first header row: maybe its group labels

    def add_piece(self, cells: list[str], line_no: int) -> None:
        if self.region.rows:
            _merge(self.region.rows[-1], cells, line_no)
        else:
            self.pending.append((cells, line_no))

    def plain_line(self, raw: str, line_no: int) -> None:
        """A line without tabs: a unit note, an empty-table declaration, a cut piece of a row, or a page break."""
        region = self.region
        unit = unit_in(raw)
        if unit and region.unit is None:
            region.unit = unit
        if EMPTY_DECLARATION.search(raw):
            region.declared_empty = True
            region.declared_line = region.declared_line or line_no
        layout = region.layout
        text = squash(raw)
        if layout is not None and region.rows and self.after_header and self.page_break and 0 < len(text) <= 30:
            # A lone piece of a cut row with its tabs lost: digits continue the code, words the name.
            piece = [""] * layout.width
            if text.isdigit() and len(text) <= 2 and layout.code:
                piece[layout.code[-1]] = text
            elif (
                not text.isdigit()
                and not unit
                and "年" not in text
                and "：" not in text
                # A table of amounts alone has its name column past the last cell: no name to continue.
                and layout.name is not None
                and layout.name < layout.width
            ):
                piece[layout.name] = text
            if any(piece) and is_fragment(piece, layout):
                self.add_piece(piece, line_no)
                return
        if region.rows:
            self.page_break = True
            self.after_header = False

    def before_layout(
        self, cells: list[str], squashed: list[str], signature: tuple[str, ...], *, has_amount: bool
    ) -> bool:
        """Header rows and what comes before them; False once the first row of the table is reached (the layout
        is then read from the headers). has_amount: _has_amount(cells), worked out once by the caller."""
        region = self.region
        if numbers_columns(signature):  # is_column_number_row of the filled cells: the signature
            return True
        if not has_amount and (
            is_header_row(squashed) or (region.headers and not any(_DIGITS.match(c) for c in cells if c))
        ):
            if not region.headers:
                # Group labels printed over the first row of header words ("合计 | 因公出国（境）费 | …" over
                # "预算数 | 决算数 | …") head the table too.
                region.headers.extend(self.above)
                self.seen_headers.update(tuple(filter(None, (squash(c) for c in row))) for row in self.above)
            region.headers.append(cells)
            self.seen_headers.add(signature)
            return True
        if not region.headers:
            if not has_amount and not any(_DIGITS.match(c) for c in cells if c):
                self.above.append(cells)
            else:
                self.above.clear()
            return True  # chart labels and other text before any header: not rows of this table
        width = max(len(h) for h in region.headers)
        region.layout = build_layout(region.headers, width)
        self.roles = _roles(region.layout)
        if region.unit is None:
            region.unit = next((u for h in region.headers for c in h if (u := unit_in(c))), None)
        return False

    def tab_line(self, raw: str, line_no: int) -> None:
        region = self.region
        cells, squashed = _split_row(raw)
        if not any(cells):
            return
        if region.unit is None and not region.rows and "单位" in raw:
            # "部门：××\t金额单位：万元" above the header: the unit, in a row of its own.
            unit = unit_in(raw)
            if unit:
                region.unit = unit
        region.tab_rows += 1
        labels = _code_labels(cells, squashed)
        if labels is not None:
            # The national template prints 类 | 款 | 项 on the same row as the 合计 of the table: the labels head
            # the code columns, the rest of the row is the total.
            if region.layout is None:
                region.headers.append(labels)
            cells = ["" if c else cell for cell, c in zip(cells, labels, strict=True)]
            squashed = ["" if c else cell for cell, c in zip(squashed, labels, strict=True)]
            if not any(cells):
                return
        signature = tuple(filter(None, squashed))
        has_amount = _has_amount(cells)  # asked up to three times below
        if region.layout is None and self.before_layout(cells, squashed, signature, has_amount=has_amount):
            return
        if (
            signature in self.seen_headers
            or numbers_columns(signature)
            # The numbered cell test first: it turns away most rows without amounts (their 序号) at the first cell.
            or (not has_amount and not any(_DIGITS.match(c) for c in cells if c) and is_header_row(squashed))
        ):  # a header repeated on a new page
            if region.rows:
                self.page_break = True
            self.after_header = True
            return
        self.row(align(cells, region.layout, self.roles), line_no)

    def row(self, row: list[str], line_no: int) -> None:
        if self.page_break and is_fragment(row, self.region.layout):
            self.add_piece(row, line_no)
            return
        self.page_break = False
        self.after_header = False
        new = RawRow(cells=row, lines=[line_no])
        for piece, piece_line in self.pending:
            _merge(new, piece, piece_line, before=True)
        self.pending.clear()
        self.region.rows.append(new)


def read_region(lines: list[str], start: int, end: int) -> Region:
    """Read the lines start..end-1 (0-based indexes) of one table; start is the title line."""
    reader = _RegionReader(start)
    for i in range(start + 1, end):
        raw = lines[i]
        if not raw.strip():
            continue
        reader.region.end_line = i + 1
        if "\t" in raw:
            reader.tab_line(raw, i + 1)
        else:
            reader.plain_line(raw, i + 1)
    return reader.region
