"""A published PDF -> the text the parsers read: ruled tables as tab-separated cells, pages separated by \\f.

The page is read with pdfium (pypdfium2: BSD-3/Apache-2.0, a wheel that carries its own PDFium, no system binary),
which reads a 25-page disclosure in about a tenth of a second, where pdfminer-based readers take seconds. The
tables are found from the lines drawn on the page (pdf_grid), so a table is read as its cells rather than guessed
from the spacing of the words; a name wrapped inside its cell is one name. Text outside the ruled tables is read
line by line, from the top, with wide gaps kept as runs of spaces (as `pdftotext -layout` keeps them) so that a
table printed without rules is still read by its columns. Each page after the first starts with a form feed, as
pdftotext writes it, so every line of the stored text keeps its page (pages.py).

The reading runs in a child process with a time and memory limit: a hostile or broken file ends the child, never
the web worker, and pdfium (which is not thread-safe) never runs in a worker's threads.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import pickle
import resource
import select
import signal
import time
import unicodedata
from itertools import pairwise
from statistics import median

from .pages import PAGE_BREAK
from .pdf_grid import Edge, Table, find_tables
from .types import DisclosureError
from .wording import gettext_noop

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF"
# A disclosure runs to 20–60 pages; far more is not one, and would hold the worker for long.
MAX_PAGES = 300
TIME_LIMIT = 60  # seconds for one PDF; a 300-page file reads in a few
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the reading process
_MIN_CJK = 20  # fewer Chinese characters than this: no text layer worth the name (a scan)


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def pdf_text(data: bytes) -> str:
    """The text of a PDF, tables as tab-separated rows; a clear DisclosureError for a scan or a broken file."""
    import pypdfium2  # noqa: F401  loaded once here, so that each reading child starts with it

    # Every other page in each of READERS children: both cores read at once where they are free.
    outcomes = _isolated(data, READERS)
    error = next((o[1] for o in outcomes if o[0] == "error"), None)
    if error is not None:
        raise DisclosureError(*error)
    pages: dict[int, str] = {}
    for _, part in outcomes:
        pages.update(part)
    text = ("\n" + PAGE_BREAK).join(pages[i] for i in sorted(pages))
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < _MIN_CJK:
        raise DisclosureError(
            gettext_noop(
                "这份 PDF 没有可提取的文字层（可能是扫描件或图片）：本站不做文字识别（OCR），"
                "请上传有文字层的 PDF 原件，或上传提取好的文字。"
            )
        )
    return text + "\n"


# --- the child processes -----------------------------------------------------------------------------------------

READERS = 2


def _isolated(data: bytes, parts: int) -> list[tuple[str, object]]:
    """_read_part in `parts` forked children under time and memory limits: for each, ("ok", {page: text}) or
    ("error", (msgid, params)): a DisclosureError's text and parameters, worded by the parent."""
    children = [_start(data, part, parts) for part in range(parts)]
    return [_finish(pid, reader) for pid, reader in children]


def _start(data: bytes, part: int, parts: int) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send the outcome, leave without running the parent's clean-up
        code = 0
        try:
            os.close(reader)
            faulthandler.disable()  # a crash of the reader is reported to the parent, not dumped into its log
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            signal.alarm(TIME_LIMIT)
            try:
                outcome = ("ok", _read_part(data, part, parts))
            except DisclosureError as exc:
                outcome = ("error", (exc.text, exc.params))
            except MemoryError:
                outcome = (
                    "error",
                    (gettext_noop("PDF 文件需要的内存超过上限：文件可能已损坏，或不是一份预决算公开。"), {}),
                )
            except Exception as exc:  # pdfium reports damaged files in many ways
                outcome = (
                    "error",
                    (
                        gettext_noop("PDF 文件无法读取（%(error)s）：文件可能已损坏或不完整。"),
                        {"error": type(exc).__name__},
                    ),
                )
            payload = pickle.dumps(outcome)
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    return pid, reader


