"""The words of the comparisons app, declared once: the units of indicator values, how an extra column is shown, and
where a headcount came from. StrEnums: they compare equal to the strings stored with each value."""

from __future__ import annotations

from enum import StrEnum


class Unit(StrEnum):
    """The unit of a value as `formatting.show` and `formatting.number` take it."""

    MONEY = "元"  # stored in 元, shown in 万元
    PER_HEAD = "元/人"
    PERCENT = "%"
    YUAN = "yuan"  # an amount in 元 shown in 元 (two decimals)
    COUNT = "count"  # people, documents: whole numbers


class DetailKind(StrEnum):
    """How an extra column of the dashboard (an indicator's detail) is shown."""

    WAN = "wan"  # 元 shown in 万元
    YUAN = "yuan"  # 元 with two decimals
    COUNT = "count"
    PERCENT = "percent"
    TEXT = "text"  # words, as the document prints them


DETAIL_UNITS = {
    DetailKind.WAN: Unit.MONEY,
    DetailKind.YUAN: Unit.YUAN,
    DetailKind.COUNT: Unit.COUNT,
    DetailKind.PERCENT: Unit.PERCENT,
}


class Origin(StrEnum):
    """Where a headcount (the denominator of a per-head indicator) came from."""

    STATED = "stated"  # the document states it
    ENTERED = "entered"  # staff entered it for the region and year


PROSE = "prose"  # the table key of a source that is a sentence of the document, not a table row
