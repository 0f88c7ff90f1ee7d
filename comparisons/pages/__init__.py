"""Reads for the comparison pages (dashboard, compare, bureau, search, document indicators).

Selectors in the HackSoft sense: keyword-only, bounded queries whatever the number of bureaus, no writes. They shape
`indicator_rows` into what one page shows; formatting and links live in tables.py and charts.py.

One module per page: dashboard.py, compare.py, bureau.py, search.py, document.py (a document's own indicators),
staff_home.py (what staff need to fix); headlines.py declares the dashboard's headline comparisons, groups.py the
year-and-kind groups and their medians, profile.py the bureau page's county profile. dashboard_page.py shapes the
dashboard's reads into the page shown (its tables and charts); it is imported from there, not from here, since
tables.py and charts.py import from here.
The names below are what views, tables, charts, filters and the template tags import.
"""

from .bureau import CHANGE_KEYS, BureauOverview, FunctionalItem, YearChange, bureau_get_overview, year_changes
from .compare import BarYear, bureau_candidates, bureau_choices, compare_bar_years, compare_rows
from .dashboard import (
    DashboardData,
    Distribution,
    Finder,
    Section,
    dashboard_get,
    dashboard_periods,
    dashboard_regions,
    default_year,
)
from .document import DocumentIndicators, document_indicators
from .groups import Group
from .headlines import HEADLINE_BY_SLUG, HEADLINE_KEYS, HEADLINES, Detail, Headline, headline_indicators
from .profile import MEASURES, Measure, Profile, ProfileItem, bureau_profile
from .search import SearchResult, bureau_search
from .staff_home import StaffHome, staff_home_get

__all__ = [
    "CHANGE_KEYS",
    "HEADLINES",
    "HEADLINE_BY_SLUG",
    "HEADLINE_KEYS",
    "MEASURES",
    "BarYear",
    "BureauOverview",
    "DashboardData",
    "Detail",
    "Distribution",
    "DocumentIndicators",
    "Finder",
    "FunctionalItem",
    "Group",
    "Headline",
    "Measure",
    "Profile",
    "ProfileItem",
    "SearchResult",
    "Section",
    "StaffHome",
    "YearChange",
    "bureau_candidates",
    "bureau_choices",
    "bureau_get_overview",
    "bureau_profile",
    "bureau_search",
    "compare_bar_years",
    "compare_rows",
    "dashboard_get",
    "dashboard_periods",
    "dashboard_regions",
    "default_year",
    "document_indicators",
    "headline_indicators",
    "staff_home_get",
    "year_changes",
]
