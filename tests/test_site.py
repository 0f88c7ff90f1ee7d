import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .factories import BudgetLineFactory, StaffFactory, store_indicators

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_home_ranks_bureaus_and_links_their_documents_in_chinese(client):
    line = BudgetLineFactory()
    store_indicators()
    response = client.get(reverse("comparisons:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "顺平县医疗保障局" in html
    assert "河北省 保定市 顺平县" in html
    assert reverse("disclosures:disclosure_detail", args=[line.disclosure.pk]) in html
    assert "2023年预算" in html and "部门预算" in html


def test_home_says_so_when_the_database_is_empty(client):
    assert "数据库中还没有公开文件" in client.get(reverse("comparisons:home")).content.decode()


def test_language_switch_shows_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "County medical insurance budgets" in html


def test_document_page_shows_figures_in_wan_yuan_linked_to_source_lines(client):
    line = BudgetLineFactory()
    html = client.get(reverse("disclosures:disclosure_detail", args=[line.disclosure.pk])).content.decode()
    assert "3,200.00" in html  # 32,000,000 元 shown as 万元
    assert 'href="#L3"' in html
    assert 'id="L3"' in html


@pytest.mark.parametrize("method", ["post", "put", "delete", "trace"])
def test_public_pages_answer_405_to_anything_but_get_and_head(client, method):
    line = BudgetLineFactory()
    pages = ["/", "/methods/", "/search/", reverse("disclosures:disclosure_detail", args=[line.disclosure.pk])]
    for url in pages:
        assert getattr(client, method)(url).status_code == 405, url
        assert client.head(url).status_code == 200, url


def test_unknown_document_is_404(client):
    assert client.get(reverse("disclosures:disclosure_detail", args=[999999])).status_code == 404


def test_admin_needs_login_and_is_in_chinese(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert "登录" in response.content.decode()
    client.force_login(StaffFactory(is_superuser=True))
    html = client.get("/admin/disclosures/disclosure/").content.decode()
    assert "公开文件" in html


def test_static_assets_come_from_the_project_not_a_cdn(client):
    html = client.get(reverse("comparisons:home")).content.decode()
    assert "/static/css/site.css" in html
    assert "//cdn" not in html and "https://" not in html.split("<body")[0]


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60 + "production-like-secret-key",
        "DJANGO_ALLOWED_HOSTS": "yibao.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _manage(*args: str, database_url: str) -> subprocess.CompletedProcess:
    """manage.py as a new user runs it: local settings, the given database."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_new_user_on_sqlite_sees_no_warning_about_the_postgresql_index(tmp_path):
    # migrate runs the checks with the database, as `check --database default` does.
    result = _manage("check", "--database", "default", database_url=f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert "W040" not in result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_the_index_check_is_silenced_on_sqlite_only(tmp_path):
    show = ("shell", "-c", "from django.conf import settings; print(settings.SILENCED_SYSTEM_CHECKS)")
    assert _manage(*show, database_url="postgres://nobody@127.0.0.1:1/none").stdout.splitlines()[-1] == "[]"
    assert (
        _manage(*show, database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}").stdout.splitlines()[-1]
        == "['models.W040']"
    )


def test_chinese_first_even_for_an_english_browser(client):
    html = client.get(reverse("comparisons:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html


@pytest.mark.parametrize("url", ["/search/?q=%00", "/api/regions/?q=%00", "/api/bureaus/?q=a%00b"])
def test_nul_in_a_query_is_a_bad_request_not_a_server_error(client, url):
    assert client.get(url).status_code == 400


def test_staff_cannot_edit_what_was_read_from_a_document(client):
    line = BudgetLineFactory()
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(f"/admin/disclosures/budgetline/{line.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/disclosures/budgetline/{line.pk}/change/", {"total": "1"})
    assert response.status_code == 403
    html = client.get(f"/admin/disclosures/disclosure/{line.disclosure.pk}/change/").content.decode()
    assert 'name="source_text"' not in html
