"""Reading numbers from a query string: ASCII digits only.

str.isdigit() is also true of "²", "①" and other Unicode digits, which int() refuses or the database cannot hold:
every number a URL carries is read here, and anything else is treated as absent or refused, never a server error.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # the largest primary key PostgreSQL's bigint holds
MAX_DIGITS = 30  # no id, year, code, page or limit has more; int() refuses strings of more than 4,300


def is_number(raw: str) -> bool:
    """ASCII digits, and not too many of them to be any number the site takes."""
    return raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS


def parse_id(raw: str | None) -> int | None:
    """A primary key from the query string, or None for anything that cannot be one."""
    raw = (raw or "").strip()
    if not is_number(raw) or not 1 <= int(raw) <= MAX_ID:
        return None
    return int(raw)


def bounded(raw: str | None, *, low: int, high: int) -> int | None:
    """A whole number between low and high, or None."""
    raw = (raw or "").strip()
    if not is_number(raw) or not low <= int(raw) <= high:
        return None
    return int(raw)
