"""Every regular expression of the parsers, and 100,000-character hostile lines to feed them.

Used by tests/parsing/test_bounded.py, which runs each pattern over each line under a CPU-time budget.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import fields, is_dataclass

import disclosures.parsing

LENGTH = 100_000
# Runs of what the parsers look for (leaders, digits, separators, units, tags, CJK words), each ended by a character
# that makes the match fail at the very end: the case that makes a backtracking pattern try every split.
PIECES = (".", "…", " ", "\t", "1", "1,", "<b>", "一", "合计", "医疗保障局")


def hostile_lines() -> list[tuple[str, str]]:
    lines = []
    for piece in PIECES:
        body = piece * (LENGTH // len(piece))
        lines.append((f"{piece!r} × {len(body) // len(piece)} + 'x'", body + "x"))
    return lines


def _patterns_in(value, name: str, depth: int = 0):
    if isinstance(value, re.Pattern):
        yield name, value
    elif depth < 3 and isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            yield from _patterns_in(item, f"{name}[{i}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(item, f"{name}[{key!r}]", depth + 1)
    elif depth < 3 and is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _patterns_in(getattr(value, f.name), f"{name}.{f.name}", depth + 1)
    elif depth < 3 and isinstance(value, tuple) and hasattr(value, "_fields"):
        for key in value._fields:
            yield from _patterns_in(getattr(value, key), f"{name}.{key}", depth + 1)


def parser_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern held at module level by a parser module (also inside lists, dicts, dataclasses)."""
    found: dict[str, re.Pattern] = {}
    for info in pkgutil.iter_modules(disclosures.parsing.__path__):
        module = importlib.import_module(f"disclosures.parsing.{info.name}")
        for attr, value in vars(module).items():
            if attr.startswith("__") or isinstance(value, type):
                continue
            for name, pattern in _patterns_in(value, f"{info.name}.{attr}"):
                found.setdefault(name, pattern)
    return found
