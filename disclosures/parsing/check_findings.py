"""Collects findings so that one fact repeated in several tables gives one problem naming all of them."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from .check_common import problem, worst
from .types import Problem, Severity
from .wording import FindingCode, sentence, words


@dataclass
class _Finding:
    severity: Severity
    finding: FindingCode
    params: dict
    lines: set[int] = field(default_factory=set)
    also_in: list = field(default_factory=list)  # places (parameter values) where the same was found


class Findings:
    def __init__(self) -> None:
        self._by_key: dict[Hashable, _Finding] = {}

    def add(
        self,
        key: Hashable,
        severity: Severity,
        finding: FindingCode,
        params: dict,
        lines: Iterable[int],
        *,
        place: dict | str = "",
    ) -> None:
        """Record a finding; the same key again only adds its place and lines to the first one."""
        found = self._by_key.get(key)
        if found is None:
            self._by_key[key] = _Finding(severity, finding, params, set(lines))
            return
        found.severity = worst([found.severity, severity])
        found.lines.update(lines)
        if place and place not in found.also_in and words(place) not in sentence(found.finding, found.params):
            found.also_in.append(place)

    def problems(self) -> list[Problem]:
        out = []
        for f in self._by_key.values():
            params = {**f.params, "also_in": f.also_in} if f.also_in else f.params
            out.append(problem(f.severity, f.finding, params, f.lines))
        return out
