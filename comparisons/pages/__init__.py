"""Reads for the comparison pages (dashboard, compare, bureau, search, document indicators).

Selectors in the HackSoft sense: keyword-only, bounded queries whatever the number of bureaus, no writes. They shape
`indicator_rows` into what one page shows; formatting and links live in tables.py and charts.py.

One module per page: dashboard.py, compare.py, bureau.py, search.py, document.py (a document's own indicators);
headlines.py declares the dashboard's headline comparisons, groups.py the year-and-kind groups and their medians.
The names below are what views, tables, charts, filters and the template tags import.
"""

from .bureau import CHANGE_KEYS, BureauOverview, FunctionalItem, YearChange, bureau_get_overview, year_changes
from .compare import bureau_choices, compare_rows
from .dashboard import DashboardData, bureau_list_for_dashboard, dashboard_filter_choices, dashboard_get
from .document import DocumentIndicators, document_indicators
from .groups import Group, groups_of, median, row_group
from .headlines import HEADLINE_BY_SLUG, HEADLINE_KEYS, HEADLINES, Detail, Headline, headline_indicators
from .search import SearchResult, bureau_search

__all__ = [
    "CHANGE_KEYS",
    "HEADLINES",
    "HEADLINE_BY_SLUG",
    "HEADLINE_KEYS",
    "BureauOverview",
    "DashboardData",
    "Detail",
    "DocumentIndicators",
    "FunctionalItem",
    "Group",
    "Headline",
    "SearchResult",
    "YearChange",
    "bureau_choices",
    "bureau_get_overview",
    "bureau_list_for_dashboard",
    "bureau_search",
    "compare_rows",
    "dashboard_filter_choices",
    "dashboard_get",
    "document_indicators",
    "groups_of",
    "headline_indicators",
    "median",
    "row_group",
    "year_changes",
]
