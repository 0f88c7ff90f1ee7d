"""Medians, ranks and percentiles from the database: never over budgets and final accounts together, nor over
different years; a missing value is left out, not counted as 0; a bureau counts once (its department document)."""

from decimal import Decimal

import pytest

from comparisons.models import StoredIndicator
from comparisons.selectors.rankings import (
    Slice,
    ranking,
    ranks_set,
    slice_histogram,
    slice_median,
    slice_medians,
    slice_position,
    slice_stats,
)
from disclosures.models import Region
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory, store_indicators

pytestmark = pytest.mark.django_db


def _document(code, year, kind, contribution, scope="department", bureau=None):
    bureau = bureau or BureauFactory(region=Region.objects.get(code=code))
    d = DisclosureFactory(bureau=bureau, fiscal_year=year, kind=kind, scope=scope)
    table = SourceTableFactory(disclosure=d)
    if contribution is not None:
        BudgetLineFactory(table=table, total=Decimal(contribution))
    else:
        BudgetLineFactory(table=table, code="2101301", name="城乡医疗救助")
    return d


@pytest.fixture
def documents():
    found = {
        "shunping": _document("130636", 2023, "budget", "30000000"),  # 河北
        "gaoyi": _document("130127", 2023, "budget", "20000000"),  # 河北
        "yancheng": _document("411103", 2023, "budget", "10000000"),  # 河南
        "zhenan": _document("611025", 2023, "budget", None),  # no 2101202: left out, not 0
        "yanbian": _document("510422", 2023, "final", "90000000"),  # a final account: its own group
        "other_year": _document("130102", 2024, "budget", "70000000"),  # another year: its own group
    }
    # A unit document of a bureau that also published its department document: not counted twice.
    _document("130636", 2023, "budget", "99000000", scope="unit", bureau=found["shunping"].bureau)
    store_indicators()
    return found


BUDGET_2023 = Slice("county_contribution", 2023, "budget")


def test_median_of_one_year_and_kind(documents):
    assert slice_medians(part=BUDGET_2023) == {"": (Decimal("20000000.00"), 3)}
    assert slice_medians(part=Slice("county_contribution", 2023, "final")) == {"": (Decimal("90000000.00"), 1)}
    assert slice_medians(part=Slice("county_contribution", 2024, "budget")) == {"": (Decimal("70000000.00"), 1)}


def test_the_median_read_in_value_order_is_the_same(documents):
    assert slice_median(part=BUDGET_2023, stats=slice_stats(part=BUDGET_2023)) == (Decimal("20000000.00"), 3)
    hebei = Slice("county_contribution", 2023, "budget", province="13")
    assert slice_median(part=hebei, stats=slice_stats(part=hebei)) == (Decimal("25000000.00"), 2)


def test_median_of_each_province(documents):
    medians = slice_medians(part=BUDGET_2023, by_province=True)
    assert medians["13"] == (Decimal("25000000.00"), 2)  # (3000万 + 2000万) ÷ 2
    assert medians["41"] == (Decimal("10000000.00"), 1)
    assert "61" not in medians  # 镇安 has no value


def test_ranks_and_percentiles(documents):
    shown = list(ranking(part=BUDGET_2023))
    ranks_set(part=BUDGET_2023, rows=shown)
    rows = {r.disclosure_id: r for r in shown}
    # Counted for the whole slice at once (an export), the same ranks.
    whole = list(ranking(part=BUDGET_2023))
    ranks_set(part=BUDGET_2023, rows=whole, whole=True)
    assert [(r.rank, r.percentile) for r in whole] == [(r.rank, r.percentile) for r in shown]
    assert len(rows) == 4  # one document per bureau, the missing one included
    first = rows[documents["shunping"].pk]
    assert (first.rank, round(first.percentile * 100)) == (1, 100)
    last = rows[documents["yancheng"].pk]
    assert (last.rank, last.percentile) == (3, 0)
    assert rows[documents["zhenan"].pk].value is None
    position = slice_position(
        part=BUDGET_2023,
        row=StoredIndicator.objects.get(disclosure=documents["gaoyi"], indicator="county_contribution"),
    )
    assert (position.rank, position.ranked, position.percentile, position.before) == (2, 3, Decimal("50.0"), 1)


def test_distribution_counts_every_value_once(documents):
    stats = slice_stats(part=BUDGET_2023)
    assert (stats.count, stats.present, stats.low, stats.high) == (4, 3, Decimal("10000000.00"), Decimal("30000000.00"))
    bins = slice_histogram(part=BUDGET_2023, stats=stats)
    assert sum(b.count for b in bins) == 3
    for value in (Decimal("10000000"), Decimal("20000000"), Decimal("30000000")):
        assert sum(b.count for b in bins if b.low <= value < b.high) == 1


def test_a_slice_with_no_values_has_no_median():
    _document("611025", 2023, "budget", None)
    store_indicators()
    assert slice_medians(part=BUDGET_2023) == {}
    assert slice_histogram(part=BUDGET_2023, stats=slice_stats(part=BUDGET_2023)) == []
