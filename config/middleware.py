"""Request filters that apply to every page."""

from django.conf import settings
from django.http import HttpResponseBadRequest


def client_ip(request) -> str:
    """The address a login attempt came from, for django-axes: the proxy's X-Real-IP where it is trusted."""
    if settings.TRUST_X_REAL_IP and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR", "")


class ChineseFirstMiddleware:
    """Drop the browser's Accept-Language so LocaleMiddleware decides by the language cookie, else zh-hans.

    A finance-bureau PC often runs an English browser; the site's users still read Chinese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RejectNulMiddleware:
    """A NUL character in the query string is never a real search; PostgreSQL refuses it with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any("\x00" in v for v in request.GET.values()):
            return HttpResponseBadRequest("查询参数中含有 NUL 字符。")
        return self.get_response(request)
