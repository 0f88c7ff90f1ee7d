"""Cached public pages, keyed by the data version: a page is computed once per version, language and URL.

`cache_public` wraps a view. It serves anonymous GET/HEAD requests from the cache; staff, other methods, requests
with messages waiting, and anything but a plain 200 go to the view. An import, a restore or a denominator change bumps
the data version (disclosures/versioning.py), so no page outlives the data it was made from. All middleware still
runs on a cached page (sessions, language, CSP); the CSRF token of the language form is the visitor's own, put into
the cached HTML when it is served, never the one of the visitor who filled the cache. The key holds a stamp of the
deploy too (code, templates, translations, the static files' manifest): after a deploy, no page made by the old code
or naming the old scripts is served.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import cache as once
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from disclosures.versioning import data_version_get

TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
MARK = b"\x00csrf\x00"
KEPT_HEADERS = ("Content-Disposition",)
# One render per page at a time in a process: the other requests for it wait and are served the result, rather than
# all rendering the same slow page at once when it is not cached yet (after an import, or at start).
_rendering: dict[str, threading.Lock] = {}
_rendering_guard = threading.Lock()


def _render_lock(key: str) -> threading.Lock:
    with _rendering_guard:
        return _rendering.setdefault(key, threading.Lock())


# What a page is made with besides the data: the project's code, templates and translations (a file cache outlives a
# deploy; its pages must not).
MADE_WITH = ("comparisons/**/*.py", "disclosures/**/*.py", "config/**/*.py", "templates/**/*.html", "locale/**/*.mo")


def files_stamp(*, root: Path, patterns: tuple[str, ...] = MADE_WITH) -> str:
    """A short stamp of the contents of the files under `root` that match `patterns`: another as soon as one changes."""
    digest = hashlib.sha256()
    for path in sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()}):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@once
def release_stamp() -> str:
    """This deploy, once per process: the code, templates and translations (`files_stamp`) and the static files'
    hashed names (production's manifest: a page names its scripts and styles by them)."""
    hashed = getattr(staticfiles_storage, "hashed_files", None) or {}
    assets = hashlib.sha256(repr(sorted(hashed.items())).encode()).hexdigest()[:12]
    return f"{files_stamp(root=settings.BASE_DIR)}{assets}"


def _key(request: HttpRequest, version: int) -> str:
    # The address too: the API's answers hold absolute links.
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{release_stamp()}:{version}:{translation.get_language()}:{address}"


def _cacheable_request(request: HttpRequest) -> bool:
    if isinstance(caches["default"], DummyCache):  # caching turned off (the tests): not even the version is read
        return False
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    return not len(get_messages(request))  # counting does not mark them read


def _serve(request: HttpRequest, entry: tuple) -> HttpResponse:
    content, content_type, headers = entry
    if MARK in content:
        content = content.replace(MARK, get_token(request).encode())
    response = HttpResponse(content, content_type=content_type)
    for name, value in headers:
        response[name] = value
    return response


def _render_and_store(view, request: HttpRequest, key: str, *args, **kwargs) -> HttpResponse:
    response = view(request, *args, **kwargs)
    if response.status_code != 200 or response.streaming or response.cookies:
        return response
    if hasattr(response, "render"):
        response.render()
    content = TOKEN.sub(lambda m: m.group(1) + MARK + m.group(3), response.content)
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    cache.set(key, (content, response["Content-Type"], headers), settings.PUBLIC_PAGE_SECONDS)
    return response


def cache_public(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request, data_version_get())
        entry = cache.get(key)
        if entry is not None:
            return _serve(request, entry)
        with _render_lock(key):
            entry = cache.get(key)  # rendered by another thread while this one waited
            if entry is not None:
                return _serve(request, entry)
            try:
                return _render_and_store(view, request, key, *args, **kwargs)
            finally:
                with _rendering_guard:
                    _rendering.pop(key, None)

    return wrapper
