"""Reads for the compare page: the rows of the chosen bureaus, the year and kind each bar chart compares, and the
bureaus to choose from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from comparisons.formatting import enumerated
from comparisons.selectors import IndicatorRow, indicator_rows
from disclosures.models import Bureau, Disclosure

from .groups import Group

# --- compare ---


def compare_rows(*, documents: QuerySet[Disclosure], bureaus: list[Bureau], keys: list[str]) -> list[IndicatorRow]:
    """Every current document of the chosen bureaus (`documents`, of these `bureaus`: the form's, loaded with their
    regions), by bureau then year (budget before final account, then as stored), with the chosen indicators."""
    by_id = {bureau.pk: bureau for bureau in bureaus}
    # Each document holds its bureau from the form's list: one bureau and region objects shared by its eight years,
    # not five model instances per row read again by joins.
    disclosures = list(documents.select_related(None))
    for d in disclosures:
        d.bureau = by_id[d.bureau_id]
    rows = indicator_rows(disclosures=disclosures, keys=keys)
    return sorted(
        rows,
        key=lambda r: (
            r.disclosure.bureau.region.code,
            r.disclosure.bureau_id,
            r.disclosure.fiscal_year,
            r.disclosure.kind,
            r.disclosure.pk,
        ),
    )


@dataclass
class BarYear:
    """What the bar charts of one kind (budgets, or final accounts) compare: the chosen units' documents of one year,
    side by side. A bar chart never holds two years, nor a budget beside a final account: the year-by-year line
    charts and the table hold the rest. `group` is None where no year has two units to compare."""

    kind: str
    group: Group | None
    rows: list[IndicatorRow] = field(default_factory=list)  # the documents of `group`, in the table's order
    note: str = ""  # which year and why, and the chosen units without a document of it


def compare_bar_years(*, rows: list[IndicatorRow], bureaus: list[Bureau], year: int | None) -> list[BarYear]:
    """For each kind among `rows` (budgets first): the year its bar charts compare. The year asked for, else the
    latest year that every chosen unit has a document of, else the latest of those most units have; at least two
    units must have it, or no bar chart of that kind is drawn (one bar compares nothing) and the note says why."""
    by_kind: dict[str, dict[int, list[IndicatorRow]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_kind[row.disclosure.kind][row.disclosure.fiscal_year].append(row)
    found = []
    for kind in (k for k in Disclosure.Kind.values if k in by_kind):
        years = by_kind[kind]
        units = {y: {r.disclosure.bureau_id for r in of_year} for y, of_year in years.items()}
        chosen = year if year is not None else max(years, key=lambda y: (len(units[y]), y))
        group = Group(chosen, kind)
        having = units.get(chosen, set())
        if len(having) < 2:
            found.append(BarYear(kind, None, note=_too_few(kind, group, years, having, asked=year is not None)))
            continue
        absent = enumerated(b.name for b in bureaus if b.pk not in having)
        words = {"period": group.label, "names": absent}
        if year is not None and absent:
            note = _("条形图比较%(period)s（所选年度）；没有%(period)s的单位：%(names)s（其他年度的数字见上表）。")
        elif year is not None:
            note = _("条形图比较%(period)s（所选年度）。")
        elif absent:
            note = _(
                "条形图比较%(period)s：所选单位中有这一年的最多，且是最近的一年；"
                "没有%(period)s的单位：%(names)s（其他年度的数字见上表）。"
            )
        else:
            note = _("条形图比较%(period)s：所选单位都有的最近年度。")
        found.append(BarYear(kind, group, years[chosen], note % words))
    return found


def _too_few(kind: str, group: Group, years: dict[int, list[IndicatorRow]], having: set, asked: bool) -> str:
    """Why no bar chart of this kind is drawn: the year asked for has fewer than two of the chosen units, only one
    unit has a document of the kind, or no year has two of them (each unit's years of the kind named)."""
    if asked and not having:
        return _("所选单位都没有%(period)s，不画这类条形图。") % {"period": group.label}
    if asked:
        name = next(r.disclosure.bureau.name for r in years[group.year])
        return _("所选单位中只有%(name)s有%(period)s，不画这类条形图（一条柱子无从比较）。") % {
            "name": name,
            "period": group.label,
        }
    per_unit: dict[str, list[int]] = defaultdict(list)
    for y in sorted(years, reverse=True):
        for row in years[y]:
            per_unit[row.disclosure.bureau.name].append(y)
    kind_label = Disclosure.Kind(kind).label
    if len(per_unit) == 1:
        [(name, ys)] = per_unit.items()
        return _("所选单位中只有%(name)s有%(kind)s（%(years)s年），不画这类条形图（一条柱子无从比较）。") % {
            "name": name,
            "kind": kind_label,
            "years": enumerated(str(y) for y in ys),
        }
    each = [
        _("%(name)s %(years)s年") % {"name": name, "years": enumerated(str(y) for y in ys)}
        for name, ys in per_unit.items()
    ]
    return _("所选单位的%(kind)s不在同一年度（%(each)s），不画这类条形图；各自的数字见上表。") % {
        "kind": kind_label,
        "each": enumerated(each),
    }


def bureau_choices(*, ids: list[int]) -> QuerySet[Bureau]:
    """The bureaus asked for (by id) that have current documents: the compare form's checkboxes, with the regions
    the compare table shows (compare_rows)."""
    current = Disclosure.objects.filter(bureau=OuterRef("pk"), status=Disclosure.Status.CURRENT)
    return (
        Bureau.objects.filter(Exists(current), pk__in=ids)
        .select_related("region__parent__parent")
        .order_by("region__code", "name", "pk")
    )


def bureau_candidates(*, query: str, limit: int = 20) -> list[Bureau]:
    """Bureaus with current documents whose name, county or prefecture contains `query`, or whose code starts with
    it."""
    query = query.strip()
    if not query:
        return []
    match = Q(name__contains=query) | Q(region__name__contains=query) | Q(region__parent__name__contains=query)
    if query.isdigit():
        match = Q(region__code__startswith=query)
    return list(
        Bureau.objects.filter(match, disclosures__status=Disclosure.Status.CURRENT)
        .distinct()
        .select_related("region__parent__parent")
        .order_by("region__code", "name")[:limit]
    )
