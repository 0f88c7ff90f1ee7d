"""Groups of indicator rows that may be ranked together: one year and kind."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

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
