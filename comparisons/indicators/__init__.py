"""The indicators, in the order the pages show them. One module per indicator; see base.py.

Ratios (shares, per head) are their own indicators, each computing its numerator through the numerator's module,
so the numerator's note (an unusual code, a 公用经费 stated instead of 机关运行经费) travels with them.
"""

from . import (
    administrative_operation,
    administrative_operation_per_staff,
    administrative_operation_share,
    basic_share,
    basic_spending,
    contribution_per_insured,
    county_contribution,
    medical_assistance,
    medical_assistance_per_insured,
    project_share,
    project_spending,
    running_costs,
    running_costs_per_staff,
    running_costs_share,
    total_budget,
)
from .base import GROUPS, Indicator, IndicatorValue, SourceRef

REGISTRY: tuple[Indicator, ...] = (
    county_contribution.INDICATOR,
    contribution_per_insured.INDICATOR,
    medical_assistance.INDICATOR,
    medical_assistance_per_insured.INDICATOR,
    running_costs.INDICATOR,
    running_costs_share.INDICATOR,
    running_costs_per_staff.INDICATOR,
    administrative_operation.INDICATOR,
    administrative_operation_share.INDICATOR,
    administrative_operation_per_staff.INDICATOR,
    total_budget.INDICATOR,
    basic_spending.INDICATOR,
    basic_share.INDICATOR,
    project_spending.INDICATOR,
    project_share.INDICATOR,
)
BY_KEY: dict[str, Indicator] = {indicator.key: indicator for indicator in REGISTRY}
# The three measures the dashboard leads with: contribution per insured resident, medical assistance, running costs.
HEADLINE: tuple[Indicator, ...] = tuple(indicator for indicator in REGISTRY if indicator.headline)

__all__ = ["BY_KEY", "GROUPS", "HEADLINE", "REGISTRY", "Indicator", "IndicatorValue", "SourceRef"]
