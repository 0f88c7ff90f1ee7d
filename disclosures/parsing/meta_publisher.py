"""Who published a disclosure, for any department: the body its cover and its table headers name.

A disclosure names its publisher in labelled fields ("预算主管部门：…", "编制部门：…", "编制单位：…",
"单位名称：…") and on its cover ("上海市普陀区财政局" over "2024年度部门决算", or "…2024年部门预算公开"). A name
is read whole, up to the end of its field or line, and must end like the name of a public body (局, 委员会, 中心, …).
"""

from __future__ import annotations

import re
from collections import Counter

# Fields of the unit itself first: a unit's own budget names its supervising department as 主管部门.
_FIELD_RANK = {
    "编制单位": 0,
    "单位名称": 0,
    "填报单位": 0,
    "公开单位": 0,
    "预算单位": 0,
    "单位": 1,
    "编制部门": 1,
    "部门名称": 1,
    "部门": 2,
    "预算主管部门": 3,
    "主管部门": 3,
}
_FIELD = re.compile(
    r"(?:^|[\s\t])(?:[一二三四五六七八九十\d]+[、.．]\s*)?("
    + "|".join(sorted(_FIELD_RANK, key=len, reverse=True))
    + r")\s*[：:]\s*([^\s：:，,。；;]{2,60})"
)
# How the name of a public body ends.
BODY_END = (
    r"(?:局|委员会|委|办公室|办事处|办|中心|机构|院|所|站|队|厅|部|处|会|馆|社|团|政府|公司|学校|医院|幼儿园|监狱"
    r"|街道|镇|乡|场|台|署|室)"
)
_BODY_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}?" + BODY_END + r"(?:[（(]本级[)）])?$")
_STAMP = re.compile(r"[（(](?:公章|盖章|签章|章)[)）]$")
# A cover title: the body's name, then the year and what the document is.
_TITLE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分\s*)?([\u4e00-\u9fff（）()]{2,40}?" + BODY_END + r")\s*(?:20\d{2}\s*年度?)?\s*"
    r"(?:[区县市]级|本级)?\s*(?:部门|单位)?\s*(?:综合)?\s*(?:预算|决算)"
)
# Words that stand for a name not filled in (a template): "XX局", "××县医疗保障局", "***单位".
PLACEHOLDER = re.compile(r"X{2,}|x{2,}|×{2,}|＊{2,}|\*{2,}|某某|○○|〇〇|XX|ＸＸ")
# A character every placeholder has: a line without one is turned away by a scan for one character class, where
# PLACEHOLDER's alternatives are each tried at every position of the line.
_PLACEHOLDER_CHARS = re.compile(r"[Xx×＊*某○〇Ｘ]")
# "县医疗保障局", "本局", "本单位": a body named by its level or as "this", not by its name (本溪县 is a name).
_GENERIC = re.compile(r"^[县区市省州旗乡镇本我该](?:医疗|医保|局|单位|部门|机关|中心|委|办|政府)")
_COVER_LINES = 12
_SENTENCE = re.compile(r"[，,。；;：:！？]")  # the cover is the first lines of the text
MEDICAL_BODY = re.compile(
    r"医疗保障(?:局|事务中心|服务中心|经办中心|中心|管理中心)|医保局|医保(?:经办|服务|事务)(?:机构|中心|服务中心)"
    r"|医疗保险(?:经办|事业管理|管理|服务|结算)?(?:机构|中心|服务中心|局|处)"
)


def is_medical_security_body(name: str) -> bool:
    """A medical-security bureau or its insurance agency (医疗保障局, 医保经办中心, 医疗保险服务中心, …)."""
    return bool(MEDICAL_BODY.search(name))


def body_name(text: str) -> str | None:
    """The text as a body's name when it is one ("上海市普陀区司法局（公章）" -> "上海市普陀区司法局")."""
    name = _STAMP.sub("", "".join(text.split()))
    if _GENERIC.match(name) or not _BODY_NAME.match(name) or PLACEHOLDER.search(name):
        return None
    return name


