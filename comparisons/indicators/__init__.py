"""The indicators, in the order the pages show them. One module per indicator; see base.py."""

from . import contribution_per_insured, county_contribution
from .base import Indicator, IndicatorValue, SourceRef

REGISTRY: tuple[Indicator, ...] = (
    county_contribution.INDICATOR,
    contribution_per_insured.INDICATOR,
)
BY_KEY: dict[str, Indicator] = {indicator.key: indicator for indicator in REGISTRY}

__all__ = ["BY_KEY", "REGISTRY", "Indicator", "IndicatorValue", "SourceRef"]
