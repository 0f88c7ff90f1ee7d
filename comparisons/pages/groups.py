"""Groups of indicator rows that may be ranked together: one year and kind."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from comparisons.selectors import IndicatorRow
from disclosures.models import Disclosure

# --- groups of rows that may be ranked together ---


@dataclass(frozen=True)
class Group:
    """Documents of one year and kind: the only rows ranked against each other."""

    year: int
    kind: str

    @property
    def label(self) -> str:
        return str(_("%(year)s年%(kind)s") % {"year": self.year, "kind": Disclosure.Kind(self.kind).label})


def row_group(row: IndicatorRow) -> Group:
    return Group(row.disclosure.fiscal_year, row.disclosure.kind)


def groups_of(rows: list[IndicatorRow]) -> list[Group]:
    """Newest year first, budget before final account."""
    return sorted({row_group(r) for r in rows}, key=lambda g: (-g.year, g.kind))
