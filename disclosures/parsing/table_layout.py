"""Which column of a table holds what, told from its header rows.

Header rows come out of the PDF extractor with merged cells flattened: a group header ("基本支出") sits over the
first of the columns it spans and the rest of its span is empty; a lower header row is sometimes compacted to the
left (empty cells dropped). The rules here read the labels per column position and fall back gracefully.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from disclosures.vocabulary import UNIT_IN_PARENTHESES

from .text import strip_tags
from .types import COLUMN_KEYS

_SYNONYMS = {
    "合计": "total",
    "总计": "total",
    "预算数": "total",
    "决算数": "total",
    "金额": "total",
    "项目金额": "total",
    "预算金额": "total",
    "资金总额": "total",
    "人员经费支出": "personnel",
    "公用经费支出": "public",
    "日常公用经费": "public",
    "专项业务经费支出": "project",
    "专项业务经费": "project",
    # The national final-accounts template heads its total column so.
    "本年支出合计": "total",
    "本年收入合计": "total",
    "支出合计": "total",
    "收入合计": "total",
    "决算金额": "total",
}
_SUBTOTAL = {"小计"}
_CLASSIFICATION = re.compile(r"(?:支出|收入|部门|政府|部门预算|政府预算)?(?:功能|经济)分类")
_CODE_PARTS = {"类", "款", "项"}
_IGNORE = re.compile(r"备注|简介|说明|依据|内容|计量单位|规格|目录|时间|数量|单价|指标")
# A header word is in the cell, or the cell is one of the short header words. Two patterns, because the anchored
# words in one alternation keep the regex engine from skipping quickly to where a word may start.
_HEADER_WORD = re.compile(
    r"编码|代码|名称|合计|总计|小计|金额|预算数|决算数|序号|栏次|基本支出|项目支出|人员经费|公用经费"
    r"|科目|数量|价值|类型|经费"
)
_HEADER_CELL = re.compile(r"^(?:项目|类|款|项|收入|支出)$")


def squash(cell: str) -> str:
    if "<" in cell or "*" in cell:
        cell = strip_tags(cell)
    return "".join(cell.split())


# "本年预算数", "全年决算数", "年初预算数": the amount of one year's budget or accounts; where several stand side by
# side, the layout keeps the key for this year's 决算 (or 本年 预算) and names the others by their label.
_YEAR_AMOUNT = re.compile(r"^(?:本年|全年|年初|上年|当年)?(?:预算|决算)数?$")


def amount_key(label: str) -> str | None:
    """The shared column key of a header label, or None when the label keeps its own text."""
    key = COLUMN_KEYS.get(label) or _SYNONYMS.get(label)
    if key is None and ("预算" in label or "决算" in label) and _YEAR_AMOUNT.match(label):
        return "total"
    return key


def header_score(cells: list[str]) -> int:
    return sum(1 for c in cells if c and (_HEADER_WORD.search(c) or _HEADER_CELL.match(c)))


def is_header_row(cells: list[str]) -> bool:
    """header_score(cells) >= 2, told at the second header word rather than after every cell."""
    found = 0
    for c in cells:
        if c and (_HEADER_WORD.search(c) or _HEADER_CELL.match(c)):
            found += 1
            if found == 2:
                return True
    return False


def is_column_number_row(cells: Sequence[str]) -> bool:
    """'栏次 1 2 3 4': numbers the columns, carries nothing."""
    return numbers_columns([c for c in cells if c])


def numbers_columns(filled: Sequence[str]) -> bool:
    """is_column_number_row of the filled cells alone (a row's signature): no empty cell to drop first."""
    if not filled:
        return False
    if filled[0] in {"栏次", "档次", "栏号"}:
        return True
    # Asked of every row: the last cell of nearly all of them (an amount, a name) is no short number, and ends it.
    last = filled[-1]
    if len(filled) < 3 or len(last) > 2 or not last.isdigit():
        return False
    return all(c.isdigit() and len(c) <= 2 for c in filled) and list(filled) == sorted(filled, key=int)


def role_of(label: str) -> str | None:
    if label in {"序号", "栏次", "行次"}:
        return "seq"
    if label in _CODE_PARTS:
        return "code_part"
    if "编码" in label or "代码" in label:
        if "单位" in label or "项目" in label:
            return "unit_code"
        return "code"
    if label == "类型" or (label.startswith("项目") and label.endswith(("类型", "分类", "类别"))):
        return "type"
    if _CLASSIFICATION.fullmatch(label):
        return "code"  # "经济分类" over "科目编码" over 类 | 款: the classification the codes belong to
    if "名称" in label or label in {"项目", "科目"} or ("科目" in label and "编码" not in label):
        return "name"
    if (_IGNORE.search(label) or label.endswith("单位")) and amount_key(label) is None:
        return "ignore"
    return None


@dataclass
class Section:
    """One name column and the amount columns printed to its right (a 收支总表 has several side by side)."""

    name: int
    label: str = ""
    amounts: list[tuple[int, str]] = field(default_factory=list)  # (position, column key)
    # A block printed beside another with its own code column (人员经费 | 公用经费 side by side): its codes, and
    # the column key ("personnel"/"public") its amounts also count for.
    code: list[int] = field(default_factory=list)
    block: str = ""


@dataclass
class Layout:
    width: int
    seq: int | None = None
    code: list[int] = field(default_factory=list)  # one column, or the 类/款/项 columns in order
    unit_code: int | None = None
    type: int | None = None
    sections: list[Section] = field(default_factory=list)

    @property
    def name(self) -> int | None:
        return self.sections[0].name if self.sections else None

    def amount_positions(self) -> set[int]:
        return {p for s in self.sections for p, _ in s.amounts}

    @property
    def columns(self) -> list[str]:
        keys: list[str] = []
        for s in self.sections:
            for _, k in s.amounts:
                if k not in keys:
                    keys.append(k)
        return keys


def _header_label(cell: str) -> str:
    label = squash(cell)
    return UNIT_IN_PARENTHESES.sub("", label) if "元" in label else label  # every unit note has 元 in it


Claim = tuple[str, int, str]  # (column key, header row of the label it came from, label text)


class _Header:
    """The header rows of a table as labels per column position, and what each position holds."""

    def __init__(self, headers: Sequence[Sequence[str]], width: int) -> None:
        rows = [[_header_label(c) for c in r] + [""] * (width - len(r)) for r in headers if not is_column_number_row(r)]
        self.rows = [r[:width] for r in rows if any(r)]
        self.width = max([width] + [len(r) for r in self.rows])
        self.own: list[list[tuple[int, str]]] = [[] for _ in range(self.width)]
        for ri, r in enumerate(self.rows):
            for p, c in enumerate(r):
                if c:
                    self.own[p].append((ri, c))
        self._label_roles: dict[str, str | None] = {}  # a label is asked about several times
        self.roles = [self._role(p) for p in range(self.width)]
        self.orphans = self._take_misplaced()

    def label_role(self, label: str) -> str | None:
        if label not in self._label_roles:
            self._label_roles[label] = role_of(label)
        return self._label_roles[label]

    def _role(self, p: int) -> str | None:
        found = [self.label_role(t) for _, t in self.own[p]]
        for wanted in ("seq", "code_part", "unit_code", "code", "type", "name", "ignore"):
            if wanted in found:
                return wanted
        return None

    def _take_misplaced(self) -> list[str]:
        """A header row compacted to the left puts amount labels over code/name columns: its amount labels are
        orphans, handed out later to the columns that a group header spans."""
        orphans: list[str] = []
        for ri, r in enumerate(self.rows):
            misplaced = any(
                c and self.roles[p] in {"code", "code_part", "unit_code", "name", "seq"} and self.label_role(c) is None
                for p, c in enumerate(r)
            )
            if not misplaced:
                continue
            for p, c in enumerate(r):
                if c and self.label_role(c) is None:
                    orphans.append(c)
                    self.own[p] = [(i, t) for i, t in self.own[p] if i != ri]
        if orphans:  # only a misplaced row changes what the columns own
            self.roles = [self._role(p) for p in range(self.width)]
        return orphans

    def inherited(self, ri: int, p: int) -> str:
        """The label over position p in header row ri, looking left over the empty cells of a merged span."""
        for q in range(p, -1, -1):
            c = self.rows[ri][q] if ri < len(self.rows) else ""
            if c and any(i == ri for i, _ in self.own[q]):
                return c
            if self.roles[q] is not None and q != p:
                return ""
            if any(i < ri for i, _ in self.own[q]):
                return ""  # a group above starts here: a span of this row cannot reach in from its left
        return ""

    def claim(self, p: int) -> Claim:
        """The key an amount position claims: its lowest label that names a key (小计 takes its group's)."""
        labels = sorted(self.own[p], reverse=True)  # lowest header row first
        for ri, text in labels:
            if text in _SUBTOTAL:
                parent = next((self.inherited(up, p) for up in range(ri - 1, -1, -1) if self.inherited(up, p)), "")
                if parent:
                    return (amount_key(parent) or parent, ri, parent)
                continue
            key = amount_key(text)
            if key:
                return (key, ri, text)
        ri, text = labels[0]
        if text in _SUBTOTAL:
            text = "合计"
        return (amount_key(text) or text, ri, text)

    def ancestors(self, q: int, claim: Claim) -> list[str]:
        """The group labels over position q, nearest first, above the row its claim came from."""
        ri, text = claim[1], claim[2]
        found = [self.inherited(up, q) for up in range(ri - 1, -1, -1)]
        return list(dict.fromkeys(t for t in found if t and t != text))


def _prefixes(header: _Header, claims: dict[int, Claim], positions: list[int]) -> dict[int, str]:
    """Each position's group label at the nearest level where the positions' groups differ."""
    chains = {q: header.ancestors(q, claims[q]) for q in positions}
    depth = max(len(c) for c in chains.values())
    for level in range(depth):
        at = {q: (c[level] if level < len(c) else "") for q, c in chains.items()}
        if len(set(at.values())) > 1:
            return at
    return {q: (c[0] if c else "") for q, c in chains.items()}


def _settle_claims(header: _Header, claims: dict[int, Claim]) -> None:
    """Two positions claiming one key: named by their groups, or the claim from the lower (more specific) header
    row keeps it and the other is dropped."""
    by_key: dict[tuple[int, str], list[int]] = {}
    for p, (k, _, _) in claims.items():
        segment = sum(1 for q in range(p) if header.roles[q] == "name")  # 收入 and 支出 sides may both have 合计
        by_key.setdefault((segment, k), []).append(p)
    standard = set(COLUMN_KEYS.values()) | set(_SYNONYMS.values())
    renamed: dict[tuple[int, str], list[int]] = {}
    for (segment, key), positions in by_key.items():
        if len(positions) < 2:
            renamed.setdefault((segment, key), []).extend(positions)
            continue
        groups_of = _prefixes(header, claims, positions)
        ranks = {q: _group_rank(groups_of[q] + claims[q][2]) for q in positions}
        keep = None
        if key in standard and len(set(ranks.values())) > 1:
            # 预算数 | 决算数 (or 上年 | 本年) groups over the same leaves: the 决算 (this year's) group keeps the key,
            # the others are named by their group.
            keep = max(positions, key=lambda q: (ranks[q], claims[q][1], -q))
        elif key in standard:
            renamed.setdefault((segment, key), []).extend(positions)
            continue
        # The same leaf under two groups (本年拨款/一般公共预算, 结转结余/一般公共预算): named by their group.
        for q in positions:
            if q != keep:
                text = claims[q][2] if key in standard else key
                claims[q] = (groups_of[q] + text, claims[q][1], claims[q][2])
            renamed.setdefault((segment, claims[q][0]), []).append(q)
    for positions in renamed.values():
        if len(positions) > 1:
            keep = max(positions, key=lambda q: (claims[q][1], -q))
            for q in positions:
                if q != keep:
                    del claims[q]


def _column_keys(header: _Header, claims: dict[int, Claim]) -> dict[int, str]:
    """Each amount position's key. Positions without a label of their own belong to the labelled column on their
    left (a merged group): they take the orphaned labels when these fill the groups exactly, else numbers."""
    keys: dict[int, str] = {p: k for p, (k, _, _) in claims.items()}
    groups: list[list[int]] = []
    p = 0
    while p < header.width:
        if p in claims:
            q = p + 1
            while q < header.width and header.roles[q] is None and q not in claims:
                q += 1
            if q - p > 1:
                groups.append(list(range(p, q)))
            p = q
        else:
            p += 1
    orphans = list(header.orphans)
    use_orphans = bool(groups) and len(orphans) == sum(len(g) for g in groups)
    for g in groups:
        head_label = claims[g[0]][2]
        for i, q in enumerate(g):
            keys[q] = orphans.pop(0) if use_orphans else f"{head_label}{i + 1}"
    return keys


def _assemble(header: _Header, keys: dict[int, str]) -> Layout:
    layout = Layout(width=header.width)
    block_code: list[int] = []  # a code column that opens another block beside the first
    for p in range(header.width):
        r = header.roles[p]
        if r == "seq" and layout.seq is None:
            layout.seq = p
        elif r in ("code", "code_part") and layout.code and layout.sections and layout.sections[-1].amounts:
            block_code.append(p)  # a code column (or 类 | 款 columns) past the amounts opens a block beside
        elif r == "code_part" or (r == "code" and not layout.code):
            layout.code.append(p)
        elif r == "unit_code" and layout.unit_code is None:
            layout.unit_code = p
        elif r == "type" and layout.type is None:
            layout.type = p
        elif r == "name":
            current = layout.sections[-1] if layout.sections else None
            if current is None or current.amounts:
                labels = [header.inherited(ri, p) for ri in range(len(header.rows))]
                label = "/".join(dict.fromkeys(t for t in labels if t))
                layout.sections.append(Section(name=p, label=label, code=block_code))
                block_code = []
        elif p in keys and layout.sections:
            layout.sections[-1].amounts.append((p, keys[p]))
        # Amounts before any name column (a total row printed left of its label) have nowhere to go.
    if not layout.sections and keys and "name" not in header.roles:
        # A table of amounts alone (a "三公" table: 合计, 因公出国（境）费, … over one row of figures): one section
        # whose name column lies past the last cell, so that its rows read as unnamed totals.
        amounts = [(p, keys[p]) for p in sorted(keys) if header.roles[p] is None]
        layout.sections.append(Section(name=header.width, amounts=amounts))
    return layout


def build_layout(headers: list[list[str]], width: int) -> Layout:
    """The layout the header rows give. Documents of every county print the same national templates, so most
    header rows have been read before: the layout is read once per distinct header and handed out as a copy (the
    caller owns it)."""
    layout = _layout_of(tuple(map(tuple, headers)), width)
    return replace(
        layout,
        code=list(layout.code),
        sections=[replace(s, amounts=list(s.amounts), code=list(s.code)) for s in layout.sections],
    )


@lru_cache(maxsize=1024)
def _layout_of(headers: tuple[tuple[str, ...], ...], width: int) -> Layout:
    header = _Header(headers, width)
    claims = {p: header.claim(p) for p in range(header.width) if header.roles[p] is None and header.own[p]}
    _settle_claims(header, claims)
    layout = _assemble(header, _column_keys(header, claims))
    _mark_blocks(layout, header.rows)
    return layout


def _group_rank(label: str) -> int:
    if "上年" in label:
        return 0
    if "决算" in label or "本年" in label:
        return 2
    return 1 if "预算" in label or "年初" in label else 2


_BLOCKS = (("人员经费", "personnel"), ("公用经费", "public"))


def _mark_blocks(layout: Layout, rows: list[list[str]]) -> None:
    """Blocks side by side, each with its own code column (人员经费 | 公用经费): what each block's amounts count for.
    A block without a group label of its own continues the group on its left (公用经费 spans two blocks)."""
    if len(layout.sections) < 2 or not all(s.code for s in layout.sections[1:]):
        return
    previous = ""
    for i, section in enumerate(layout.sections):
        first = min([*(section.code or layout.code), section.name]) if i else 0
        last = max([section.name, *(p for p, _ in section.amounts)])
        words = "".join(c for r in rows for c in r[first : last + 1])
        block = next((key for word, key in _BLOCKS if word in words), previous)
        section.block = block
        previous = block
