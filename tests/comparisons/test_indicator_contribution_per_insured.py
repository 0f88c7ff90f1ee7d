"""County contribution per insured resident: the figures issue 4 lists, the denominator rule, the stated per head."""

from decimal import Decimal

import pytest

from comparisons.facts import facts_for
from comparisons.indicators import contribution_per_insured
from comparisons.models import Denominator
from comparisons.services import denominator_set
from disclosures.models import Disclosure, Region, StatedFigure
from tests.factories import BudgetLineFactory

from .seeded import import_seeds, per_head, rows_by_county, seeded_rows

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


def test_shunping_2023_is_128_yuan_and_20_percent_of_640(seeded_rows):
    value = seeded_rows["顺平"].values["contribution_per_insured"]
    # 3200万 ÷ 250,000 = 128.00; 128 ÷ 640 = 20.0%
    assert per_head(value.value) == "128.00"
    assert value.details["national_minimum"] == 640
    assert value.details["share_of_national_minimum"] == Decimal("20.0")
    assert value.details["stated_per_head"] == Decimal("128.00")
    assert value.details["insured_residents"] == 250000
    assert value.note == ""  # the stated 128 agrees with the computed 128.00
    assert [s.url != "" for s in value.sources] == [True, True, True]


def test_gaoyi_2026_is_140_yuan_and_19_3_percent_of_724(seeded_rows):
    value = seeded_rows["高邑"].values["contribution_per_insured"]
    # 2191万 ÷ 156,500 = 140.00; 140 ÷ 724 = 19.34% -> 19.3
    assert per_head(value.value) == "140.00"
    assert value.details["national_minimum"] == 724
    assert value.details["share_of_national_minimum"] == Decimal("19.3")
    assert value.details["stated_per_head"] == Decimal("140.00")


def test_yancheng_states_no_insured_count_so_per_head_is_missing_with_the_reason(seeded_rows):
    value = seeded_rows["郾城"].values["contribution_per_insured"]
    assert value.value is None
    assert "参保人数" in value.missing_reason
    # The amount it would divide is still linked, so the user sees what is there.
    assert value.sources[0].lines


def test_yancheng_after_staff_enter_a_denominator_the_figure_appears_with_that_source(seeded_rows):
    denominator_set(
        region=Region.objects.get(code="411103"),
        year=2024,
        kind=Denominator.Kind.INSURED_RESIDENTS,
        value=400000,
        source="漯河市郾城区2024年城乡居民医保参保统计",
        source_url="https://example.org/yancheng-2024",
        user=None,
    )
    value = rows_by_county()["郾城"].values["contribution_per_insured"]
    # 69,840,700 元 ÷ 400,000 = 174.60175
    assert per_head(value.value) == "174.60"
    assert value.details["denominator_origin"] == "entered"
    entered = value.sources[1]
    assert "400,000" in entered.label
    assert entered.note == "漯河市郾城区2024年城乡居民医保参保统计"
    assert entered.url == "https://example.org/yancheng-2024"
    assert "工作人员录入" in value.note


def test_a_document_imported_after_staff_entered_its_denominator_divides_by_it_from_the_start(db):
    # The values computed where the file is parsed know of no staff denominator: the import computes them again.
    denominator_set(
        region=Region.objects.get(code="411103"),
        year=2024,
        kind=Denominator.Kind.INSURED_RESIDENTS,
        value=400000,
        source="漯河市郾城区2024年城乡居民医保参保统计",
        source_url="https://example.org/yancheng-2024",
        user=None,
    )
    documents = import_seeds()
    value = rows_by_county()["郾城"].values["contribution_per_insured"]
    assert per_head(value.value) == "174.60"
    assert value.details["denominator_origin"] == "entered"
    line, entered = value.sources
    assert line.disclosure_id == documents["郾城"].pk and line.lines
    assert entered.url == "https://example.org/yancheng-2024"
    # The other counties' values are computed where they were parsed, and link to their own documents.
    value = rows_by_county()["顺平"].values["contribution_per_insured"]
    assert per_head(value.value) == "128.00"
    assert {s.disclosure_id for s in value.sources} == {documents["顺平"].pk}


def test_a_denominator_for_another_year_does_not_apply(seeded_rows):
    denominator_set(
        region=Region.objects.get(code="411103"),
        year=2023,
        kind="insured_residents",
        value=400000,
        source="2023",
        user=None,
    )
    assert rows_by_county()["郾城"].values["contribution_per_insured"].value is None


def test_the_count_stated_in_the_document_wins_over_a_staff_entered_one(seeded_rows):
    denominator_set(
        region=Region.objects.get(code="130636"),
        year=2023,
        kind="insured_residents",
        value=1,
        source="wrong",
        user=None,
    )
    assert per_head(rows_by_county()["顺平"].values["contribution_per_insured"].value) == "128.00"


@pytest.mark.parametrize("county", ["盐边", "镇安"])
def test_no_2101202_line_is_shown_as_such(seeded_rows, county):
    value = seeded_rows[county].values["contribution_per_insured"]
    assert value.value is None
    assert "2101202" in value.missing_reason


def _document(*, amount: str, insured: str | None, stated: str | None):
    line = BudgetLineFactory(total=Decimal(amount))
    d = line.disclosure
    if insured:
        StatedFigure.objects.create(
            disclosure=d, key="insured_residents", value=Decimal(insured), unit="人", line=5, quote="参保"
        )
    if stated:
        StatedFigure.objects.create(
            disclosure=d, key="subsidy_per_insured", value=Decimal(stated), unit="元/人", line=6, quote="每人"
        )
    return d


def test_a_stated_per_head_that_disagrees_with_the_computed_one_is_noted():
    d = _document(amount="10000000", insured="100000", stated="90")
    [facts] = facts_for([d])
    value = contribution_per_insured.compute(facts)
    assert value.value == Decimal("100.00")
    assert "90.00" in value.note
    assert "100.00" in value.note


def test_a_year_outside_the_reference_table_has_no_share_and_says_so():
    d = _document(amount="10000000", insured="100000", stated=None)
    d.fiscal_year = 2019
    d.save()
    [facts] = facts_for([Disclosure.objects.get(pk=d.pk)])
    value = contribution_per_insured.compute(facts)
    assert value.value == Decimal("100.00")
    assert value.details["share_of_national_minimum"] is None
    assert "2019" in value.note