def labelled_publisher(cleaned: list[str]) -> tuple[str, int, int] | None:
    """(name, line, rank of its field) of the body the labelled fields name: the unit's own field first, then the
    most named."""
    votes: Counter[str] = Counter()
    rank: dict[str, int] = {}
    first: dict[str, int] = {}
    for number, text in enumerate(cleaned, start=1):
        if "：" not in text and ":" not in text:
            continue
        for m in _FIELD.finditer(text):
            name = body_name(m.group(2))
            if name is None:
                continue
            votes[name] += 1
            rank[name] = min(rank.get(name, 9), _FIELD_RANK[m.group(1)])
            first.setdefault(name, number)
    if not votes:
        return None
    best = min(votes, key=lambda n: (rank[n], -votes[n], first[n]))
    return best, first[best], rank[best]


def cover_publisher(cleaned: list[str]) -> tuple[str, int, int] | None:
    """(name, line) of the body the cover names: a title "X2024年度部门决算", or a line of the name alone over one
    that says what the document is."""
    shown = [(n, t) for n, t in enumerate(cleaned, start=1) if t][:_COVER_LINES]
    for i, (number, text) in enumerate(shown):
        squashed = "".join(text.split())
        if _SENTENCE.search(squashed) or len(squashed) > 60:
            continue  # a sentence ("和…局2023年部门预算相比，…") is no cover title
        m = _TITLE.match(squashed)
        if m and (name := body_name(m.group(1))):
            return name, number, 0
        name = body_name(squashed)
        following = "".join(shown[i + 1][1].split()) if i + 1 < len(shown) else ""
        if name and re.search(r"(?:预算|决算)", following) and len(following) < 40:
            return name, number, 0
    return None


def placeholder_names(cleaned: list[str]) -> list[tuple[str, int]]:
    """(name, line) of each body a short line names by a placeholder ("上海市XX局", "××县医疗保障局")."""
    found = []
    for number, text in enumerate(cleaned, start=1):
        if not _PLACEHOLDER_CHARS.search(text) or not PLACEHOLDER.search(text):
            continue
        squashed = "".join(text.split())
        if len(squashed) > 80:
            continue
        for m in _PLACEHOLDER_NAME.finditer(squashed):
            found.append((_PLACE_TAIL.search(squashed[: m.start()]).group(0) + m.group(0), number))
    return found


_PLACEHOLDER_NAME = re.compile(
    r"(?:X{2,}|x{2,}|×{2,}|＊{2,}|\*{2,}|某某|○○|〇〇|ＸＸ)[\u4e00-\u9fff]{0,8}?(?:局|委员会|中心|办公室|办事处|院|所|部|厅)"
)
# The place before a placeholder: "上海市" of "第一部分上海市XX局概况".
_PLACE_TAIL = re.compile(
    r"(?:[\u4e00-\u9fff]{1,4}(?:省|自治区))?(?:[\u4e00-\u9fff]{1,4}(?:市|州|盟))?(?:[\u4e00-\u9fff]{1,4}(?:区|县|旗))?$"
)


_HEADING_FIELDS = ("编制部门", "预算主管部门", "主管部门", "编制单位", "填报单位")


def heading_bodies(cleaned: list[str]) -> list[tuple[str, int]]:
    """(name, line) of each body a document title or a table's 编制部门/编制单位 field names: where a document
    copied from another department keeps the other's name."""
    found: list[tuple[str, int]] = []
    for number, text in enumerate(cleaned, start=1):
        if len(text) > 400:
            continue  # prose: no title, and no field line is this long even with the spaces of a layout
        # Only the heading fields are read here: a line naming none of them (nor 算, which ends a title) is spared
        # the squashing and the patterns, as most lines are.
        has_field = ("：" in text or ":" in text) and any(field in text for field in _HEADING_FIELDS)
        if not has_field and "算" not in text:
            continue
        squashed = "".join(text.split())
        if len(squashed) > 80:
            continue
        # _TITLE ends with 预算 or 决算: a line without 算 is no title, and is not tried at each of its positions.
        m = _TITLE.match(squashed) if "算" in squashed else None
        if m and (name := body_name(m.group(1))) and _PLACED.match(name):
            found.append((name, number))
        if has_field:
            for f in _FIELD.finditer(text):
                if f.group(1) in _HEADING_FIELDS and (name := body_name(f.group(2))) and _PLACED.match(name):
                    found.append((name, number))
    return found


# A body's full name starts with its place ("上海市普陀区…", "中共上海市普陀区委…"); words that only end like a
# body ("单位内部", "资金总额政府") are no name.
_PLACED = re.compile(r"^(?:中共|中国共产党)?[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|县|区|州|旗|盟)")
