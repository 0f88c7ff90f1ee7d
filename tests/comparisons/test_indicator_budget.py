"""Total spending, basic and project spending and their shares: checked against the shares the documents state."""

from decimal import Decimal

import pytest

from comparisons.facts import facts_for
from comparisons.indicators import basic_share
from tests.factories import DisclosureFactory

from .seeded import seeded_rows, wan

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("county", "total", "basic", "project"),
    [
        ("顺平", "3,798.25", "338.02", "3,460.23"),
        ("盐边", "959.14", "331.08", "628.06"),
        ("郾城", "7,661.49", "340.90", "7,320.59"),
        ("高邑", "2,654.58", "243.88", "2,410.70"),
        ("镇安", "313.17", "268.17", "45.00"),
    ],
)
def test_totals_as_published(seeded_rows, county, total, basic, project):
    values = seeded_rows[county].values
    assert wan(values["total_budget"].value) == total
    assert wan(values["basic_spending"].value) == basic
    assert wan(values["project_spending"].value) == project


@pytest.mark.parametrize(
    ("county", "basic", "project"),
    # 郾城 writes "基本支出 340.90 万元，占 4.45%…项目支出7320.59万元，占95.55%"; 盐边 "基本支出331.08万元，占34.52%".
    [("郾城", "4.45", "95.55"), ("盐边", "34.52", "65.48")],
)
def test_shares_agree_with_what_the_documents_state(seeded_rows, county, basic, project):
    values = seeded_rows[county].values
    assert values["basic_share"].value == Decimal(basic)
    assert values["project_share"].value == Decimal(project)


def test_a_narrative_total_that_differs_from_the_table_is_noted(seeded_rows):
    # 顺平 writes 3798.42万元 in its prose; its tables add to 3,798.25.
    value = seeded_rows["顺平"].values["total_budget"]
    assert "3,798.42" in value.note


def test_a_document_without_tables_or_totals_is_missing_everywhere():
    [facts] = facts_for([DisclosureFactory()])
    value = basic_share.compute(facts)
    assert value.value is None
    assert "基本支出" in value.missing_reason
