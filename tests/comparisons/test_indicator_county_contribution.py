"""County contribution to the residents' insurance fund (2101202), on the five sample documents."""

import pytest

from .seeded import seeded_rows, source_text, wan

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("county", "shown"), [("顺平", "3,200.00"), ("郾城", "6,984.07"), ("高邑", "2,191.00")])
def test_the_2101202_amount_in_wan_yuan_linked_to_its_line(seeded_rows, county, shown):
    value = seeded_rows[county].values["county_contribution"]
    assert wan(value.value) == shown
    [source] = value.sources
    assert source.url.startswith(f"/documents/{seeded_rows[county].disclosure.pk}/#L")
    line = source_text(seeded_rows[county].disclosure, source.lines[0])
    assert shown.replace(",", "") in line.replace(",", "")


@pytest.mark.parametrize("county", ["盐边", "镇安"])
def test_no_2101202_line_is_missing_with_its_reason_never_zero(seeded_rows, county):
    value = seeded_rows[county].values["county_contribution"]
    assert value.value is None
    assert value.missing
    assert "2101202" in value.missing_reason
