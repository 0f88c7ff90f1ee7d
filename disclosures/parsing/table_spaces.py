"""Tables whose tabs the extractor lost: cells separated by runs of spaces (a `pdftotext -layout` page).

Only inside a recognised table (after a title line, before the next title, heading or sentence of narrative), and only
where that table has no tab at all. Each page of such a table is read on its own (a page break, \\f, may move every
column), in four steps:
1. cut each line into cells at runs of two or more spaces, and tell the amounts, codes and names apart;
2. find the columns from where the cells stand: amounts by their right edges (numbers are right-aligned), codes and
   names by their left edges; a column that only the header names is a column too. Positions are counted in
   characters or in display width (a CJK character is two), whichever lines the amounts up better;
3. rebuild the header: the pieces of a label printed over several lines ("本年收入合" | "计") are one label, and a
   label over several columns is a group label, written over the first of them;
4. rebuild the rows: an amount or a name printed a line above or below its row (a cell whose text is vertically
   centred, or wrapped) joins the row it belongs to.
The rewritten lines are tab-separated, and every reader then treats them as it treats any other table. A line that
was joined to another is left blank, so every line keeps its number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from disclosures.vocabulary import HEADING

from .table_layout import amount_key, header_score, role_of, squash
from .table_titles import title_key, unit_in
from .text import is_amount

_CELL = re.compile(r"\S+(?: \S+)*")  # a run of text with single spaces inside ("机关 事业 单位")
_GAP = re.compile(r"\S {2,}\S")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$|^\d{1,2}$")  # 201, 20106, 2010601, and a 款 or 项 part ("06", "2")
_GLUED = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*([\u4e00-\u9fff].*)$")  # "30207邮电费"
_SPACED_CODE = re.compile(r"^(\d{3})\s+(\d{1,2})(?:\s+(\d{1,2}))?$")  # "301 2", "210 12 02" in one cell
_CODE_LABELS = {"类", "款", "项"}
_TOTAL_WORDS = ("合计", "总计", "小计")
# Matched on the stripped line, with no two runs of spaces side by side: linear on any line.
_NOT_TABLE = re.compile(r"^(?:注|说明|备注|附注|数据来源)[：:]|^[-—]*\s*(?:第\s*)?\d+\s*(?:页\s*)?[-—]*$")
_EDGE = 2  # cells whose edges lie this close stand in one column
_REACH = 2  # an amount or a name piece joins a row at most this many lines away


@dataclass
class _Cell:
    start: int
    end: int
    text: str
    kind: str  # amount / code / name / label (a header word)
    right: float = 0.0  # where a right-aligned amount ends, corrected for the extractor's character widths
    row: object = None  # the line's list of cells: which cells stand on one line


@dataclass
class _Column:
    kind: str  # amount / code / name
    start: int
    end: int
    cells: list[_Cell] = field(default_factory=list)
    right: float = 0.0  # the corrected right edge of an amount column

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2


def tabulate_spaced(lines: list[str]) -> list[str]:
    """The lines, with the space-aligned rows of tab-less tables turned into tab-separated rows."""
    # A gap is two spaces or more: the `in` test turns away most lines before the pattern is tried.
    gapped = (x for x in lines if "\t" not in x and "表" not in x and "  " in x)
    if "\t" in "".join(lines) and not any(_GAP.search(x) for x in gapped):
        return lines  # every table has its tabs (the common case): nothing to look at
    out = lines[:]
    titles = [i for i, line in enumerate(lines) if "表" in line and title_key(line)]
    for n, start in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(lines)
        for i in range(start + 1, end):
            if HEADING.match(lines[i]) or _is_prose(lines[i]):
                end = i
                break
        region = range(start + 1, end)
        if any("\t" in lines[i] for i in region):
            continue
        first = next((i for i in region if _is_header(lines[i])), None)
        if first is None:
            first = next((i for i in region if _is_header(lines[i], weak=True)), None)
        if first is None:
            continue
        # Header lines above the first one with two header words: pieces of wrapped labels, group labels.
        while first - 1 > start and _may_head(lines[first - 1]):
            first -= 1
        columns: list[_Column] | None = None
        for a, b in _pages(lines, first, end):
            columns = _rewrite(lines, out, a, b, columns)
    return out


def _is_prose(line: str) -> bool:
    return len(squash(line)) >= 40 and not _GAP.search(line)


def _may_head(line: str) -> bool:
    """A line above a table's header that can belong to it: blank, or words that are no unit, field or sentence."""
    s = line.strip()
    return not s or ("：" not in s and ":" not in s and unit_in(s) is None and not _is_prose(s) and not title_key(s))


