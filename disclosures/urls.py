from django.urls import path

from comparisons.caching import cache_public

from . import views, views_bureaus, views_import

app_name = "disclosures"
urlpatterns = [
    # The home page is the comparisons dashboard (comparisons/urls.py), which also lists bureaus and documents.
    path("documents/<int:pk>/", cache_public(views.disclosure_detail), name="disclosure_detail"),
    path("import/", views_import.upload, name="upload"),
    path("import/confirm/", views_import.upload_confirm, name="upload_confirm"),
    path("staff/bureaus/", views_bureaus.likely_duplicates, name="bureau_duplicates"),
    path("staff/bureaus/merge/", views_bureaus.merge, name="bureau_merge"),
]
