"""Request filters that apply to every page."""

import re

from django.conf import settings
from django.http import HttpResponseBadRequest

from comparisons.params import is_number


def client_ip(request) -> str:
    """The address a login attempt came from, for django-axes: the proxy's X-Real-IP where it is trusted."""
    if settings.TRUST_X_REAL_IP and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR", "")


class RejectNulMiddleware:
    """A NUL character in the query string is never a real search; PostgreSQL refuses it with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any("\x00" in v for v in request.GET.values()):
            return HttpResponseBadRequest("查询参数中含有 NUL 字符。")
        return self.get_response(request)


# Column names, each optionally descending, comma-separated: what a table's sort links carry.
SORT = re.compile(r"-?[A-Za-z_][A-Za-z0-9_]{0,63}(?:,-?[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}")


class BoundedPagingMiddleware:
    """A table's `page` and `per_page` (with or without a table prefix, as django-tables2 names them) are small
    positive whole numbers; anything else (-1, 0, ², a number with 40 digits) is dropped, so the default applies.
    Paginators divide by per_page and databases cannot take every offset: left as they came, such values answer 500.
    A table's `sort` names columns (`-bureau,year`); any other value is dropped too: django-tables2 reads a dotted
    one as a path into each row's attributes.
    """

    MAX_PER_PAGE = 500
    MAX_PAGE = 10**6

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = [n for n in request.GET if n in ("page", "sort") or n.endswith(("-page", "per_page", "-sort"))]
        if names:
            query = request.GET.copy()
            for name in names:
                if name.endswith("sort"):
                    values = [v for v in query.getlist(name) if SORT.fullmatch(v)]
                else:
                    limit = self.MAX_PER_PAGE if name.endswith("per_page") else self.MAX_PAGE
                    values = [v for v in query.getlist(name) if is_number(v) and 1 <= int(v) <= limit]
                query.setlist(name, values[-1:])
                if not values:
                    del query[name]
            query._mutable = False
            request.GET = query
        return self.get_response(request)
