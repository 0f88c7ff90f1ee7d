"""行政运行 as a share of the total, and per staff member; the note of an unusual code travels with them."""

from decimal import Decimal

import pytest

from .seeded import per_head, seeded_rows

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


def test_shunping_share(seeded_rows):
    # 260.22万 ÷ 3,798.25万 = 6.851%
    assert seeded_rows["顺平"].values["administrative_operation_share"].value == Decimal("6.85")


def test_yancheng_share_keeps_its_2080101_note(seeded_rows):
    value = seeded_rows["郾城"].values["administrative_operation_share"]
    # 268.10万 ÷ 7,661.49万 = 3.499%
    assert value.value == Decimal("3.50")
    assert "2080101" in value.note


def test_per_staff_member_where_a_headcount_is_stated(seeded_rows):
    # 盐边: 253.02万 ÷ 19 = 133,168.42; 镇安: 247.386万 ÷ 24 = 103,077.50
    assert per_head(seeded_rows["盐边"].values["administrative_operation_per_staff"].value) == "133,168.42"
    value = seeded_rows["镇安"].values["administrative_operation_per_staff"]
    assert per_head(value.value) == "103,077.50"
    assert "2101550" in value.note
    assert seeded_rows["高邑"].values["administrative_operation_per_staff"].value is None
