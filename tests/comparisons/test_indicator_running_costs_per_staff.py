"""Running costs per staff member, where the document states a headcount (实有人数 first, else 编制人数)."""

from decimal import Decimal

import pytest

from comparisons.facts import facts_for
from comparisons.indicators import running_costs_per_staff
from disclosures.models import StatedFigure
from tests.factories import DisclosureFactory

from .seeded import per_head, seeded_rows

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


def test_yanbian_divides_by_its_19_staff_in_post(seeded_rows):
    value = seeded_rows["盐边"].values["running_costs_per_staff"]
    # 30.67万 ÷ 19 = 16,142.105
    assert per_head(value.value) == "16,142.11"
    assert value.details["staff"] == 19


def test_zhenan_uses_the_24_people_in_post_not_the_26_posts(seeded_rows):
    value = seeded_rows["镇安"].values["running_costs_per_staff"]
    # 9.38万 ÷ 24 = 3,908.33
    assert per_head(value.value) == "3,908.33"
    assert value.details["staff_label"] == "实有人数"


def test_a_document_without_a_headcount_is_missing_with_the_reason(seeded_rows):
    value = seeded_rows["顺平"].values["running_costs_per_staff"]
    assert value.value is None
    assert "人数" in value.missing_reason


def test_only_approved_posts_stated_is_used_and_noted():
    d = DisclosureFactory()
    StatedFigure.objects.create(
        disclosure=d, key="running_costs", label="机关运行经费", value=Decimal("200000"), unit="元", line=2, quote="x"
    )
    StatedFigure.objects.create(
        disclosure=d, key="staff", label="编制人数", value=Decimal("8"), unit="人", line=3, quote="编制8人"
    )
    [facts] = facts_for([d])
    value = running_costs_per_staff.compute(facts)
    assert value.value == Decimal("25000.00")
    assert "编制" in value.note
