"""机关运行经费 as stated: the label travels with the figure; a unit that states only 公用经费 shows that."""

from decimal import Decimal

import pytest

from comparisons.facts import facts_for
from comparisons.indicators import running_costs
from tests.factories import BudgetLineFactory, SourceTableFactory

from .seeded import seeded_rows, source_text, wan

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("county", "shown", "label"),
    [
        ("顺平", "23.93", "机关运行经费"),
        ("盐边", "30.67", "机关运行经费"),
        ("郾城", "14.81", "机构运行经费"),
        ("高邑", "40.68", "机关运行经费"),
    ],
)
def test_running_costs_as_stated(seeded_rows, county, shown, label):
    value = seeded_rows[county].values["running_costs"]
    assert wan(value.value) == shown
    assert value.details["stated_as"] == label
    assert value.note == ""
    [source] = value.sources
    assert label in source_text(seeded_rows[county].disclosure, source.lines[0])


def test_zhenan_states_only_public_expenses_and_is_labelled_so(seeded_rows):
    value = seeded_rows["镇安"].values["running_costs"]
    assert wan(value.value) == "9.38"
    assert value.details["stated_as"] == "公用经费"
    assert "公用经费" in value.note
    assert "公用经费" in value.sources[0].label


def test_without_a_stated_figure_the_basic_table_public_expenses_are_used_and_labelled():
    table = SourceTableFactory(key="basic_expenditure", title="一般公共预算基本支出表")
    BudgetLineFactory(
        table=table,
        classification="economic_department",
        code="",
        name="合计",
        row_kind="total",
        total=Decimal("500000"),
        personnel=Decimal("400000"),
        public=Decimal("100000"),
        source_lines=[3],
    )
    [facts] = facts_for([table.disclosure])
    value = running_costs.compute(facts)
    assert value.value == Decimal("100000")
    assert "公用经费" in value.details["stated_as"]
    assert "公用经费" in value.note


def test_nothing_stated_and_no_basic_table_is_missing():
    line = BudgetLineFactory()
    [facts] = facts_for([line.disclosure])
    value = running_costs.compute(facts)
    assert value.value is None
    assert "机关运行经费" in value.missing_reason
