"""Reads of the comparisons app, by what they hold: documents.py (which documents), indicator_rows.py (their
stored indicator values and year-over-year changes), rankings.py (one indicator over a year and kind, ranked, with
its medians and distribution, in SQL), summaries.py (the same over every county, each province and each size band,
stored per data version), standing.py (one document's values among all counties, its province and its peers, from
those summaries), bands.py (size bands of insured residents). The JSON API and downloads read data_selectors.py."""

from .documents import (
    disclosure_latest_per_bureau,
    disclosure_list_current,
    disclosure_previous_map,
    region_province,
)
from .indicator_rows import (
    IndicatorChange,
    IndicatorRow,
    indicator_change,
    indicator_rows,
    indicator_rows_stored,
    indicator_values_each,
    indicator_values_of,
)

__all__ = [
    "IndicatorChange",
    "IndicatorRow",
    "disclosure_latest_per_bureau",
    "disclosure_list_current",
    "disclosure_previous_map",
    "indicator_change",
    "indicator_rows",
    "indicator_rows_stored",
    "indicator_values_each",
    "indicator_values_of",
    "region_province",
]
