"""Writes of the comparisons app: staff denominators, and the stored indicator values they and the importer feed.

Named <entity>_<action>, keyword-only typed arguments; views and commands call these and nothing else writes.
"""

from .denominators import denominator_delete, denominator_set
from .indicator_values import (
    indicator_values_drop_retired,
    indicator_values_for_import,
    indicator_values_rank,
    indicator_values_refresh,
    indicator_values_refresh_for_denominator,
    indicator_values_stale,
)
from .slice_summaries import slice_summaries_carry

__all__ = [
    "denominator_delete",
    "denominator_set",
    "indicator_values_drop_retired",
    "indicator_values_for_import",
    "indicator_values_rank",
    "indicator_values_refresh",
    "indicator_values_refresh_for_denominator",
    "indicator_values_stale",
    "slice_summaries_carry",
]
