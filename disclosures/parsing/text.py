"""Small helpers on extracted PDF text, shared by the parsers."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_TAG = re.compile(r"</?(?:b|strong|i|em|span)[^>]*>", re.I)
_EMPTY_CELLS = {"", "—", "-", "--", "－", "——", "/", "*", "**"}
_AMOUNT = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-−]?\d+(?:\.\d+)?$")

UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000)}

# Numbers typed in full-width characters ("２１０１２０２", "２，３６１．５６"): their digits and separators.
_FULL_WIDTH_NUMBER = re.compile(r"[０-９]+(?:[，,．.][０-９]+)*")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


def half_width_numbers(text: str) -> str:
    """Full-width digits (and the separators between them) as ASCII; every other character, and so every line and
    offset, unchanged."""
    if _FULL_WIDTH_DIGIT.search(text) is None:  # nearly every document: one scan in C, nothing changed
        return text
    return _FULL_WIDTH_NUMBER.sub(lambda m: m.group(0).translate(_HALF_WIDTH), text)


def strip_tags(s: str) -> str:
    """Remove the <b> and similar tags the extractor leaves around totals."""
    # Most cells and lines hold neither: the membership tests are far cheaper than a regex pass.
    if "<" in s:
        s = _TAG.sub("", s)
    return s.replace("**", "") if "*" in s else s


def clean_cell(s: str) -> str:
    return strip_tags(s).strip()


def _amount_text(s: str) -> str | None:
    """The cell without tags and spaces when it is printed as an amount, else None."""
    s = clean_cell(s) if "<" in s or "*" in s else s.strip()  # the same; most cells have no tags to look for
    # Every amount starts with a digit or a minus sign: names and labels, most of the cells asked about, are
    # turned away here. (Stripped, s starts with what the space-free s below starts with.)
    if not s or not (s[0].isdigit() or s[0] in "-−"):
        return None
    s = s.replace(" ", "").replace("\u00a0", "")
    # Most amounts are plain figures ("7618.6446", "12"): str methods tell them at half the cost of the pattern,
    # which reads the rest. (isdecimal() is the pattern's \d: the Unicode decimal digits.)
    whole, dot, fraction = s.partition(".")
    if whole.isdecimal() and (not dot or fraction.isdecimal()):
        return s
    if s in _EMPTY_CELLS or not _AMOUNT.match(s):
        return None
    return s


def parse_amount(s: str) -> Decimal | None:
    """'7,661.49' -> Decimal('7661.49'); '' / '—' -> None; anything else -> None."""
    s = _amount_text(s)
    if s is None:
        return None
    try:
        return Decimal(s.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def is_amount(s: str) -> bool:
    """parse_amount(s) is not None, without building the Decimal (which never fails on text _AMOUNT matched)."""
    return _amount_text(s) is not None


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Convert a published amount to 元, exactly."""
    return value * UNIT_FACTORS[unit]


def is_abbreviation(short: str, long: str) -> bool:
    """True when the characters of `short` appear in `long` in order: cut-short or shortened names."""
    if not short:
        return False
    it = iter(long)
    return all(ch in it for ch in short)
