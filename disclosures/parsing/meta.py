"""What a document is: publisher, fiscal year, kind, scope, unit, title and budget code, each with its source line.

Every field comes from the text; a field the text does not tell stays None (the importer asks the user for it).
"""

from __future__ import annotations

import re
from collections import Counter

from disclosures.vocabulary import UNIT_LABEL

from .divisions import place_tail
from .meta_publisher import cover_publisher, labelled_publisher
from .types import DocumentMeta, Kind, Scope

# The bureau or its insurance agency. Subordinate units (事务中心, 生育保险中心) are not publishers of these documents.
_SUFFIX = (
    r"(?:医疗保障局|医疗保险经办(?:机构|中心|服务中心)|医保经办(?:机构|中心|服务中心)"
    r"|医疗保险(?:服务|管理)?中心|医疗保障(?:服务|经办)中心)"
)
# A mention is 2 to 24 CJK characters, then the suffix: r"([\u4e00-\u9fff]{2,24}?)(" + _SUFFIX + ")", read left to
# right. _name_mentions finds the same mentions from the suffixes, without trying that pattern at every character.
_SUFFIX_AT = re.compile(_SUFFIX)
_CJK_RUN_END = re.compile(r"[\u4e00-\u9fff]{1,24}$")
_SUFFIX_END = re.compile(_SUFFIX + "$")
# A name is a region (…省/市/县/区/旗/州) then the suffix; words a sentence puts in front of it are not part of it.
_REGION_START = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(?:省|自治区)?[\u4e00-\u9fff]{0,10}?(?:市|州|盟|地区)?[\u4e00-\u9fff]{0,10}?(?:县|区|市|旗)$"
)
_LEADING_WORDS = re.compile(
    r"^(?:现将|根据|按照|其中|形成|对于|对|由|经|与|和|及|为|是|系|向|在|将|本|我|附件|部门|单位名称|单位|关于|是指|包括)+"
)

# "2023 年部门预算", "2022年度部门决算", "2023年单位综合预算": the year the document is about, and its kind and scope.
_DOC_YEAR = re.compile(
    r"(?<!\d)(20\d{2})\s*年\s*度?\s*(?:[区县市省州]级|本级)?\s*(部门|单位)?\s*(?:综合)?\s*(预算|决算)"
)
# "比2023年预算减少", "与2023年决算相比": a year the document compares itself with.
_COMPARED = re.compile(r"(?:比|较|与|同|对比|相比|比较)\s*$")
# "预算年度：2023", also broken over lines by the extractor ("预算年  \n度：2023").
# Without a year (cut off, or printed as an image): "部门预算公开", "单位综合预算公开报表" in a title still tell.
_DOC_KIND = re.compile(r"(部门|单位)\s*(?:综合)?\s*(预算|决算)")
_TABLE_YEAR = re.compile(r"(预算|决算)年\s*度\s*[：:]\s*(20\d{2})")
# "单位：元", "金额单位：万元" on a line or cell of its own; not "价值（金额单位：万元）" in one column's header.
_UNIT = re.compile(r"(?<![（(额])(?:金额)?" + UNIT_LABEL)
_PROSE_AMOUNT = re.compile(r"\d(?:\.\d+)?\s*(万元|元)")
_TITLE_WORDS = re.compile(r"(预算|决算).{0,12}(公开|说明|报告|目录)")
_AGENCY_WORD = re.compile(r"(?:服务中心|中心|机构)$")
_PART_NUMBER = re.compile(r"^第[一二三四五六七八九十\d]+部分\s*")
# A region's name holds no unit word: in "事务中心是仙桃市医疗保障局" the name starts after the other unit's 中心.
_OTHER_UNIT = re.compile(r"^.*(?:局|中心|机构)")
# A 事务中心 is usually a sub-unit of the bureau (named in its text, not publishing), but where a title line begins
# with its name ("仙桃市医疗保障事务中心2024年单位预算公开") it is the unit whose budget this is: the publisher.
_SUBUNIT_TITLE = re.compile(r"^([\u4e00-\u9fff]{2,16}?)((?:医疗保障|医疗保险|医保)事务(?:服务)?中心)")


def read_meta(lines: list[str], *, cleaned: list[str]) -> DocumentMeta:
    """`cleaned` is clean_prose of each line (parse_disclosure cleans them once for all readers)."""
    meta = DocumentMeta()
    _read_publisher(cleaned, meta)
    _read_year_kind_scope(lines, cleaned, meta)
    _read_unit(cleaned, meta)
    _read_title(cleaned, meta)
    _read_budget_code(cleaned, meta)
    return meta


def _name_candidates(cleaned: list[str]) -> list[tuple[str, int]]:
    """(name, line) for every mention of a bureau or agency name, with sentence words in front trimmed off."""
    found: list[tuple[str, int]] = []
    for number, text in enumerate(cleaned, start=1):
        if "医" not in text:
            continue
        for run, suffix in _name_mentions(text):
            run = _OTHER_UNIT.sub("", run)
            # The name is the chain of division names that ends the run ("现将漯河市郾城区"): read by the names, so a
            # county whose name begins like a sentence word (和平县, 本溪县, 将乐县) is never cut. A place not in the
            # national list falls back to dropping the words sentences put in front of a name.
            region = place_tail(run) or _LEADING_WORDS.sub("", run)
            if len(region) < 2 or not _REGION_START.search(region):
                continue
            found.append((region + suffix, number))
    return found


