"""Medical assistance (21013): the class total, else its items with a note; the split by source where stated."""

from decimal import Decimal

import pytest
from django.utils import translation

from comparisons.facts import facts_for
from comparisons.indicators import medical_assistance
from disclosures.models import StatedFigure
from tests.factories import BudgetLineFactory, SourceTableFactory

from .seeded import seeded_rows, source_text, wan

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("county", "shown"), [("顺平", "140.00"), ("盐边", "607.27"), ("郾城", "284.52"), ("高邑", "170.00")]
)
def test_medical_assistance_of_the_samples(seeded_rows, county, shown):
    value = seeded_rows[county].values["medical_assistance"]
    assert wan(value.value) == shown
    first = value.sources[0]
    assert shown in source_text(seeded_rows[county].disclosure, first.lines[0]).replace(",", "")


def test_yanbian_final_account_shows_its_split_by_source(seeded_rows):
    row = seeded_rows["盐边"]
    assert row.disclosure.kind == "final"
    value = row.values["medical_assistance"]
    assert [wan(value.details[p]) for p in ("central", "provincial", "county")] == ["376.76", "80.51", "150.00"]
    assert value.details["split_stated"] is True
    # The split agrees with the total: no disagreement note about it.
    assert "来源资金合计" not in value.note
    labels = [s.label for s in value.sources]
    assert any("中央资金" in label for label in labels)


def test_a_document_without_the_class_total_says_it_used_the_items(seeded_rows):
    value = seeded_rows["郾城"].values["medical_assistance"]
    assert "21013" in value.note
    assert "2101301" in value.note
    assert value.details["split_stated"] is False
    assert value.details["central"] is None


def test_a_unit_without_medical_assistance_is_missing_not_zero(seeded_rows):
    value = seeded_rows["镇安"].values["medical_assistance"]
    assert value.value is None
    assert "21013" in value.missing_reason


def test_several_items_without_a_class_total_are_added_and_named():
    table = SourceTableFactory()
    BudgetLineFactory(table=table, code="2101301", name="城乡医疗救助", total=Decimal("1000000"), source_lines=[4])
    BudgetLineFactory(
        table=table, code="2101399", name="其他医疗救助支出", total=Decimal("250000.50"), source_lines=[5]
    )
    BudgetLineFactory(table=table, code="2101202", total=Decimal("9000000"), source_lines=[3])
    [facts] = facts_for([table.disclosure])
    value = medical_assistance.compute(facts)
    assert value.value == Decimal("1250000.50")
    assert "2101301" in value.note
    assert "2101399" in value.note
    assert [s.lines for s in value.sources] == [(4,), (5,)]
    # The document's own labels, listed as each language lists: 、 in Chinese, a comma in English.
    assert "2101301 城乡医疗救助、2101399 其他医疗救助支出" in value.note
    with translation.override("en"):
        assert "2101301 城乡医疗救助, 2101399 其他医疗救助支出" in str(value.notes[0])


def test_a_split_that_does_not_add_up_to_the_total_is_noted():
    line = BudgetLineFactory(code="21013", name="医疗救助", total=Decimal("1000000"))
    for key, amount in (("assistance_central", "500000"), ("assistance_provincial", "200000")):
        StatedFigure.objects.create(
            disclosure=line.disclosure, key=key, value=Decimal(amount), unit="元", line=9, quote="其中"
        )
    StatedFigure.objects.create(
        disclosure=line.disclosure, key="assistance_county", value=Decimal("100000"), unit="元", line=9, quote="县级"
    )
    [facts] = facts_for([line.disclosure])
    value = medical_assistance.compute(facts)
    assert value.value == Decimal("1000000")
    assert value.details["split_sum"] == Decimal("800000.00")
    assert "来源资金合计" in value.note
