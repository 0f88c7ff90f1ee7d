"""Rows written in bulk (disclosures/services/bulk.py) read back exactly as they were given: on PostgreSQL the lines
go as COPY text, whose escapes must not change a character of a name or of a JSON column. A line's table is its
document's."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from disclosures.models import BudgetLine, Disclosure, SourceTable
from disclosures.services.bulk import row_insert, rows_copy, rows_encode
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory

pytestmark = pytest.mark.django_db

AWKWARD = "反斜杠\\ 制表\t换行\n回车\r\\N \\t 结束"


def _line(position: int, **changes) -> dict:
    row = {
        "position": position,
        "classification": "functional",
        "code": "2101202",
        "name": "财政对城乡居民基本医疗保险基金的补助",
        "published_name": "财政对城乡居民基本医疗保",
        "row_kind": "",
        "other_amounts": {},
        "source_lines": [position + 10],
        "first_line": position + 10,
        "from_narrative": False,
        "total": Decimal("32000000.00"),
        "basic": None,
        "project": Decimal("-0.01"),
        "personnel": None,
        "public": Decimal("0.00"),
    }
    return row | changes


def test_copied_lines_read_back_character_for_character():
    disclosure = DisclosureFactory.build(bureau=BureauFactory())
    table = {"key": "expenditure_summary", "title": "支出总表", "unit": "万元", "start_line": 1, "end_line": 9}
    narrative = {"key": "narrative", "title": "文字说明\t中的支出数", "unit": "", "start_line": 10, "end_line": 20}
    first, second = row_insert(
        disclosure,
        children=[table | {"position": 0}, narrative | {"position": 1, "declared_empty": True}],
        child=SourceTable._meta.get_field("disclosure"),
    )
    assert Disclosure.objects.get(pk=disclosure.pk).source_text == disclosure.source_text
    rows = [
        _line(0, name=AWKWARD, published_name="\\", other_amounts={"其他\t列\\": "1.50", "换\n行": "-2"}),
        _line(1, row_kind="total", from_narrative=True, source_lines=[11, 12]),
    ]
    encoded = rows_encode(BudgetLine, rows, given=("disclosure_id", "table_id"))
    rows_copy(encoded, [(disclosure.pk, second), (disclosure.pk, first)])

    awkward, total = BudgetLine.objects.filter(disclosure=disclosure).order_by("position")
    assert (awkward.name, awkward.published_name) == (AWKWARD, "\\")
    assert awkward.other_amounts == {"其他\t列\\": "1.50", "换\n行": "-2"}
    assert (awkward.total, awkward.basic, awkward.project, awkward.public) == (
        Decimal("32000000.00"),
        None,
        Decimal("-0.01"),
        Decimal("0.00"),
    )
    assert awkward.table.title == "文字说明\t中的支出数" and awkward.table.declared_empty
    assert (total.row_kind, total.from_narrative, total.source_lines) == ("total", True, [11, 12])
    assert total.table.key == "expenditure_summary" and not total.table.declared_empty


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a key of two columns: PostgreSQL's (migration 0010)")
def test_a_line_is_refused_a_table_of_another_document_or_none():
    line = BudgetLineFactory()
    other = SourceTableFactory(disclosure__bureau=line.disclosure.bureau, disclosure__fiscal_year=2024)
    for change in ({"disclosure": other.disclosure}, {"table": other}, {"table_id": other.pk + 1000}):
        with pytest.raises(IntegrityError), transaction.atomic():
            BudgetLine.objects.filter(pk=line.pk).update(**change)
            connection.check_constraints()  # the key is checked at commit: now
    BudgetLine.objects.filter(pk=line.pk).update(disclosure=other.disclosure, table=other)
    connection.check_constraints()
