"""indicator_rows reads the stored values in the same number of queries for 1 document as for 10, with or without
year-over-year."""

from decimal import Decimal

import pytest

from comparisons.models import Denominator
from comparisons.selectors import disclosure_list_current, indicator_rows
from disclosures.models import Disclosure, Region, StatedFigure
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory, store_indicators

pytestmark = pytest.mark.django_db

COUNTIES = ("130636", "130127", "411103", "510422", "611025", "130102", "130104", "130105", "130107", "130108")
# documents (with bureau, region and its parents), lines with their tables, figures, denominators; + previous years
FACTS = 4
PREVIOUS = 1


def _bureaus_with_documents(count: int) -> None:
    for code in COUNTIES[:count]:
        region = Region.objects.get(code=code)
        bureau = BureauFactory(region=region)
        for year in (2022, 2023):
            d = DisclosureFactory(bureau=bureau, fiscal_year=year)
            table = SourceTableFactory(disclosure=d)
            BudgetLineFactory(table=table, code="2101202", total=Decimal("32000000"))
            BudgetLineFactory(table=table, code="2101301", name="城乡医疗救助", total=Decimal("1400000"))
            BudgetLineFactory(table=table, code="2080101", name="行政运行", total=Decimal("2600000"))
            StatedFigure.objects.create(
                disclosure=d, key="staff", label="实有人数", value=Decimal(20), unit="人", line=2, quote="20人"
            )
        Denominator.objects.create(region=region, year=2023, kind="insured_residents", value=250000, source="统计")
    store_indicators()


@pytest.mark.parametrize("count", [1, 10])
def test_indicator_rows_is_bounded(django_assert_max_num_queries, count):
    _bureaus_with_documents(count)
    with django_assert_max_num_queries(1 + FACTS + PREVIOUS):
        documents = list(disclosure_list_current(year=2023))
        rows = indicator_rows(disclosures=documents, with_changes=True)
        # What a page reads from every row: names, region, values, sources, denominators' regions, changes.
        for row in rows:
            assert row.region.parent.parent.name
            assert row.province is not None
            assert row.values["contribution_per_insured"].value == Decimal("128.00")
            assert "统计" in row.values["contribution_per_insured"].sources[1].note
            assert "2080101" in row.values["administrative_operation"].note
            assert row.changes["county_contribution"].difference == 0
            assert [s.url for v in row.values.values() for s in v.sources]
    assert len(rows) == count


@pytest.mark.parametrize("count", [1, 10])
def test_documents_loaded_without_their_bureau_cost_no_extra_query(django_assert_max_num_queries, count):
    _bureaus_with_documents(count)
    documents = list(Disclosure.objects.filter(fiscal_year=2023))  # no select_related: the selector fetches them
    with django_assert_max_num_queries(FACTS):
        rows = indicator_rows(disclosures=documents)
        for row in rows:
            assert row.bureau.region.name
            assert row.values["medical_assistance"].value == Decimal("1400000")