def _is_header(line: str, *, weak: bool = False) -> bool:
    """A line of header words; `weak`: one header word among cells set apart by wide gaps will do."""
    if not _GAP.search(line) and (weak or len(squash(line)) > 12):
        return False
    return header_score([squash(c) for c in _CELL.findall(line)]) >= (1 if weak else 2)


def _pages(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The part of the table on each page: a line that starts with a form feed starts a page."""
    cuts = [start] + [i for i in range(start + 1, end) if lines[i].startswith("\f")] + [end]
    return [(a, b) for a, b in pairwise(cuts) if a < b]


# --- cells --------------------------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cells(line: str, wide: bool) -> list[_Cell]:
    """The cells of a line, at character positions (or display positions when `wide`)."""
    out: list[_Cell] = []
    named = False
    for m in _CELL.finditer(line.replace("\f", " ")):
        start = _width(line[: m.start()]) if wide else m.start()
        text = m.group(0)
        for piece, offset in _pieces(text):
            width = _width(piece) if wide else len(piece)
            at = start + (_width(text[:offset]) if wide else offset)
            kind = _kind(piece)
            if kind == "code" and named and len(piece) <= 2:
                kind = "amount"  # a number of one or two digits after the name is an amount, not a 款 or 项
            named = named or kind == "name"
            out.append(_Cell(at, at + width, piece, kind))
    return out


def _pieces(text: str) -> list[tuple[str, int]]:
    """A cell split where two cells ran together: a code glued to its name, 类 | 款 | 项 parts in one cell."""
    m = _GLUED.match(text)
    if m:
        return [(m.group(1), 0), (m.group(2), m.start(2))]
    m = _SPACED_CODE.match(text)
    if m:
        return [(m.group(i), m.start(i)) for i in (1, 2, 3) if m.group(i)]
    return [(text, 0)]


def _kind(text: str) -> str:
    if text == "0":
        return "amount"
    if _CODE.match(text):
        return "code"
    if is_amount(text):
        return "amount"
    return "label" if squash(text) in _CODE_LABELS else "name"


# --- one page of a table ------------------------------------------------------------------------------------------


def _rewrite(lines: list[str], out: list[str], a: int, b: int, before: list[_Column] | None) -> list[_Column] | None:
    """Rewrite lines a..b-1 (one page of one table) in `out`; returns the columns, for a next page that repeats no
    header."""
    numbers = [i for i in range(a, b) if _in_table(lines[i])]
    cells = _measure(lines, numbers)
    data_start = next((i for i in numbers if any(c.kind in ("amount", "code") for c in cells[i])), None)
    if data_start is None:
        return before
    # The header, and the header a page repeats (where the extractor marked no page break).
    header = [i for i in numbers if i < data_start or _only_labels(cells[i]) or _repeats_header(cells[i])]
    data = [i for i in numbers if i not in header]
    _shift_rows([cells[i] for i in data])
    columns = _columns([c for i in data for c in cells[i]], [cells[i] for i in header])
    if not columns:
        return before
    header_rows = _header_rows([cells[i] for i in header], columns)
    rows = _rows(data, cells, columns)
    for i in header:
        out[i] = ""
    for i, row in zip(header, header_rows, strict=False):
        out[i] = "\t".join(row) if any(row) else ""
    for i in data:
        out[i] = ""
    for i, row in rows:
        out[i] = "\t".join(row)
    return columns


def _in_table(line: str) -> bool:
    """Not a blank line, a note, a page number, or the unit line a page repeats over the table."""
    s = line.strip()
    return bool(s) and not _NOT_TABLE.match(s) and unit_in(s) is None


def _repeats_header(cells: list[_Cell]) -> bool:
    return all(c.kind in ("name", "label") for c in cells) and header_score([squash(c.text) for c in cells]) >= 2


def _only_labels(cells: list[_Cell]) -> bool:
    return bool(cells) and all(c.kind == "label" for c in cells)


def _measure(lines: list[str], numbers: list[int]) -> dict[int, list[_Cell]]:
    """The cells of each line, measured so that the amounts of a column line up best.

    `pdftotext -layout` places each word by where it starts and counts a CJK character as one column: a number's
    end then drifts right with its length when digits are narrower than its column width, and a line's cells drift
    with the CJK characters before them. The measure kept (characters or display width, and how much of a number's
    length to take off its end) is the one that gathers the amounts' right edges into the fewest columns."""
    best: tuple[tuple[int, float], float, dict[int, list[_Cell]], list[_Cell]] | None = None
    for wide in (False, True):
        cells = {i: _cells(lines[i], wide) for i in numbers}
        amounts = [c for i in numbers for c in cells[i] if c.kind == "amount"]
        for step in range(10):
            shrink = step / 10
            edges = sorted(c.end - shrink * len(c.text) for c in amounts)
            groups = _clusters(edges)
            score = (len(groups), sum(g[-1] - g[0] for g in groups))
            if best is None or score < best[0]:
                best = (score, shrink, cells, amounts)
    if best is None:
        return {}
    # The cells of the best measure only are kept: a copy of every cell at each better score was most of the work.
    _, shrink, cells, amounts = best
    for c in amounts:
        c.right = c.end - shrink * len(c.text)
    kept = {i: [_Cell(c.start, c.end, c.text, c.kind, c.right) for c in v] for i, v in cells.items()}
    for row in kept.values():
        for c in row:
            c.row = row
    return kept


def _clusters(values: list[float]) -> list[list[float]]:
    """Sorted values in groups no wider than _EDGE (a group never chains on across a whole page)."""
    groups: list[list[float]] = []
    for v in values:
        if groups and v - groups[-1][0] <= _EDGE:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


def _shift_rows(rows: list[list[_Cell]]) -> None:
    """Move the amounts of a row that the extractor shifted as a block (a 合计 row without codes comes out columns
    to the left of the rows above it) onto the columns most rows share."""
    groups = _clusters(sorted(c.right for row in rows for c in row if c.kind == "amount"))
    with_amounts = sum(1 for row in rows if any(c.kind == "amount" for c in row))
    common = [sum(g) / len(g) for g in groups if len(g) >= max(2, with_amounts * 0.2)]
    if not common:
        return
    for row in rows:
        amounts = [c for c in row if c.kind == "amount"]
        if len(amounts) < 2:
            continue  # one amount alone shows no shift of a block

        def cost(shift: float, amounts: list[_Cell] = amounts) -> float:
            return sum(min(abs(c.right + shift - m) for m in common) for c in amounts)

        shifts = {m - c.right for m in common for c in amounts}
        best = min(shifts, key=lambda sh: (cost(sh), abs(sh)))
        if cost(best) + _EDGE < cost(0.0):
            for c in amounts:
                c.start, c.end, c.right = c.start + round(best), c.end + round(best), c.right + best


def _columns(data: list[_Cell], header: list[list[_Cell]]) -> list[_Column]:
    """Amount columns by right edge, code and name columns by left edge; header words over no column add one."""
    columns: list[_Column] = []
    for kind, edge in (("amount", "right"), ("code", "start"), ("name", "start")):
        # A 合计 label is printed centred, or under the codes: it names a row, it makes no column.
        found = sorted((c for c in data if c.kind == kind and not _is_total(c.text)), key=lambda c: getattr(c, edge))
        group: list[_Cell] = []
        for cell in found:
            if group and getattr(cell, edge) - getattr(group[-1], edge) > _EDGE:
                columns.append(_column(kind, group))
                group = []
            group.append(cell)
        if group:
            columns.append(_column(kind, group))
    totals = [c for c in data if c.kind == "name" and _is_total(c.text)]
    if totals and not any(col.kind == "name" for col in columns):
        columns.append(_column("name", totals))  # a page that holds only the 合计 row: its label is its name
    columns = _merged_amounts(_without_overlaps(columns))
    # A column the header names over the amounts but no row fills (every cell blank) is a column too; words over
    # the codes and names ("编码", "项目") are group labels, not columns.
    # Only a label that stands clear of every amount column (a label is often printed a little beside its column),
    # or, where the lowest line of labels names more amount columns than the rows fill, the labels farthest off.
    amount_columns = [col for col in columns if col.kind == "amount"]
    amounts_from = min((col.start for col in amount_columns), default=None)
    if amounts_from is None:
        return sorted(columns, key=lambda col: col.centre)

    def names_amounts(cell: _Cell) -> bool:
        return cell.end > amounts_from and cell.kind != "label" and role_of(squash(cell.text)) is None

    added: list[_Cell] = []
    for cell in (c for line in header for c in line if names_amounts(c)):
        if all(_overlap(cell, col) <= (-2 * _EDGE if col.kind == "amount" else -1) for col in columns):
            added.append(cell)
    lowest = next((line for line in reversed(header) if any(names_amounts(c) for c in line)), [])
    labels = [c for c in lowest if names_amounts(c) and c not in added]
    missing = len(labels) - len(amount_columns)
    if missing > 0:

        def distance(cell: _Cell) -> int:
            return min(-_overlap(cell, col) for col in amount_columns)

        added.extend(sorted(labels, key=distance, reverse=True)[:missing])
    for cell in added:
        columns.append(_Column("amount", cell.start, cell.end, [], right=cell.end))
    columns.sort(key=lambda col: col.centre)
    return columns


def _merged_amounts(columns: list[_Column]) -> list[_Column]:
    """Two amount columns side by side that no row fills both of are one column whose short numbers ("0") the
    extractor placed apart from its long ones."""
    amounts = sorted((c for c in columns if c.kind == "amount"), key=lambda c: c.right)
    merged: list[_Column] = []
    for col in amounts:
        last = merged[-1] if merged else None
        if last is not None and col.right - last.right <= 3 * _EDGE and not _share_a_row(last, col):
            last.cells.extend(col.cells)
            last.start, last.end = min(last.start, col.start), max(last.end, col.end)
            last.right = sum(c.right for c in last.cells) / len(last.cells)
            continue
        merged.append(col)
    return [c for c in columns if c.kind != "amount"] + merged


def _share_a_row(a: _Column, b: _Column) -> bool:
    rows = {id(c.row) for c in a.cells}
    return any(id(c.row) in rows for c in b.cells)


def _is_total(text: str) -> bool:
    return squash(text) in ("合计", "总计", "小计", "总合计")


def _column(kind: str, cells: list[_Cell]) -> _Column:
    column = _Column(kind, min(c.start for c in cells), max(c.end for c in cells), cells)
    if kind == "amount":
        column.right = sum(c.right for c in cells) / len(cells)
    return column


def _without_overlaps(columns: list[_Column]) -> list[_Column]:
    """A name column and a code column that overlap (a code glued into a name) keep the one with more cells."""
    kept: list[_Column] = []
    for col in sorted(columns, key=lambda c: -len(c.cells)):
        if any(_overlap(col, other) > min(col.end - col.start, other.end - other.start) / 2 for other in kept):
            for other in kept:
                if _overlap(col, other) > 0:
                    other.cells.extend(col.cells)
                    break
            continue
        kept.append(col)
    return kept


def _overlap(a, b) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _place(cell: _Cell, columns: list[_Column]) -> int:
    """The column a cell stands in: by its right edge for an amount, its left edge for a code or a name."""
    if cell.kind == "amount":
        candidates = [j for j, col in enumerate(columns) if col.kind == "amount"] or list(range(len(columns)))
        return min(candidates, key=lambda j: abs((columns[j].right or columns[j].end) - cell.right))
    if _is_total(cell.text):
        names = [j for j, col in enumerate(columns) if col.kind == "name"]
        if names:
            return min(names, key=lambda j: abs(columns[j].start - cell.start))
    overlapping = [j for j, col in enumerate(columns) if _overlap(cell, col) > 0]
    if overlapping:
        return max(overlapping, key=lambda j: (columns[j].kind == cell.kind, _overlap(cell, columns[j])))
    return min(range(len(columns)), key=lambda j: abs(columns[j].centre - (cell.start + cell.end) / 2))


# --- header -------------------------------------------------------------------------------------------------------


def _header_rows(lines: list[list[_Cell]], columns: list[_Column]) -> list[list[str]]:
    """The header lines as rows of labels, each label in its column (a label over several columns in the first of
    them); the pieces of a label wrapped over several lines are joined on the line of its first piece."""
    rows: list[list[str]] = []
    groups: set[tuple[int, int]] = set()  # (row, column) of labels over several columns
    for r, cells in enumerate(lines):
        row = [""] * len(columns)
        last = -1
        for cell in sorted(cells, key=lambda c: c.start):
            under = [j for j, col in enumerate(columns) if cell.start <= col.centre <= cell.end]
            j = under[0] if under else _place(cell, columns)
            if j <= last and last + 1 < len(columns):
                j = last + 1  # two labels of one line never share a column: the later one takes the next
            row[j] += squash(cell.text)
            last = max(last, j)
            if len(under) >= 2 or cell.kind == "label":
                groups.add((r, j))
        rows.append(row)
    for j in range(len(columns)):
        above: tuple[int, str] | None = None  # the row and text of an unfinished label over this column
        for r, row in enumerate(rows):
            if not row[j]:
                continue
            if above is not None:
                joined = above[1] + row[j]
                rows[above[0]][j], row[j] = joined, ""
                above = None if _complete(joined) else (above[0], joined)
            elif not _complete(row[j]):
                above = (r, row[j])
    # One printed row of headers: a label centred in a tall cell comes out lines above its neighbours. Each column's
    # own label moves down to the lowest line of column labels, where that line leaves its column free.
    leaf = max((r for r, row in enumerate(rows) for j, c in enumerate(row) if c and (r, j) not in groups), default=None)
    if leaf is not None:
        for r in range(leaf):
            for j, label in enumerate(rows[r]):
                if label and (r, j) not in groups and not rows[leaf][j]:
                    rows[leaf][j], rows[r][j] = label, ""
    return rows


_LABEL_ENDS = (
    "收入", "支出", "经费", "费", "数", "计", "名称", "编码", "项目", "科目", "金额", "结余", "预算", "决算",
    "类", "款", "项",
)  # fmt: skip


def _complete(label: str) -> bool:
    """Whether a header label is a word of its own ("合计", "财政拨款收入"), not the first piece of a wrapped one
    ("本年收入合" over "计")."""
    return label.endswith(_LABEL_ENDS) or amount_key(label) is not None or role_of(label) is not None


# --- rows ---------------------------------------------------------------------------------------------------------


def _rows(data: list[int], cells: dict[int, list[_Cell]], columns: list[_Column]) -> list[tuple[int, list[str]]]:
    """Each row of the page, on the line of its code or label, with the amounts and name pieces printed around it."""
    coded = any(col.kind == "code" for col in columns)
    placed = {i: [(c, _place(c, columns)) for c in cells[i]] for i in data}

    def is_anchor(i: int) -> bool:
        kinds = {c.kind for c in cells[i]}
        if "code" in kinds or any(w in squash(c.text) for c in cells[i] for w in _TOTAL_WORDS):
            return True
        return not coded and "name" in kinds

    anchors = [i for i in data if is_anchor(i)]
    if not anchors:
        anchors = [i for i in data if any(c.kind == "amount" for c in cells[i])]
    rank = {i: n for n, i in enumerate(data)}  # distance counts the lines of the table, not blank ones
    rows: dict[int, list[list[str]]] = {i: [[] for _ in columns] for i in anchors}
    for i in anchors:
        for cell, j in placed[i]:
            rows[i][j].append(cell.text)
    for group in _loose_groups(data, anchors, rank):
        target = _target(group, anchors, placed, rows, rank)
        if target is None:
            continue
        for i in group:
            for cell, j in placed[i]:
                if i < target:
                    rows[target][j].insert(len([x for x in group if x < i]), cell.text)
                else:
                    rows[target][j].append(cell.text)
    return [(i, [_joined(pieces) for pieces in rows[i]]) for i in anchors]


def _loose_groups(data: list[int], anchors: list[int], rank: dict[int, int]) -> list[list[int]]:
    """Runs of lines that are no row of their own (loose amounts, or the pieces of a wrapped name), one run per
    kind: the lines of one cell printed over several lines."""
    groups: list[list[int]] = []
    is_anchor = set(anchors)
    for i in data:
        if i in is_anchor:
            continue
        if groups and rank[i] == rank[groups[-1][-1]] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _target(group: list[int], anchors: list[int], placed: dict, rows: dict, rank: dict[int, int]) -> int | None:
    """The row a run of loose lines belongs to: the row next to it whose cells in those columns are empty (the row
    above first for a name, the row below first for amounts: a centred cell is printed over its neighbours);
    failing that, a name continues the name of the row above."""
    columns = {j for i in group for _, j in placed[i]}
    names = all(cell.kind == "name" for i in group for cell, _ in placed[i])
    above = [a for a in anchors if a < group[0] and rank[group[0]] - rank[a] <= _REACH]
    below = [a for a in anchors if a > group[-1] and rank[a] - rank[group[-1]] <= _REACH]
    near = [above[-1]] if above else []
    near = [*near, below[0]] if below else near
    if not names:
        near.sort(key=lambda a: (abs(rank[a] - rank[group[0]]), a < group[0]))
    for a in near:
        if all(not rows[a][j] for j in columns):
            return a
    if names and above:
        return above[-1]
    return None


def _joined(pieces: list[str]) -> str:
    """A cell's pieces as one: a wrapped name continues without a space; two amounts stay apart."""
    if len(pieces) > 1 and all(is_amount(p) for p in pieces):
        return " ".join(pieces)
    return "".join(pieces)
