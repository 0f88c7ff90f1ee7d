"""Peer medians: never over budgets and final accounts together, nor over different years; missing left out."""

from decimal import Decimal

import pytest

from comparisons.selectors import indicator_medians, indicator_rows, peer_group, rows_periods
from disclosures.models import Region
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory

pytestmark = pytest.mark.django_db


def _document(code, year, kind, contribution):
    d = DisclosureFactory(bureau=BureauFactory(region=Region.objects.get(code=code)), fiscal_year=year, kind=kind)
    table = SourceTableFactory(disclosure=d)
    if contribution is not None:
        BudgetLineFactory(table=table, total=Decimal(contribution))
    else:
        BudgetLineFactory(table=table, code="2101301", name="城乡医疗救助")
    return d


@pytest.fixture
def rows():
    documents = [
        _document("130636", 2023, "budget", "30000000"),  # 河北
        _document("130127", 2023, "budget", "20000000"),  # 河北
        _document("411103", 2023, "budget", "10000000"),  # 河南
        _document("611025", 2023, "budget", None),  # no 2101202: left out, not 0
        _document("510422", 2023, "final", "90000000"),  # a final account: its own group
        _document("130102", 2024, "budget", "70000000"),  # another year: its own group
    ]
    return indicator_rows(disclosures=documents)


def test_median_of_all_peers_per_year_and_kind(rows):
    medians = indicator_medians(rows=rows, key="county_contribution")
    budget_2023 = medians[("", 2023, "budget")]
    assert budget_2023.value == Decimal("20000000.00")
    assert budget_2023.count == 3
    assert medians[("", 2023, "final")].value == Decimal("90000000.00")
    assert medians[("", 2024, "budget")].value == Decimal("70000000.00")
    assert rows_periods(rows=rows) == [(2024, "budget"), (2023, "budget"), (2023, "final")]


def test_median_of_the_same_province(rows):
    medians = indicator_medians(rows=rows, key="county_contribution", peers="province")
    hebei = medians[("130000", 2023, "budget")]
    assert hebei.value == Decimal("25000000.00")  # (3000万 + 2000万) ÷ 2
    assert hebei.province.name == "河北省"
    assert medians[("410000", 2023, "budget")].value == Decimal("10000000.00")
    assert peer_group(row=rows[0], peers="province") == ("130000", 2023, "budget")


def test_a_group_with_no_values_has_no_median():
    rows = indicator_rows(disclosures=[_document("611025", 2023, "budget", None)])
    median = indicator_medians(rows=rows, key="county_contribution")[("", 2023, "budget")]
    assert median.value is None
    assert median.count == 0
