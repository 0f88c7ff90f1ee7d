"""The API views (read-only, JSON) and the documentation page generated from ENDPOINTS."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from comparisons import data_selectors
from comparisons.caching import cache_public
from comparisons.indicators import REGISTRY
from comparisons.selectors import (
    disclosure_latest_per_bureau,
    disclosure_list_current,
    indicator_rows_stored,
    region_province,
)
from disclosures.models import Disclosure, Region

from .endpoints import ALLOWED_METHODS, BY_ENDPOINT, ENDPOINTS, PREFIX
from .filters import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, ApiError
from .serializers import (
    IndicatorValuesJson,
    bureau_json,
    document_brief,
    document_detail_json,
    document_json,
    line_json,
    region_json,
)

# --- the views ---


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


def api_view(key: str):
    """Read-only: GET/HEAD only (405 otherwise), the endpoint's filters parsed, errors as JSON."""

    endpoint = BY_ENDPOINT[key]

    def decorator(view):
        @csrf_exempt  # nothing here writes; a POST gets 405 rather than a CSRF page
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method not in ALLOWED_METHODS:
                response = _json({"error": _("只读接口，只接受 GET 请求。")}, status=405)
                response["Allow"] = ", ".join(ALLOWED_METHODS)
                return response
            try:
                params = endpoint.filterset.read(request.GET)
                return _json(view(request, params, *args, **kwargs))
            except ApiError as exc:
                return _json({"error": exc.message, "field": exc.field or None}, status=exc.status)
            except ObjectDoesNotExist:
                return _json({"error": _("没有这个文件。"), "field": None}, status=404)

        return wrapper

    return decorator


def paginate(request: HttpRequest, params: dict, items: QuerySet | list) -> tuple[list, dict]:
    """One page of `items` and the envelope around it (count, limit, offset, next, previous)."""
    limit = params.get("limit", DEFAULT_LIMIT)
    offset = params.get("offset", 0)
    count = items.count() if isinstance(items, QuerySet) else len(items)
    page = list(items[offset : offset + limit])

    def link(at: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(limit), str(at)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    meta = {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count and offset + limit <= MAX_OFFSET else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
    }
    return page, meta


@api_view("regions")
def regions(request, params):
    qs = data_selectors.region_list(
        q=params.get("q", ""), level=params.get("level", ""), parent=params.get("parent", "")
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [region_json(r) for r in page]}


@api_view("bureaus")
def bureaus(request, params):
    qs = data_selectors.bureau_list(
        region=params.get("region", ""), province=params.get("province", ""), q=params.get("q", "")
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [bureau_json(request, b) for b in page]}


@api_view("documents")
def documents(request, params):
    qs = data_selectors.disclosure_list(
        bureau=params.get("bureau"),
        year=params.get("year"),
        kind=params.get("kind", ""),
        scope=params.get("scope", ""),
        status=params.get("status", Disclosure.Status.CURRENT),
        region=params.get("region", ""),
    )
    page, meta = paginate(request, params, qs)
    page = data_selectors.disclosures_line_counted(documents=page)
    return meta | {"results": [document_json(request, d) for d in page]}


@api_view("document")
def document(request, params, pk: int):
    return document_detail_json(request, data_selectors.disclosure_get_open(pk=pk))


@api_view("document_lines")
def document_lines(request, params, pk: int):
    if not Disclosure.objects.filter(pk=pk).exists():
        raise ApiError(_("没有这个文件。"), status=404)
    qs = data_selectors.line_list(
        disclosure=pk,
        code=params.get("code", ""),
        code_prefix=params.get("code_prefix", ""),
        classification=params.get("classification", ""),
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [line_json(request, line) for line in page]}


@api_view("lines")
def lines(request, params):
    qs = data_selectors.line_list(
        code=params.get("code", ""),
        code_prefix=params.get("code_prefix", ""),
        year=params.get("year"),
        kind=params.get("kind", ""),
        region=params.get("region", ""),
        classification=params.get("classification", ""),
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [line_json(request, line) for line in page]}


@api_view("indicators")
def indicators(request, params):
    bureau = params.get("bureau")
    documents = disclosure_list_current(
        province=params.get("province"),
        prefecture=params.get("prefecture"),
        year=params.get("year"),
        kind=params.get("kind"),
        bureau_ids=[bureau] if bureau else None,
    )
    if params.get("latest"):
        documents = disclosure_latest_per_bureau(documents=documents)
    page, meta = paginate(request, params, documents)
    keys = list(dict.fromkeys(params.get("indicator") or [i.key for i in REGISTRY]))
    answer = IndicatorValuesJson(request)
    results = [
        {
            "document": document_brief(request, document)
            | {"province": _code(region_province(region=document.bureau.region))},
            "values": {key: answer.stored(values[key]) for key in keys},
        }
        for document, values in indicator_rows_stored(disclosures=page, keys=keys)
    ]
    return meta | {"indicators": answer.indicators(keys), "results": results}


def _code(region: Region | None) -> str | None:
    return region.code if region is not None else None


@require_safe
def docs(request):
    """The documentation page, generated from ENDPOINTS and their FilterSets."""
    endpoints = []
    for endpoint in ENDPOINTS:
        example = PREFIX + endpoint.route + endpoint.example if endpoint.example and "<" not in endpoint.route else ""
        endpoints.append({"endpoint": endpoint, "filters": endpoint.filters, "example": example})
    context = {
        "endpoints": endpoints,
        "default_limit": DEFAULT_LIMIT,
        "max_limit": MAX_LIMIT,
        "indicators": REGISTRY,
        "base_url": request.build_absolute_uri(PREFIX),
    }
    return render(request, "comparisons/api_docs.html", context)


def urlpatterns() -> list[URLPattern]:
    """One route per endpoint of ENDPOINTS (its view is the function of the same name here), and the docs page."""
    views = globals()
    routes = [path(e.route, cache_public(views[e.key]), name=f"api_{e.key}") for e in ENDPOINTS]
    return [path("", cache_public(docs), name="api_docs"), *routes]
