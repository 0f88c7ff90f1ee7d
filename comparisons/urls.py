"""Routes of the comparison pages; included from config/urls.py before the disclosures routes.

The public pages and the API are cached per data version (caching.py); downloads stream and staff pages write."""

from django.urls import include, path

from . import api, downloads, views, views_methods, views_staff
from .caching import cache_public

app_name = "comparisons"
urlpatterns = [
    path("methods/", cache_public(views_methods.methods), name="methods"),
    path("", cache_public(views.dashboard), name="home"),
    path("compare/", cache_public(views.compare), name="compare"),
    path("bureaus/<int:pk>/", cache_public(views.bureau_detail), name="bureau_detail"),
    path("search/", cache_public(views.search), name="search"),
    # The read-only JSON API, its documentation page, the bulk downloads, and the staff denominator page.
    path("api/", include(api.urlpatterns())),
    path("downloads/lines.csv", downloads.lines_csv, name="download_lines"),
    path("downloads/indicators.csv", downloads.indicators_csv, name="download_indicators"),
    path("staff/", views_staff.staff_home, name="staff_home"),
    path("staff/denominators/", views_staff.denominators, name="denominators"),
    path("staff/denominators/<int:pk>/delete/", views_staff.denominator_remove, name="denominator_delete"),
]
