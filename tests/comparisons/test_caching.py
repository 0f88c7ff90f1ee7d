"""Public pages cached per data version: a second visit costs one query, and an import or a denominator change is
seen at once. The language form of a cached page carries the visitor's own CSRF token."""

import io
import re
import threading

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.services import denominator_set
from disclosures.models import Region
from disclosures.versioning import data_version_get
from tests.factories import StaffFactory
from tests.imports.conftest import run_import, seed

from .pages_support import import_samples

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-caching"}}


@pytest.fixture(autouse=True)
def real_cache():
    with override_settings(CACHES=LOCMEM):
        cache.clear()
        yield
        cache.clear()


def test_a_second_visit_is_served_from_the_cache(client, django_assert_max_num_queries):
    import_samples()
    first = client.get(reverse("comparisons:home"))
    with django_assert_max_num_queries(1):  # the data version
        second = client.get(reverse("comparisons:home"))
    assert second.status_code == 200
    assert second.content.decode().count("顺平县") == first.content.decode().count("顺平县") > 0
    assert second["Content-Security-Policy"]  # middleware still runs on a cached page


def test_a_denominator_change_is_seen_at_once(client):
    import_samples()
    url = reverse("comparisons:home") + "?year=2024&kind=budget"  # 郾城's 2024 budget, which states no insured count
    assert "区统计公报" not in client.get(url).content.decode()
    version = data_version_get()
    denominator_set(
        region=Region.objects.get(code="411103"),
        year=2024,
        kind="insured_residents",
        value=400000,
        source="区统计公报",
        user=None,
    )
    assert data_version_get() > version
    html = client.get(url).content.decode()
    assert "区统计公报" in html and "174.60" in html


def test_an_import_is_seen_at_once(client, tmp_path):
    import_samples()
    api = reverse("comparisons:api_documents")
    before = client.get(api).json()["count"]
    run_import(str(seed("003")))  # already there: unchanged, nothing to see
    assert client.get(api).json()["count"] == before
    other_year = tmp_path / "gaoyi-2025.txt"
    other_year.write_text(seed("003").read_text(encoding="utf-8") + "\n（2025）\n", encoding="utf-8")
    records, _ = run_import(str(other_year), "--year", "2025")
    assert records[0]["status"] == "imported"
    assert client.get(api).json()["count"] == before + 1


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_cached_page_carries_each_visitors_own_csrf_token():
    import_samples()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_one = _token(first.get(reverse("comparisons:methods")).content.decode())
    page = second.get(reverse("comparisons:methods"))  # from the cache
    token_two = _token(page.content.decode())
    assert token_two != token_one
    assert "csrftoken" in page.cookies  # the visitor's own cookie, set as on any page
    switched = second.post(
        reverse("set_language"), {"language": "en", "next": "/methods/", "csrfmiddlewaretoken": token_two}
    )
    assert switched.status_code == 302 and switched["Location"] == "/en/methods/"  # the same page in English
    english = second.get(switched["Location"]).content.decode()
    assert 'lang="en"' in english


def test_staff_and_pending_messages_are_never_served_a_cached_page(client):
    import_samples()
    client.get(reverse("comparisons:home"))
    client.force_login(StaffFactory())
    assert (
        "导入文件" in client.get(reverse("comparisons:home")).content.decode()
    )  # the staff menu, not the cached public page


def test_a_page_not_cached_yet_is_rendered_once_while_others_wait(monkeypatch, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.http import HttpResponse

    from comparisons import caching

    monkeypatch.setattr(caching, "data_version_get", lambda: 7)
    started, release, calls = threading.Event(), threading.Event(), []

    def slow_view(request):
        calls.append(1)
        started.set()
        release.wait(timeout=30)
        return HttpResponse("<p>slow page</p>")

    view = caching.cache_public(slow_view)

    def visit(results):
        request = rf.get("/slow/")
        request.user, request.session = AnonymousUser(), {}
        request._messages = FallbackStorage(request)
        results.append(view(request).content)

    results = []
    first = threading.Thread(target=visit, args=(results,))
    first.start()
    started.wait(timeout=30)
    others = [threading.Thread(target=visit, args=(results,)) for _ in range(3)]
    for t in others:
        t.start()
    release.set()
    for t in (first, *others):
        t.join(timeout=30)
    assert len(calls) == 1
    assert results == [b"<p>slow page</p>"] * 4


def test_warm_pages_renders_the_home_pages_into_a_shared_cache(client, settings, tmp_path):
    settings.ALLOWED_HOSTS = ["testserver", "yibao.example.cn"]
    import_samples()
    files = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}}
    with override_settings(CACHES=files):
        out = io.StringIO()
        call_command("warm_pages", "--base-url", "https://yibao.example.cn/", stdout=out)
        assert "zh-hans:" in out.getvalue() and "en:" in out.getvalue()
        visitor = Client(HTTP_HOST="yibao.example.cn", **{"wsgi.url_scheme": "https"})
        paths = ("/", "/?year=2024&kind=budget", "/?_export=csv&_table=running", "/methods/", "/en/", "/en/methods/")
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                response = visitor.get(path)
            assert response.status_code == 200, path
            assert len(queries) <= 1, path  # the data version: the page itself came from the cache


def test_warm_pages_refuses_a_cache_of_one_process():
    with pytest.raises(CommandError, match="请用生产设置运行"):
        call_command("warm_pages", "--base-url", "https://yibao.example.cn/")


def test_a_deploy_with_other_static_files_is_not_served_pages_naming_the_old_ones(client, monkeypatch):
    """The pages name the hashed static files of their deploy: once the manifest changes (a new script), a page
    cached before is made again, not served with the old script's address."""
    from comparisons import caching

    class Storage:
        hashed_files = {"js/charts.js": "js/charts.0ld.js"}

    import_samples()
    monkeypatch.setattr(caching, "staticfiles_storage", Storage())
    caching.release_stamp.cache_clear()
    url = reverse("comparisons:home")
    client.get(url)
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    Storage.hashed_files = {"js/charts.js": "js/charts.new.js"}
    caching.release_stamp.cache_clear()
    with CaptureQueriesContext(connection) as after_deploy:
        client.get(url)
    caching.release_stamp.cache_clear()
    assert len(cached) == 1  # the data version only: served from the cache
    assert len(after_deploy) > 1  # made again


def test_the_deploy_stamp_changes_with_a_template_and_not_without(tmp_path):
    """A file cache outlives a deploy: its pages are keyed by what made them, so a changed template (or code, or
    translation) is another key, and a restart with the same files is the same one."""
    from comparisons.caching import files_stamp

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ value }}</p>")
    (tmp_path / "notes.txt").write_text("not part of a page")
    before = files_stamp(root=tmp_path)
    (tmp_path / "notes.txt").write_text("changed, still not part of a page")
    assert files_stamp(root=tmp_path) == before
    page.write_text("<p>{{ value|floatformat }}</p>")
    assert files_stamp(root=tmp_path) != before
