"""Running costs as a share of the total: both from the same document, two decimals."""

from decimal import Decimal

import pytest

from .seeded import seeded_rows

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


def test_shunping_running_costs_are_0_63_percent_of_its_budget(seeded_rows):
    value = seeded_rows["顺平"].values["running_costs_share"]
    # 23.929万 ÷ 3,798.25万 = 0.630%
    assert value.value == Decimal("0.63")
    assert value.unit == "%"
    assert len(value.sources) == 2  # the running costs and the total, each linked


def test_the_public_expenses_label_travels_with_the_share(seeded_rows):
    value = seeded_rows["镇安"].values["running_costs_share"]
    # 9.38万 ÷ 313.17万 = 2.995%
    assert value.value == Decimal("3.00")
    assert "公用经费" in value.note
