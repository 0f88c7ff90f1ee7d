"""Routes of the comparison pages; included from config/urls.py before the disclosures routes."""

from django.urls import path

from . import api, downloads, views, views_methods, views_staff

urlpatterns = [
    path("methods/", views_methods.methods, name="methods"),
    path("", views.dashboard, name="home"),
    path("compare/", views.compare, name="compare"),
    path("bureaus/<int:pk>/", views.bureau_detail, name="bureau_detail"),
    path("search/", views.search, name="search"),
    # The read-only JSON API, its documentation page, the bulk downloads, and the staff denominator page.
    path("api/", api.docs, name="api_docs"),
    path("api/regions/", api.regions, name="api_regions"),
    path("api/bureaus/", api.bureaus, name="api_bureaus"),
    path("api/documents/", api.documents, name="api_documents"),
    path("api/documents/<int:pk>/", api.document, name="api_document"),
    path("api/documents/<int:pk>/lines/", api.document_lines, name="api_document_lines"),
    path("api/lines/", api.lines, name="api_lines"),
    path("api/indicators/", api.indicators, name="api_indicators"),
    path("downloads/lines.csv", downloads.lines_csv, name="download_lines"),
    path("downloads/indicators.csv", downloads.indicators_csv, name="download_indicators"),
    path("staff/denominators/", views_staff.denominators, name="denominators"),
    path("staff/denominators/<int:pk>/delete/", views_staff.denominator_remove, name="denominator_delete"),
]