def _name_mentions(text: str) -> list[tuple[str, str]]:
    """(the CJK run of up to 24 characters before the suffix, the suffix) for each mention in the line.

    A suffix is a mention when at least 2 CJK characters stand before it and it starts 2 or more characters after
    the end of the previous mention: as the mention pattern, read left to right, would find them."""
    mentions: list[tuple[str, str]] = []
    end = 0
    for m in _SUFFIX_AT.finditer(text):  # suffixes cannot overlap: each starts with 医 and has no other
        run = _CJK_RUN_END.search(text[max(0, m.start() - 24) : m.start()])
        if run is None or len(run.group(0)) < 2 or m.start() - end < 2:
            continue
        mentions.append((run.group(0), m.group(0)))
        end = m.end()
    return mentions


def _stem(name: str) -> str:
    """经办机构 and 经办中心 name the same agency."""
    return _AGENCY_WORD.sub("", name)


def _titled_subunit(cleaned: list[str]) -> tuple[str, int] | None:
    """(name, line) of a 事务中心 that a title line names as the unit whose budget or accounts this is."""
    for number, text in enumerate(cleaned, start=1):
        if "事务" not in text or len(text) >= 80 or "....." in text or not _TITLE_WORDS.search(text):
            continue
        m = _SUBUNIT_TITLE.match(_PART_NUMBER.sub("", text).lstrip("#* "))
        if m and _REGION_START.search(m.group(1)) and _DOC_KIND.search(text):
            return m.group(1) + m.group(2), number
    return None


def _read_publisher(cleaned: list[str], meta: DocumentMeta) -> None:
    """The body the labelled fields or the cover name (any department); else the medical bureau the text names most."""
    titled = _titled_subunit(cleaned)
    if titled:
        meta.publisher, meta.lines["publisher"] = titled
        return
    labelled = labelled_publisher(cleaned)
    cover = cover_publisher(cleaned)
    mentioned = _mentioned_publisher(cleaned)
    chosen = next(
        (c for c in (labelled if labelled and labelled[2] <= 2 else None, cover, labelled, mentioned) if c), None
    )
    if chosen is None:
        return
    meta.publisher, meta.lines["publisher"] = chosen[0], chosen[1]
    if mentioned and mentioned[0] == meta.publisher:
        meta.other_names.extend(mentioned[3])


def _mentioned_publisher(cleaned: list[str]) -> tuple[str, int, int, list[str]] | None:
    """(name, line, rank, other names) of the medical bureau or agency the text names most, titles first."""
    found = _name_candidates(cleaned)
    if not found:
        return None
    # A mention whose run of characters is longer than a shorter name ending it ("形成盐边县医疗保障局") counts for
    # the shorter one: the shortest name most mentions end with is the name itself.
    names = {name for name, _ in found}
    score: Counter[str] = Counter()
    for name, _ in found:
        for other in names:
            if name.endswith(other):
                score[other] += 1
    first_line = {}
    for name, number in found:
        first_line.setdefault(name, number)
    in_title = {
        name for name, number in found if len(cleaned[number - 1]) < 80 and _TITLE_WORDS.search(cleaned[number - 1])
    }
    best = max(score, key=lambda n: (n in in_title, score[n], -first_line[n]))
    region = _SUFFIX_END.sub("", best)
    others = []
    for name in sorted(names, key=lambda n: first_line[n]):
        # Another name of the same agency (经办中心 for 经办机构), not a longer mention of a shorter name.
        same_agency = name != best and name.startswith(region) and _stem(name) == _stem(best)
        if same_agency and not any(name != o and name.endswith(o) for o in names):
            others.append(name)
    return best, first_line[best], 9, others


