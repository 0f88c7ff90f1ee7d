"""Year-over-year change: a document against the same bureau's previous year of the same kind and scope only."""

from decimal import Decimal

import pytest

from comparisons.selectors import disclosure_previous_map, indicator_rows
from disclosures.models import Disclosure
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory, store_indicators

pytestmark = pytest.mark.django_db


def _document(bureau, year, kind="budget", scope="department", contribution="32000000"):
    d = DisclosureFactory(bureau=bureau, fiscal_year=year, kind=kind, scope=scope)
    BudgetLineFactory(table=SourceTableFactory(disclosure=d), total=Decimal(contribution))
    store_indicators()
    return d


def test_a_budget_is_compared_with_the_previous_years_budget():
    bureau = BureauFactory()
    before = _document(bureau, 2022, contribution="30000000")
    now = _document(bureau, 2023, contribution="32000000")
    [row_before, row_now] = indicator_rows(disclosures=[before, now], with_changes=True)
    assert row_now.previous == before
    change = row_now.changes["county_contribution"]
    assert change.previous_year == 2022
    assert change.difference == Decimal("2000000.00")
    assert change.percent == Decimal("6.7")  # 200万 ÷ 3000万
    assert row_before.previous is None
    assert row_before.changes["county_contribution"].missing
    assert "上一年度" in row_before.changes["county_contribution"].missing_reason


def test_the_previous_document_need_not_be_among_the_rows_shown():
    bureau = BureauFactory()
    _document(bureau, 2022, contribution="30000000")
    now = _document(bureau, 2023)
    [row] = indicator_rows(disclosures=[now], with_changes=True)
    assert row.changes["county_contribution"].previous_value == Decimal("30000000")


def test_never_a_budget_against_a_final_account_nor_a_unit_against_its_department():
    bureau = BureauFactory()
    _document(bureau, 2022, kind="final")
    _document(bureau, 2022, kind="budget", scope="unit")
    now = _document(bureau, 2023)
    assert disclosure_previous_map(disclosures=[now]) == {}
    final_2023 = _document(bureau, 2023, kind="final")
    assert disclosure_previous_map(disclosures=[final_2023])[final_2023.pk].kind == "final"


def test_not_across_a_gap_of_years_nor_across_bureaus():
    bureau = BureauFactory()
    _document(bureau, 2021)
    _document(BureauFactory(name="另一个医疗保障局"), 2022)
    now = _document(bureau, 2023)
    assert disclosure_previous_map(disclosures=[now]) == {}


def test_a_superseded_version_is_not_the_previous_year():
    bureau = BureauFactory()
    old = _document(bureau, 2022)
    Disclosure.objects.filter(pk=old.pk).update(status=Disclosure.Status.SUPERSEDED)
    now = _document(bureau, 2023)
    assert disclosure_previous_map(disclosures=[now]) == {}


def test_amounts_change_in_percent_and_shares_in_percentage_points():
    bureau = BureauFactory()
    before = _document(bureau, 2022)
    now = _document(bureau, 2023)
    for d, total, basic in ((before, "40000000", "4000000"), (now, "50000000", "6000000")):
        BudgetLineFactory(
            table=SourceTableFactory(disclosure=d),
            classification="summary",
            code="",
            name="合计",
            row_kind="total",
            total=Decimal(total),
            basic=Decimal(basic),
        )
    store_indicators()
    [row] = indicator_rows(disclosures=[now], with_changes=True)
    total = row.changes["total_budget"]
    assert total.difference == Decimal("10000000.00")
    assert total.percent == Decimal("25.0")
    share = row.changes["basic_share"]  # 10.00% -> 12.00%
    assert share.unit == "%"
    assert share.difference == Decimal("2.00")
    assert share.percent is None


def test_a_missing_value_on_either_side_gives_no_change_and_says_which():
    bureau = BureauFactory()
    _document(bureau, 2022)
    now = _document(bureau, 2023)
    [row] = indicator_rows(disclosures=[now], with_changes=True)
    change = row.changes["running_costs"]
    assert change.difference is None
    assert "本年" in change.missing_reason
