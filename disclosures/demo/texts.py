"""Realistic disclosure texts for any county, made from a sample document: the same tables, prose and layout, the
publisher and places renamed, the years moved, every amount multiplied by one factor, and the insured residents and
per-head subsidy set anew so that they still agree with the 2101202 line.

One factor for every amount keeps every identity of the sample: a total still adds up its rows, a table still agrees
with another, the split of medical assistance by source still adds up (and a disagreement the sample has, such as a
prose total that differs from the table, is kept, scaled). The factor has two decimals, so an amount in 万元 with up
to four decimals stays a whole number of 分 in 元.

Pure functions: no database. The sample is read through the parser once (`template_of`) to learn which lines state
the insured count and the per-head subsidy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from disclosures.parsing import parse_disclosure
from disclosures.parsing.reading import decode_disclosure

# A money amount: a decimal number (thousands separators allowed) not followed by % or a per-unit "元/";
# or a whole number followed by 万元.
_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d+)(?![\d.])(?!\s*%)(?!\s*元\s*/)")
_WHOLE_WAN = re.compile(r"(?<![\d.,])(\d+)(?=\s*万元)")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<![\d.,])(20[0-3]\d)(?![\d.,])(?!\s*万?元)")


@dataclass(frozen=True)
class Template:
    """A sample document and what must change in it."""

    name: str
    text: str
    year: int
    publisher: str
    places: tuple[str, ...]  # names of its county, prefecture and province as the text writes them, longest first
    contribution: Decimal | None  # its 2101202 amount, 元
    insured: tuple[str, ...]  # the insured-residents count(s) as printed
    per_head: tuple[str, ...]  # the per-head subsidy as printed
    per_head_lines: frozenset[int]  # 1-based lines stating it


def template_of(path: Path, *, places: tuple[str, ...]) -> Template:
    text = decode_disclosure(path.read_bytes(), max_bytes=10 * 1024 * 1024)
    result = parse_disclosure(text)
    contribution = next(
        (line.amounts["total"] for line in result.lines if line.code == "2101202" and "total" in line.amounts), None
    )
    insured = {f"{f.value:f}".split(".")[0] for f in result.figures if f.key == "insured_residents"}
    heads = [f for f in result.figures if f.key == "subsidy_per_insured"]
    return Template(
        name=path.name,
        text=text,
        year=result.meta.year,
        publisher=result.meta.publisher,
        places=tuple(sorted(places, key=len, reverse=True)),
        contribution=contribution,
        insured=tuple(sorted(insured)),
        per_head=tuple(sorted({f"{f.value:f}".split(".")[0] for f in heads})),
        per_head_lines=frozenset(f.line for f in heads),
    )


@dataclass(frozen=True)
class County:
    code: str
    name: str  # 顺平县
    prefecture: str  # 保定市 ("" for a county directly under its province)
    province: str  # 河北省


def _scaled(match: re.Match, factor: Decimal) -> str:
    whole, decimals = match.group(1), match.group(2)
    value = Decimal(whole.replace(",", "") + "." + decimals) * factor
    places = max(len(decimals), -value.normalize().as_tuple().exponent, 0)
    text = f"{value:,.{places}f}" if "," in whole else f"{value:.{places}f}"
    return text


def _scaled_whole(match: re.Match, factor: Decimal) -> str:
    value = (Decimal(match.group(1)) * factor).normalize()
    return f"{value:f}"


def _token(value: str) -> re.Pattern:
    return re.compile(rf"(?<![\d.,]){re.escape(value)}(?![\d.,])")


def demo_text(template: Template, *, county: County, year: int, factor: Decimal, per_head: int) -> tuple[str, int]:
    """The template as `county`'s document of `year`, amounts × `factor` (two decimals), per-head subsidy
    `per_head` 元; returns the text and the insured count it states (0 where the template states none)."""
    factor = factor.quantize(Decimal("0.01"))
    insured = 0
    if template.contribution is not None and template.insured:
        insured = int((template.contribution * factor / per_head).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    shift = year - template.year
    lines = []
    insured_tokens = [(v, _token(v)) for v in template.insured]
    head_tokens = [(v, _token(v)) for v in template.per_head]
    for number, line in enumerate(template.text.split("\n"), start=1):
        if not _DIGIT.search(line):  # every pattern below starts from a digit: most lines have none
            lines.append(line)
            continue
        # Years first, while every 20xx is still a year and not a scaled amount.
        line = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), line)
        line = _DECIMAL.sub(lambda m: _scaled(m, factor), line)
        line = _WHOLE_WAN.sub(lambda m: _scaled_whole(m, factor), line)
        if insured:
            for value, token in insured_tokens:
                if value in line:
                    line = token.sub(str(insured), line)
        if number in template.per_head_lines:
            for value, token in head_tokens:
                if value in line:
                    line = token.sub(str(per_head), line)
        lines.append(line)
    text = "\n".join(lines)
    publisher = f"{county.name}医疗保障局"
    text = text.replace(template.publisher, publisher)
    replacements = {
        # The sample's places, longest first, become the county's: "漯河市郾城区" before "郾城区".
        place: new
        for place, new in zip(
            template.places,
            _new_places(template.places, county),
            strict=True,
        )
    }
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text, insured


def _new_places(places: tuple[str, ...], county: County) -> list[str]:
    out = []
    for place in places:
        if place.endswith("省") or place.endswith("自治区"):
            out.append(county.province)
        elif place.endswith(("县", "区", "旗")) and len(place) > 3 and place[:3].endswith("市"):
            out.append(f"{county.prefecture}{county.name}")
        elif place.endswith(("县", "区", "旗")):
            out.append(county.name)
        else:
            out.append(county.prefecture or county.province)
    return out
