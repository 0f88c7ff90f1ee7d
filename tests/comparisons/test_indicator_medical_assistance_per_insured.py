"""Medical assistance per insured resident: the same denominator rule as the contribution per insured resident."""

import pytest

from comparisons.services import denominator_set
from disclosures.models import Region

from .seeded import per_head, rows_by_county, seeded_rows

__all__ = ["seeded_rows"]
pytestmark = pytest.mark.django_db


def test_shunping_divides_by_the_count_its_document_states(seeded_rows):
    value = seeded_rows["顺平"].values["medical_assistance_per_insured"]
    # 140万 ÷ 250,000 = 5.60
    assert per_head(value.value) == "5.60"
    assert value.details["denominator_origin"] == "stated"


def test_yanbian_final_account_divides_by_its_stated_15_96_wan_residents(seeded_rows):
    value = seeded_rows["盐边"].values["medical_assistance_per_insured"]
    # 607.27万 ÷ 159,600 = 38.049
    assert per_head(value.value) == "38.05"


def test_yancheng_is_missing_until_staff_enter_a_denominator(seeded_rows):
    assert seeded_rows["郾城"].values["medical_assistance_per_insured"].value is None
    denominator_set(
        region=Region.objects.get(code="411103"),
        year=2024,
        kind="insured_residents",
        value=400000,
        source="统计公报",
        user=None,
    )
    value = rows_by_county()["郾城"].values["medical_assistance_per_insured"]
    # 284.52万 ÷ 400,000 = 7.113
    assert per_head(value.value) == "7.11"
    assert value.sources[-1].note == "统计公报"
    # The numerator's note (no 21013 class total) travels with the ratio.
    assert "21013" in value.note
    assert "工作人员录入" in value.note


def test_a_unit_without_medical_assistance_has_no_per_head_either(seeded_rows):
    value = seeded_rows["镇安"].values["medical_assistance_per_insured"]
    assert value.value is None
    assert "21013" in value.missing_reason
