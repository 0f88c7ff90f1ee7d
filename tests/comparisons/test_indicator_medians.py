"""Medians, ranks and percentiles from the database: never over budgets and final accounts together, nor over
different years; a missing value is left out, not counted as 0; a bureau counts once (its department document)."""

from decimal import Decimal

import pytest

from comparisons.models import StoredIndicator
from comparisons.selectors.rankings import (
    Slice,
    ranking,
    ranks_set,
    slices_extremes,
    slices_histogram,
    slices_medians,
    slices_positions,
    slices_stats,
    slices_values,
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


KEY = BUDGET_2023.indicator


def median(part: Slice, **kwargs):
    return slices_medians(parts=[part], **kwargs)[part.indicator]


def test_median_of_one_year_and_kind(documents):
    assert median(BUDGET_2023) == {"": (Decimal("20000000.00"), 3)}
    assert median(Slice(KEY, 2023, "final")) == {"": (Decimal("90000000.00"), 1)}
    assert median(Slice(KEY, 2024, "budget")) == {"": (Decimal("70000000.00"), 1)}


def test_the_median_of_a_province_and_of_the_whole_slice_read_with_the_provinces(documents):
    assert median(Slice(KEY, 2023, "budget", province="13")) == {"": (Decimal("25000000.00"), 2)}
    medians = median(BUDGET_2023, by_province=True, with_whole=True)
    assert medians == {
        "": (Decimal("20000000.00"), 3),
        "13": (Decimal("25000000.00"), 2),
        "41": (Decimal("10000000.00"), 1),
    }


def test_median_of_each_province(documents):
    medians = median(BUDGET_2023, by_province=True)
    assert medians["13"] == (Decimal("25000000.00"), 2)  # (3000万 + 2000万) ÷ 2
    assert medians["41"] == (Decimal("10000000.00"), 1)
    assert "61" not in medians  # 镇安 has no value


def test_slices_read_together_are_each_as_read_alone(documents):
    together = [BUDGET_2023, Slice("total_budget", 2023, "budget")]
    for reader in (
        lambda parts: slices_stats(parts=parts),
        lambda parts: slices_medians(parts=parts, by_province=True, with_whole=True),
        lambda parts: slices_values(parts=parts),
        lambda parts: slices_histogram(parts=parts, stats=slices_stats(parts=parts)),
        lambda parts: {
            k: [[(r.pk, r.rank) for r in rows] for rows in ends]
            for k, ends in slices_extremes(parts=parts, count=5, values=slices_values(parts=parts)).items()
        },
    ):
        found = reader(together)
        assert found == {**reader(together[:1]), **reader(together[1:])}


def test_top_and_bottom_with_their_ranks(documents):
    top, bottom = slices_extremes(parts=[BUDGET_2023], count=2, values=slices_values(parts=[BUDGET_2023]))[KEY]
    assert [(r.disclosure_id, r.rank) for r in top] == [(documents["shunping"].pk, 1), (documents["gaoyi"].pk, 2)]
    # The smallest not in the top, largest first: 高邑 is in the top already; 镇安 has no value and is in neither.
    assert [(r.disclosure_id, r.rank) for r in bottom] == [(documents["yancheng"].pk, 3)]


def test_ranks_and_percentiles(documents):
    shown = list(ranking(part=BUDGET_2023))
    ranks_set(rows=shown, values=slices_values(parts=[BUDGET_2023])[KEY])
    rows = {r.disclosure_id: r for r in shown}
    # Counted among the rows' own values (an export, the whole slice), the same ranks.
    whole = list(ranking(part=BUDGET_2023))
    ranks_set(rows=whole, values=sorted(r.value for r in whole if r.value is not None))
    assert [(r.rank, r.percentile) for r in whole] == [(r.rank, r.percentile) for r in shown]
    assert len(rows) == 4  # one document per bureau, the missing one included
    first = rows[documents["shunping"].pk]
    assert (first.rank, round(first.percentile * 100)) == (1, 100)
    last = rows[documents["yancheng"].pk]
    assert (last.rank, last.percentile) == (3, 0)
    assert rows[documents["zhenan"].pk].value is None
    gaoyi = StoredIndicator.objects.get(disclosure=documents["gaoyi"], indicator="county_contribution")
    values = slices_values(parts=[BUDGET_2023])
    position = slices_positions(parts=[BUDGET_2023], rows={KEY: gaoyi}, values=values)[KEY]
    assert (position.rank, position.ranked, position.percentile, position.before) == (2, 3, Decimal("50.0"), 1)
    missing = StoredIndicator.objects.get(disclosure=documents["zhenan"], indicator="county_contribution")
    other = Slice("total_budget", 2023, "budget")
    both = slices_positions(
        parts=[BUDGET_2023, other], rows={KEY: missing}, values=slices_values(parts=[BUDGET_2023, other])
    )
    assert list(both) == [KEY]  # no row of the other indicator asked
    assert (both[KEY].rank, both[KEY].ranked, both[KEY].before) == (None, 3, 3)  # after every value


def test_distribution_counts_every_value_once(documents):
    stats = slices_stats(parts=[BUDGET_2023])
    assert (stats[KEY].count, stats[KEY].present, stats[KEY].low, stats[KEY].high) == (
        4,
        3,
        Decimal("10000000.00"),
        Decimal("30000000.00"),
    )
    bins = slices_histogram(parts=[BUDGET_2023], stats=stats)[KEY]
    assert sum(b.count for b in bins) == 3
    for value in (Decimal("10000000"), Decimal("20000000"), Decimal("30000000")):
        assert sum(b.count for b in bins if b.low <= value < b.high) == 1


def test_a_slice_with_no_values_has_no_median():
    _document("611025", 2023, "budget", None)
    store_indicators()
    assert median(BUDGET_2023) == {}
    assert slices_histogram(parts=[BUDGET_2023], stats=slices_stats(parts=[BUDGET_2023])) == {KEY: []}
    assert slices_extremes(parts=[BUDGET_2023], count=5, values=slices_values(parts=[BUDGET_2023])) == {KEY: ([], [])}
