"""Indicator messages keep their amounts as numbers and put them into words only when shown (formatting.py); a reason
a value is missing has a few words for the value's cell too."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from comparisons.indicators import medical_assistance, running_costs, total_budget
from comparisons.indicators.base import SHORT, Message


def test_an_amount_is_stored_in_yuan_and_shown_in_wan_with_its_unit():
    label = medical_assistance.SPLIT_LABELS["central"](amount=Decimal("3767600.00"))
    assert dict(label.params) == {"amount": "3767600.00"}
    assert str(label) == "中央资金 376.76 万元"


def test_several_amounts_and_amounts_in_yuan():
    note = total_budget.OTHER_TOTALS(values=[Decimal("37984200"), Decimal("38000000.00")])
    assert str(note) == "文字说明中另写有总额 3,798.42、3,800.00 万元，与表中合计不同；见该文件的核对结果。"
    differs = medical_assistance.SPLIT_DIFFERS(split=Decimal("1507600"), value=Decimal("1400000.5"))
    assert str(differs) == "文件所述各来源资金合计 1,507,600.00 元，与医疗救助支出 1,400,000.50 元不同。"
    stated = running_costs.STATED(label="机关运行经费", amount=Decimal("239290"))
    assert str(stated) == "机关运行经费 23.93 万元"


def test_a_message_stored_by_an_older_definition_is_shown_as_its_values_not_an_error():
    older = Message("medical_assistance.central", (("wan", "376.76"),))
    assert str(older) == "376.76"
    counted = Message("facts.stated_insured", (("n", "250,000"),))  # formatted before counts were stored as numbers
    assert str(counted) == "250,000"


def test_every_reason_a_value_is_missing_has_a_few_words_for_its_cell_in_both_languages():
    # The cell of a missing value shows them under 缺失, in a column as narrow as its numbers.
    assert {"ratios.no_insured", "county_contribution.no_line", "running_costs.not_stated"} <= set(SHORT)
    for code in SHORT:
        reason = Message(code)
        assert 0 < len(reason.short) <= 12, (code, reason.short)
        with translation.override("en"):
            assert reason.short != SHORT[code] and len(reason.short) <= 20, (code, reason.short)


def test_a_message_without_a_few_words_has_none():
    assert running_costs.STATED(label="机关运行经费", amount=Decimal("239290")).short == ""
