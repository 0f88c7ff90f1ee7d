"""Collects findings so that one fact repeated in several tables gives one problem naming all of them."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from .check_common import problem, worst
from .types import Problem, Severity


@dataclass
class _Finding:
    severity: Severity
    code: str
    message: str
    lines: set[int] = field(default_factory=set)
    also_in: list[str] = field(default_factory=list)


class Findings:
    def __init__(self) -> None:
        self._by_key: dict[Hashable, _Finding] = {}

    def add(
        self,
        key: Hashable,
        severity: Severity,
        code: str,
        message: str,
        lines: Iterable[int],
        *,
        place: str = "",
    ) -> None:
        """Record a finding; the same key again only adds its place and lines to the first one."""
        found = self._by_key.get(key)
        if found is None:
            self._by_key[key] = _Finding(severity, code, message, set(lines))
            return
        found.severity = worst([found.severity, severity])
        found.lines.update(lines)
        if place and place not in found.also_in and place not in found.message:
            found.also_in.append(place)

    def problems(self) -> list[Problem]:
        out = []
        for f in self._by_key.values():
            message = f.message
            if f.also_in:
                message = f"{message.rstrip('。')}；{'、'.join(f.also_in)}中相同。"
            out.append(problem(f.severity, f.code, message, f.lines))
        return out
