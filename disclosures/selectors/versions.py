"""What a new version of a document changes from the version stored: its totals, its functional amounts and the
figures it states, each with the line it was read from in both versions (the staff upload preview shows them)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comparisons.formatting import with_unit
from disclosures.models import Disclosure
from disclosures.parsing.types import FIGURE_KEYS
from disclosures.summary import DocumentSummary, summarise

TOTAL_KEYS = ("total", "basic", "project", "personnel", "public")
# The stated figures compared, with the unit each is counted in (money in 元); their names are the parser's
# (FIGURE_KEYS), the summary's key stated_subsidy_per_insured being the parser's subsidy_per_insured.
FIGURE_UNITS = {
    "insured_residents": "人",
    "insured_employees": "人",
    "stated_subsidy_per_insured": "元/人",
    "running_costs": "元",
    "three_public": "元",
    "staff": "人",
}
FIGURE_NAMES = {"stated_subsidy_per_insured": "subsidy_per_insured"}
UNIT_WORDS = {"人": _("人"), "元/人": _("元/人")}


def _figure_label(key: str, unit: str) -> str:
    """The figure's name in the reader's language, with its unit unless it is money (shown in 万元 beside it)."""
    name = gettext(FIGURE_KEYS[FIGURE_NAMES.get(key, key)])
    return with_unit(name, UNIT_WORDS[unit]) if unit in UNIT_WORDS else name


@dataclass(frozen=True)
class FigureChange:
    """One figure that differs: None where one version does not state it. Money is in 元 (`unit` "元")."""

    group: str  # "totals", "functional" or "figures"
    key: str  # the total's key, the functional code, or the figure's key
    label: object  # str or lazy str
    unit: str  # "元", "元/人" or "人"
    old: Decimal | None
    new: Decimal | None
    old_line: int | None
    new_line: int | None

    @property
    def is_money(self) -> bool:
        return self.unit == "元"

    @property
    def change(self) -> Decimal | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def sign(self) -> str:
        """ "+" before an increase (a decrease carries its own minus)."""
        return "+" if self.change is not None and self.change > 0 else ""


def _first_line(lines) -> int | None:
    return min(lines, default=None)


def _stored_summary(disclosure: Disclosure) -> DocumentSummary:
    lines = list(disclosure.lines.select_related("table"))
    figures = list(disclosure.figures.all())
    return summarise(lines, figures)


def _amount_changes(group: str, old: dict, new: dict, labels) -> list[FigureChange]:
    changes = []
    order = list(labels)  # totals in their usual order; functional codes by code
    for key in sorted(old.keys() | new.keys(), key=lambda k: (order.index(k) if k in order else len(order), k)):
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and was.value == now.value:
            continue
        row = (now or was).row
        label = labels.get(key) or (getattr(row, "name", "") if row is not None else "")
        changes.append(
            FigureChange(
                group=group,
                key=key,
                label=label,
                unit="元",
                old=was.value if was else None,
                new=now.value if now else None,
                old_line=_first_line(was.lines) if was else None,
                new_line=_first_line(now.lines) if now else None,
            )
        )
    return changes


def _figure_changes(old: dict, new: dict) -> list[FigureChange]:
    changes = []
    for key, unit in FIGURE_UNITS.items():
        was, now = old.get(key), new.get(key)
        if (was is None and now is None) or (was is not None and now is not None and was.value == now.value):
            continue
        changes.append(
            FigureChange(
                group="figures",
                key=key,
                label=_figure_label(key, unit),
                unit=unit,
                old=was.value if was else None,
                new=now.value if now else None,
                old_line=was.line if was else None,
                new_line=now.line if now else None,
            )
        )
    return changes


def disclosure_version_changes(*, stored: Disclosure, lines, figures) -> list[FigureChange]:
    """The totals, functional amounts (合计 by code) and stated figures of a new version (its parsed `lines` and
    `figures`) that differ from the `stored` version's: added, removed or changed; the same value is no change."""
    old, new = _stored_summary(stored), summarise(lines, figures)
    return [
        *_amount_changes("totals", old.totals, new.totals, {k: gettext(FIGURE_KEYS[k]) for k in TOTAL_KEYS}),
        *_amount_changes("functional", old.functional, new.functional, {}),
        *_figure_changes(old.figures, new.figures),
    ]