def _read_year_kind_scope(lines: list[str], cleaned: list[str], meta: DocumentMeta) -> None:
    years: Counter[int] = Counter()
    kinds: Counter[str] = Counter()
    scopes: Counter[str] = Counter()
    first: dict[tuple[str, object], int] = {}
    for number, text in enumerate(cleaned, start=1):
        if "年" not in text or ("预算" not in text and "决算" not in text):  # _DOC_YEAR needs them: skip its scan
            continue
        titled = len(text) < 80 and "....." not in text and bool(_TITLE_WORDS.search(text))
        weight = 3 if titled else 1
        for m in _DOC_YEAR.finditer(text):
            year, scope, kind = int(m.group(1)), m.group(2), m.group(3)
            if not titled and (scope is None or _COMPARED.search(text[max(0, m.start() - 4) : m.start()])):
                continue  # "2023年预算执行数", "比2023年预算减少": another year, spoken of
            years[year] += weight
            first.setdefault(("year", year), number)
            if scope:  # "2022年度预算编制阶段" says nothing about what this document is
                kinds[kind] += weight
                scopes[scope] += weight
                first.setdefault(("kind", kind), number)
                first.setdefault(("scope", scope), number)
    # Table headers print "预算年度：2023", sometimes broken over two lines.
    joined = "\n".join(lines)
    # The line of each match: the line breaks counted on from the previous match, not from the start each time.
    counted, line = 0, 1
    for m in _TABLE_YEAR.finditer(joined):
        year = int(m.group(2))
        years[year] += 1
        line += joined.count("\n", counted, m.start())
        counted = m.start()
        first.setdefault(("year", year), line)
    if years:
        year = max(years, key=lambda y: (years[y], -first[("year", y)]))
        meta.year = year
        meta.lines["year"] = first[("year", year)]
    if not kinds:
        for number, text in enumerate(cleaned, start=1):
            if len(text) < 80 and "....." not in text and _TITLE_WORDS.search(text):
                for m in _DOC_KIND.finditer(text):
                    scopes[m.group(1)] += 1
                    kinds[m.group(2)] += 1
                    first.setdefault(("kind", m.group(2)), number)
                    first.setdefault(("scope", m.group(1)), number)
    if kinds:
        kind = max(kinds, key=lambda k: (kinds[k], -first[("kind", k)]))
        meta.kind = Kind.FINAL if kind == "决算" else Kind.BUDGET
        meta.lines["kind"] = first[("kind", kind)]
    if scopes:
        scope = max(scopes, key=lambda s: (scopes[s], -first[("scope", s)]))
        meta.scope = Scope.UNIT if scope == "单位" else Scope.DEPARTMENT
        meta.lines["scope"] = first[("scope", scope)]


def _read_unit(cleaned: list[str], meta: DocumentMeta) -> None:
    """The unit most tables print ("单位：元"); without tables, the unit the prose writes amounts in."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    prose: Counter[str] = Counter()
    prose_first: dict[str, int] = {}
    for number, text in enumerate(cleaned, start=1):
        if "元" not in text:  # a cheap test spares most lines the regexes
            continue
        if "单位" in text:
            for m in _UNIT.finditer(text):
                votes[m.group(1)] += 1
                first.setdefault(m.group(1), number)
        if "\t" not in text:
            for m in _PROSE_AMOUNT.finditer(text):
                prose[m.group(1)] += 1
                prose_first.setdefault(m.group(1), number)
    if prose:
        meta.prose_unit = max(prose, key=lambda u: (prose[u], -prose_first[u]))
    if not votes:
        votes, first = prose, prose_first
    if votes:
        unit = max(votes, key=lambda u: (votes[u], -first[u]))
        meta.unit = unit
        meta.lines["unit"] = first[unit]


def _read_title(cleaned: list[str], meta: DocumentMeta) -> None:
    """The first heading-like line naming the year and 预算/决算; joined with a line above that is only the name."""
    fallback: tuple[str, int] | None = None
    previous = ""
    names = [meta.publisher, *meta.other_names] if meta.publisher else []
    for number, text in enumerate(cleaned, start=1):
        if not text:
            continue
        titled = len(text) < 80 and "....." not in text and "\t" not in text and _TITLE_WORDS.search(text)
        if titled and (meta.year is None or str(meta.year) in text):
            if any(n in text for n in names):
                meta.title, meta.lines["title"] = text, number
                return
            if previous in names:
                meta.title, meta.lines["title"] = f"{previous} {text}", number - 1
                return
            if fallback is None:
                fallback = (text, number)
        previous = text
    if fallback:
        meta.title, meta.lines["title"] = _PART_NUMBER.sub("", fallback[0]), fallback[1]


def _read_budget_code(cleaned: list[str], meta: DocumentMeta) -> None:
    """The number tables print before the unit's name: "450 顺平县医疗保障局", "353002\t镇安县医疗保险经办中心"."""
    if not meta.publisher:
        return
    names = [meta.publisher, *meta.other_names]
    for number, text in enumerate(cleaned, start=1):
        if not any(map(text.__contains__, names)):  # a code needs a name after it: most lines are spared the scan
            continue
        code = _code_before_name(text, names)
        if code:
            meta.budget_code = code
            meta.lines["budget_code"] = number
            return


# A budget code: 3 to 6 digits at the start of the line or after a space or *, then spaces (a name follows).
_CODE_THEN_SPACE = re.compile(r"(?<![^\s*])(\d{3,6})[ \t\u3000]+")


def _code_before_name(text: str, names: list[str]) -> str | None:
    r"""The first code followed by one of the names, the name ending the line or followed by a space or "（":
    what r"(?:^|[\s*])(\d{3,6})[ \t\u3000]+(?:name|…)(?:[\s（(]|$)" finds, without compiling a pattern of each
    document's names (most are seen once)."""
    for m in _CODE_THEN_SPACE.finditer(text):
        # Any of the spaces may end the run before the name, as the pattern would try by backtracking.
        for at in range(m.end(1) + 1, m.end() + 1):
            for name in names:
                end = at + len(name)
                if text.startswith(name, at) and (end == len(text) or text[end].isspace() or text[end] in "（("):
                    return m.group(1)
    return None
