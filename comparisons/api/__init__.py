"""The read-only JSON API: regions, bureaus, documents, lines and indicator values.

One declaration (ENDPOINTS) lists every endpoint with its route, its FilterSet and its fields; urls.py routes from
it, the views read their query string with the FilterSet, and the documentation page at /api/ is generated from it.
Plain Django views returning JSON:

- GET (and HEAD) only; any other method gets 405 with an Allow header.
- Lists are paginated with limit/offset (DEFAULT_LIMIT, at most MAX_LIMIT) and say how many there are in all.
- Money is a decimal string in 元 ("32000000.00"), never a float; a missing value is null with its reason.
- Every figure carries its source: the document id, its source lines and the URL of the line on the document page.

endpoints.py holds the declaration, filters.py the FilterSets (the reading of the query string), serializers.py the
JSON of each object, views.py the views and the documentation page; the names below are what urls.py and others import.
"""

from .endpoints import ALLOWED_METHODS, BY_ENDPOINT, ENDPOINTS, Endpoint
from .filters import DEFAULT_LIMIT, MAX_LIMIT, ApiError, ApiFilterSet
from .serializers import (
    IndicatorValuesJson,
    bureau_json,
    document_brief,
    document_detail_json,
    document_json,
    jsonable,
    line_json,
    region_json,
)
from .views import (
    api_view,
    bureaus,
    docs,
    document,
    document_lines,
    documents,
    indicators,
    lines,
    paginate,
    regions,
    urlpatterns,
)

__all__ = [
    "ALLOWED_METHODS",
    "BY_ENDPOINT",
    "DEFAULT_LIMIT",
    "ENDPOINTS",
    "MAX_LIMIT",
    "ApiError",
    "ApiFilterSet",
    "Endpoint",
    "IndicatorValuesJson",
    "api_view",
    "bureau_json",
    "bureaus",
    "docs",
    "document",
    "document_brief",
    "document_detail_json",
    "document_json",
    "document_lines",
    "documents",
    "indicators",
    "jsonable",
    "line_json",
    "lines",
    "paginate",
    "region_json",
    "regions",
    "urlpatterns",
]