def _finish(pid: int, reader: int) -> tuple[str, object]:
    chunks = []
    deadline = time.monotonic() + TIME_LIMIT + 5
    with os.fdopen(reader, "rb") as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(pipe.fileno(), 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if chunks and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return pickle.loads(b"".join(chunks))
    log.warning("PDF reader ended with status %s", status)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGALRM, signal.SIGKILL):
        return (
            "error",
            (
                gettext_noop("PDF 文件读取超过 %(seconds)s 秒仍未完成：文件可能已损坏，或不是一份预决算公开。"),
                {"seconds": str(TIME_LIMIT)},
            ),
        )
    return ("error", (gettext_noop("PDF 文件无法读取：读取程序异常终止，文件可能已损坏。"), {}))


def _read_part(data: bytes, part: int, parts: int) -> dict[int, str]:
    """{page index: text} of the pages part, part + parts, part + 2 × parts, … of the document."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DisclosureError(gettext_noop("PDF 文件有密码保护，无法读取：请上传未加密的原件。")) from None
        raise DisclosureError(gettext_noop("PDF 文件无法打开：文件可能已损坏或不完整。")) from None
    try:
        if len(pdf) > MAX_PAGES:
            raise DisclosureError(
                gettext_noop("PDF 有 %(pages)s 页，超过 %(limit)s 页的上限：一份预决算公开通常只有几十页。"),
                {"pages": str(len(pdf)), "limit": str(MAX_PAGES)},
            )
        texts = {}
        for number in range(part, len(pdf), parts):
            page = pdf[number]
            try:
                texts[number] = "\n".join(_page_lines(page))
            finally:
                page.close()
        return texts
    finally:
        pdf.close()


# --- one page ----------------------------------------------------------------------------------------------------


class _Char:
    __slots__ = ("bottom", "ch", "middle", "size", "top", "wide", "x0", "x1")

    def __init__(self, ch: str, x0: float, top: float, x1: float, bottom: float):
        self.ch, self.x0, self.top, self.x1, self.bottom = ch, x0, top, x1, bottom
        self.size = bottom - top
        self.middle = (top + bottom) / 2
        self.wide = ch >= "\u2e80" and _wide(ch)  # CJK and full-width forms: two columns of a layout


def _page_lines(page) -> list[str]:
    """One page: each row of a ruled table as tab-separated cells and each line outside them, from the top."""
    view = _View(page)
    chars = _chars(page, view)
    edges = _edges(page, view)
    turn = _reading_turn(chars)
    if turn:  # a table printed sideways: read it as the reader turns the page
        chars, edges = _turned(chars, edges, turn, view)
    tables = find_tables(edges)
    outside: list[_Char] = []
    in_cells: dict[int, tuple[object, list[_Char]]] = {}
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, char.middle
        for table in tables:
            cell = table.cell_at(x, y)
            if cell is not None:
                in_cells.setdefault(id(cell), (cell, []))[1].append(char)
                break
        else:
            outside.append(char)
    for cell, members in in_cells.values():
        cell.text = _joined_cell(_lines(members))
    items: list[tuple[float, float, str]] = []
    for table in tables:
        items.extend(_table_items(table))
    unit = (median(c.size for c in chars) / 2) if chars else 5.0
    left = min((c.x0 for c in chars), default=0.0)
    for line in _lines(outside):
        text = _line_text(line, layout=True, unit=unit, left=left).rstrip()
        if text.strip():
            items.append((min(c.top for c in line), line[0].x0, text))
    items.sort(key=lambda item: (item[0], item[1]))
    return [text for _, _, text in items]


def _table_items(table: Table) -> list[tuple[float, float, str]]:
    items = []
    for top, cells in table.rows():
        if any(cells):
            items.append((top, table.x0, "\t".join(c.replace("\t", " ") for c in cells)))
    return items


_TURN_SAMPLE = 400  # characters enough to tell how a page's text runs


def _reading_turn(chars: list[_Char]) -> int:
    """How far the text is turned on the page as shown: 0 when it reads left to right, else 90 (it reads upwards),
    180 or 270 (downwards). Told from where each character stands from the one before it."""
    votes = [0, 0, 0, 0]  # right, up, left, down
    for a, b in pairwise(chars[:_TURN_SAMPLE]):
        dx, dy = (b.x0 + b.x1 - a.x0 - a.x1) / 2, b.middle - a.middle
        size = max(a.x1 - a.x0, a.bottom - a.top, 1.0)
        if abs(dx) + abs(dy) > 3 * size:
            continue  # the next line, a cell away: not the direction of reading
        if abs(dx) >= abs(dy):
            votes[0 if dx > 0 else 2] += 1
        else:
            votes[1 if dy < 0 else 3] += 1
    best = max(range(4), key=votes.__getitem__)
    return 0 if votes[best] <= votes[0] * 1.5 else best * 90


def _turned(chars: list[_Char], edges: list[Edge], turn: int, view: _View) -> tuple[list[_Char], list[Edge]]:
    width, height = view.size()

    def point(x: float, y: float) -> tuple[float, float]:
        if turn == 90:
            return height - y, x
        if turn == 270:
            return y, width - x
        return width - x, height - y

    turned = []
    for c in chars:
        ax, ay = point(c.x0, c.top)
        bx, by = point(c.x1, c.bottom)
        turned.append(_Char(c.ch, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    moved = []
    for e in edges:
        a = point(e.a, e.at) if e.horizontal else point(e.at, e.a)
        b = point(e.b, e.at) if e.horizontal else point(e.at, e.b)
        _add_edge(moved, a, b)
    return turned, moved


class _View:
    """Page coordinates (PDF user space, y up, maybe rotated for display) -> display coordinates (y down)."""

    def __init__(self, page):
        left, bottom, right, top = page.get_mediabox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = page.get_rotation() % 360

    def size(self) -> tuple[float, float]:
        """(width, height) of the page as shown."""
        width, height = self.right - self.left, self.top - self.bottom
        return (height, width) if self.rotation in (90, 270) else (width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = x - self.left, y - self.bottom
        width, height = self.right - self.left, self.top - self.bottom
        if self.rotation == 90:
            return dy, dx
        if self.rotation == 180:
            return width - dx, dy
        if self.rotation == 270:
            return height - dy, width - dx
        return dx, height - dy

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) on the page as shown, of a box given by two corners (x0, y0) and (x1, y1)."""
        if self.rotation == 0:  # nearly every page: no turning, only the origin and the y axis
            return x0 - self.left, self.top - y1, x1 - self.left, self.top - y0
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _chars(page, view: _View) -> list[_Char]:
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = raw.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        # All the characters' text in one call; their boxes one by one (the box is what places a character).
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        got = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        text = buffer.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
        if len(text) != count:  # characters beyond the BMP take two units: ask one by one
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        rect = raw.FS_RECTF()
        box_of, box = raw.FPDFText_GetLooseCharBox, view.box
        chars = []
        for index, ch in enumerate(text):
            # Spaces and line ends (pdfium generates them too) are told from the gaps; surrogates, private and
            # noncharacters are no text.
            if ch <= " " or ch in _NOT_TEXT or "\ud800" <= ch <= "\udfff":
                continue
            if not box_of(textpage, index, rect):
                continue
            x0, top, x1, bottom = box(rect.left, rect.bottom, rect.right, rect.top)
            if x1 <= x0 or bottom <= top:
                continue
            if "\uff21" <= ch <= "\uff5a":  # full-width letters as the plain ones; full-width digits stay as printed
                ch = unicodedata.normalize("NFKC", ch)
            chars.append(_Char(ch, x0, top, x1, bottom))
        return chars
    finally:
        textpage.close()


