"""Ruled tables from the lines drawn on a PDF page: edges -> intersections -> cells -> tables.

Pure geometry on display coordinates (x to the right, y down, in points). The method is the one pdfplumber (MIT)
uses: snap nearly collinear edges together, join their pieces, take the points where a horizontal and a vertical
edge cross, and close a cell wherever four such points are joined by edges. It is written out here because the
page is read with pdfium, whose characters and paths pdfplumber cannot take.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

SNAP = 3.0  # edges this close on the cross axis are one line (a cell border drawn as a thin filled rectangle)
JOIN = 3.0  # pieces of one line this close along it are one edge
MIN_LENGTH = 3.0  # shorter pieces are the ends of a thin rectangle, not borders
CROSS = 3.0  # an edge that stops this short of another still meets it


@dataclass(frozen=True)
class Edge:
    """A horizontal edge at y from a to b, or a vertical one at x (then a..b runs down the page)."""

    horizontal: bool
    at: float
    a: float
    b: float


@dataclass
class Cell:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""


@dataclass
class Table:
    cells: list[Cell]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    _xs: list[float] = field(default_factory=list)
    _ys: list[float] = field(default_factory=list)
    _slots: dict[tuple[int, int], Cell] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.x0 = min(c.x0 for c in self.cells)
        self.top = min(c.top for c in self.cells)
        self.x1 = max(c.x1 for c in self.cells)
        self.bottom = max(c.bottom for c in self.cells)
        self._xs = sorted({c.x0 for c in self.cells} | {c.x1 for c in self.cells})
        self._ys = sorted({c.top for c in self.cells} | {c.bottom for c in self.cells})
        for cell in self.cells:
            for i in range(self._xs.index(cell.x0), self._xs.index(cell.x1)):
                for j in range(self._ys.index(cell.top), self._ys.index(cell.bottom)):
                    self._slots[(i, j)] = cell

    def cell_at(self, x: float, y: float) -> Cell | None:
        """The cell holding the point, found by bisection over the grid lines rather than by trying every cell."""
        if not (self.x0 <= x <= self.x1 and self.top <= y <= self.bottom):
            return None
        i = min(bisect_right(self._xs, x) - 1, len(self._xs) - 2)
        j = min(bisect_right(self._ys, y) - 1, len(self._ys) - 2)
        return self._slots.get((i, j))

    def rows(self) -> list[tuple[float, list[str]]]:
        """(top, cells) per row, each cell in the column where it starts; a cell spanning several columns or rows
        holds its text in its first column and row, the rest of its span is empty (as a merged header prints)."""
        columns = sorted({c.x0 for c in self.cells})
        by_top: dict[float, list[Cell]] = {}
        for cell in self.cells:
            by_top.setdefault(cell.top, []).append(cell)
        out = []
        for top in sorted(by_top):
            row = [""] * len(columns)
            for cell in by_top[top]:
                row[columns.index(cell.x0)] = cell.text
            out.append((top, row))
        return out


def _snapped(edges: list[Edge]) -> list[Edge]:
    """Edges whose cross-axis positions lie within SNAP of each other moved onto their mean."""
    out: list[Edge] = []
    for horizontal in (True, False):
        group: list[Edge] = []
        for edge in sorted((e for e in edges if e.horizontal is horizontal), key=lambda e: e.at):
            if group and edge.at - group[-1].at > SNAP:
                out.extend(_moved(group))
                group = []
            group.append(edge)
        out.extend(_moved(group))
    return out


def _moved(group: list[Edge]) -> list[Edge]:
    if not group:
        return []
    at = sum(e.at for e in group) / len(group)
    return [Edge(e.horizontal, at, e.a, e.b) for e in group]


def _joined(edges: list[Edge]) -> list[Edge]:
    """Pieces of one line that touch or nearly touch as one edge; pieces too short to be borders dropped."""
    lines: dict[tuple[bool, float], list[Edge]] = {}
    for edge in edges:
        lines.setdefault((edge.horizontal, edge.at), []).append(edge)
    out: list[Edge] = []
    for (horizontal, at), pieces in lines.items():
        pieces.sort(key=lambda e: e.a)
        a, b = pieces[0].a, pieces[0].b
        for piece in pieces[1:]:
            if piece.a <= b + JOIN:
                b = max(b, piece.b)
            else:
                out.append(Edge(horizontal, at, a, b))
                a, b = piece.a, piece.b
        out.append(Edge(horizontal, at, a, b))
    return [e for e in out if e.b - e.a >= MIN_LENGTH]


def find_tables(raw_edges: list[Edge]) -> list[Table]:
    """The ruled tables the edges draw; a box around a single block of text is not a table."""
    edges = _joined(_snapped(raw_edges))
    horizontals = [e for e in edges if e.horizontal]
    verticals = [e for e in edges if not e.horizontal]
    # Each crossing point, with the edges it lies on: two points are joined when they share an edge.
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi, v in enumerate(verticals):
        for hi, h in enumerate(horizontals):
            if h.a - CROSS <= v.at <= h.b + CROSS and v.a - CROSS <= h.at <= v.b + CROSS:
                vs, hs = points.setdefault((v.at, h.at), (set(), set()))
                vs.add(vi)
                hs.add(hi)
    cells = _cells(points)
    return [t for t in _tables(cells) if len(t.cells) >= 2 and len({c.x0 for c in t.cells}) >= 2]


def _cells(points: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[Cell]:
    """For each point, the smallest rectangle to its right and below whose four corners are joined by edges."""
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in points:
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    for ys in by_x.values():
        ys.sort()
    for xs in by_y.values():
        xs.sort()

    def joined_v(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return bool(points[p][0] & points[q][0])

    def joined_h(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return bool(points[p][1] & points[q][1])

    cells: list[Cell] = []
    for x, y in sorted(points, key=lambda p: (p[1], p[0])):
        found = None
        for below_y in (b for b in by_x[x] if b > y):
            if not joined_v((x, y), (x, below_y)):
                continue
            for right_x in (r for r in by_y[y] if r > x):
                if not joined_h((x, y), (right_x, y)):
                    continue
                corner = (right_x, below_y)
                if corner in points and joined_v(corner, (right_x, y)) and joined_h(corner, (x, below_y)):
                    found = Cell(x, y, right_x, below_y)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[Cell]) -> list[Table]:
    """Cells that share a corner belong to one table."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, c in enumerate(cells):
        for corner in ((c.x0, c.top), (c.x1, c.top), (c.x0, c.bottom), (c.x1, c.bottom)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[Cell]] = {}
    for i, c in enumerate(cells):
        groups.setdefault(root(i), []).append(c)
    return sorted((Table(g) for g in groups.values()), key=lambda t: (t.top, t.x0))
