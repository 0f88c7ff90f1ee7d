"""Accounts: wrong passwords are throttled on the staff login and the admin; every page has a CSP without inline
script."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.comparisons.pages_support import import_samples

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("clerk", password=PASSWORD, is_staff=True, is_superuser=True)


def _login(client, url: str, password: str, ip: str = "203.0.113.7"):
    return client.post(url, {"username": "clerk", "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/", "/en/admin/login/"])
def test_fifty_wrong_passwords_lock_the_login_even_for_the_right_one(client, staff, url):
    for _ in range(50):
        response = _login(client, url, "wrong-password")
    assert response.status_code == 429
    locked = "Login temporarily locked" if url.startswith("/en/") else "登录暂时被锁定"
    assert locked in response.content.decode()
    response = _login(client, url, PASSWORD)
    assert response.status_code == 429  # the right password does not get in at once
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_still_let_the_right_one_in(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "/accounts/login/", "wrong-password").status_code == 200
    response = _login(client, "/accounts/login/", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_the_user_name_is_locked_from_other_addresses_too(client, staff):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "/accounts/login/", "wrong-password", ip=f"198.51.100.{n}")
    assert _login(client, "/accounts/login/", PASSWORD, ip="192.0.2.1").status_code == 429


def _login_via_proxy(client, username: str, password: str, real_ip: str):
    credentials = {"username": username, "password": password}
    return client.post("/accounts/login/", credentials, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=real_ip)


@override_settings(TRUST_X_REAL_IP=True)
def test_behind_the_proxy_the_address_is_the_one_it_reports(client, staff, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD, is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login_via_proxy(client, f"nobody{n}", "x", "203.0.113.9")
    assert _login_via_proxy(client, "other", PASSWORD, "203.0.113.9").status_code == 429
    # Another client behind the same proxy is not locked out.
    assert _login_via_proxy(Client(), "other", PASSWORD, "192.0.2.5").status_code == 302


def csp_directives(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value
    return directives


def inline_scripts(html: str) -> list[str]:
    """Scripts with a body a browser would run (chart data is JSON, which no browser runs), and on*= handlers."""
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    bodies = [body for attrs, body in scripts if body.strip() and 'type="application/json"' not in attrs]
    return bodies + re.findall(r"\son[a-z]+\s*=", html)


PAGES = [
    "/",
    "/compare/",
    "/methods/",
    "/search/?q=顺平",
    "/api/",
    "/accounts/login/",
    "/admin/login/",
    "/en/admin/login/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_csp_that_allows_no_inline_script(client, url):
    import_samples()
    response = client.get(url)
    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert inline_scripts(response.content.decode()) == []


def test_the_bureau_and_document_pages_have_no_inline_script(client):
    import_samples()
    from disclosures.models import Disclosure

    d = Disclosure.objects.filter(status="current").first()
    for url in (
        reverse("disclosures:disclosure_detail", args=[d.pk]),
        reverse("comparisons:bureau_detail", args=[d.bureau_id]),
    ):
        assert inline_scripts(client.get(url).content.decode()) == []