_NOT_TEXT = frozenset("\u3000\xa0\ufffe\uffff\ufffd")


def _edges(page, view: _View) -> list[Edge]:
    """Horizontal and vertical pieces of every drawn path (lines, and the sides of rectangles)."""
    import ctypes

    import pypdfium2.raw as raw

    edges: list[Edge] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()

    def walk(objects, matrix) -> None:
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            own = raw.FS_MATRIX()
            raw.FPDFPageObj_GetMatrix(obj, own)
            m = _compose((own.a, own.b, own.c, own.d, own.e, own.f), matrix)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                walk(
                    (raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))),
                    m,
                )
                continue
            raw.FPDFPath_GetDrawMode(obj, fill, stroke)
            if not fill.value and not stroke.value:
                continue  # a clipping path draws nothing
            if matrix is _IDENTITY and raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                # Most borders are a line or a thin filled rectangle: their bounds are the edge.
                x0, y0, x1, y1 = view.box(left.value, bottom.value, right.value, top.value)
                if y1 - y0 < _THIN <= x1 - x0:
                    edges.append(Edge(True, (y0 + y1) / 2, x0, x1))
                    continue
                if x1 - x0 < _THIN <= y1 - y0:
                    edges.append(Edge(False, (x0 + x1) / 2, y0, y1))
                    continue
            start = current = None
            for i in range(raw.FPDFPath_CountSegments(obj)):
                segment = raw.FPDFPath_GetPathSegment(obj, i)
                raw.FPDFPathSegment_GetPoint(segment, x, y)
                point = view.point(*_apply(m, x.value, y.value))
                kind = raw.FPDFPathSegment_GetType(segment)
                if kind == raw.FPDF_SEGMENT_MOVETO:
                    start = current = point
                    continue
                if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
                    _add_edge(edges, current, point)
                current = point
                if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                    _add_edge(edges, current, start)
                    current = start

    count = raw.FPDFPage_CountObjects(page)
    walk((raw.FPDFPage_GetObject(page, i) for i in range(count)), _IDENTITY)
    return edges


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_THIN = 2.5  # points: a path this thin in one direction is a line


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix that applies inner, then outer (PDF matrices [a b c d e f])."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _add_edge(edges: list[Edge], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 1 and abs(x0 - x1) > 0:
        edges.append(Edge(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 1 and abs(y0 - y1) > 0:
        edges.append(Edge(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


# --- characters into lines ---------------------------------------------------------------------------------------


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into visual lines by the middle of their boxes, each line from left to right."""
    lines: list[list[_Char]] = []
    middle = 0.0
    for char in sorted(chars, key=lambda c: c.middle):
        if lines and abs(char.middle - middle) <= max(char.size, lines[-1][0].size) * 0.4:
            lines[-1].append(char)
            continue
        lines.append([char])
        middle = char.middle
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _wide(ch: str) -> bool:
    """What unicodedata.east_asian_width gives W or F, by ranges (it is asked for every character of a page)."""
    return (
        "\u2e80" <= ch <= "\u303e"
        or "\u3041" <= ch <= "\ua4cf"
        or "\uac00" <= ch <= "\ud7a3"
        or "\uf900" <= ch <= "\ufaff"
        or "\ufe30" <= ch <= "\ufe4f"
        or "\uff00" <= ch <= "\uff60"
        or "\uffe0" <= ch <= "\uffe6"
    )


def _line_text(line: list[_Char], *, layout: bool, unit: float = 5.0, left: float = 0.0) -> str:
    """A line's characters with the spaces their gaps stand for; with layout, a wide gap becomes spaces up to the
    column the next character stands in, so that words printed in columns stay in columns."""
    out: list[str] = []
    length = 0
    previous: _Char | None = None
    for char in line:
        if previous is not None:
            gap = char.x0 - previous.x1
            size = max(char.size, previous.size)
            if layout and gap > size * 1.2:
                column = round((char.x0 - left) / unit)
                spaces = max(2, column - length)
            elif gap > size * (0.45 if char.wide and previous.wide else 0.2):
                spaces = 1
            else:
                spaces = 0
            out.append(" " * spaces)
            length += spaces
        out.append(char.ch)
        length += 2 if char.wide else 1
        previous = char
    return "".join(out)


def _joined_cell(lines: list[list[_Char]]) -> str:
    """A cell's lines as one: a name or a number wrapped by a narrow column continues without a space."""
    text = ""
    for line in lines:
        piece = _line_text(line, layout=False).strip()
        if text and piece and text[-1].isascii() and text[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            text += " "
        text += piece
    return text
