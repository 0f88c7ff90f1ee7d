"""行政运行 (2101501); 2101550 of a 经办机构 and 2080101 of 郾城 with their notes; never added to running costs."""

from decimal import Decimal

import pytest

from comparisons.facts import facts_for
from comparisons.indicators import administrative_operation
from tests.factories import BudgetLineFactory, SourceTableFactory

from .seeded import seeded_rows, source_text, wan

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("county", "shown", "code"),
    [("顺平", "260.22", "2101501"), ("盐边", "253.02", "2101501"), ("高邑", "210.91", "2101501")],
)
def test_2101501_as_published(seeded_rows, county, shown, code):
    value = seeded_rows[county].values["administrative_operation"]
    assert wan(value.value) == shown
    assert value.note == ""
    assert value.sources[0].label.startswith(code)


def test_yancheng_books_it_under_2080101_and_the_note_says_so(seeded_rows):
    value = seeded_rows["郾城"].values["administrative_operation"]
    assert wan(value.value) == "268.10"
    assert "2080101" in value.note
    assert value.details["booked_under"] == "2080101"
    line = source_text(seeded_rows["郾城"].disclosure, value.sources[0].lines[0])
    assert "268.10" in line


def test_zhenan_agency_uses_2101550_institution_operation_with_a_note(seeded_rows):
    value = seeded_rows["镇安"].values["administrative_operation"]
    assert wan(value.value) == "247.39"
    assert "2101550" in value.note
    assert "事业运行" in value.note


def test_running_costs_and_administrative_operation_are_never_added(seeded_rows):
    for row in seeded_rows.values():
        added = row.values["running_costs"].value + row.values["administrative_operation"].value
        assert all(value.value != added for value in row.values.values())


def test_nothing_of_the_kind_is_missing():
    line = BudgetLineFactory(code="2101202")
    [facts] = facts_for([line.disclosure])
    value = administrative_operation.compute(facts)
    assert value.value is None
    assert "2101501" in value.missing_reason


def test_2101501_wins_over_a_2101550_line_of_the_same_document():
    table = SourceTableFactory()
    BudgetLineFactory(table=table, code="2101501", name="行政运行", total=Decimal("2000000"), source_lines=[3])
    BudgetLineFactory(table=table, code="2101550", name="事业运行", total=Decimal("500000"), source_lines=[4])
    [facts] = facts_for([table.disclosure])
    value = administrative_operation.compute(facts)
    assert value.value == Decimal("2000000")
    assert value.note == ""
