"""The language is in the address: Chinese at /, English at /en/…; links keep it and the menu leads to the same page."""

import re

import pytest
from django.conf import settings

from .factories import BudgetLineFactory, store_indicators

pytestmark = pytest.mark.django_db


def _hrefs(html: str) -> list[str]:
    return re.findall(r'<a[^>]* href="(/[^"]*)"', html)


def test_english_is_at_en_and_its_links_stay_in_english(client):
    line = BudgetLineFactory()
    store_indicators()
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    document = f"/en/documents/{line.disclosure.pk}/"
    assert document in _hrefs(html)
    page = client.get(document).content.decode()
    assert '<html lang="en">' in page
    site_links = [h for h in _hrefs(page) if not h.startswith(("/admin/", "/static/"))]
    assert site_links
    assert [h for h in site_links if not h.startswith("/en/")] == []


def test_chinese_stays_at_the_root_whatever_the_cookie_says(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/methods/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "/en/" not in "".join(h for h in _hrefs(html) if not h.startswith("/accounts/"))


def test_the_menu_names_each_language_in_its_own_words_and_points_to_the_same_page(client):
    for path, other in (("/methods/", "/en/methods/"), ("/en/methods/", "/methods/")):
        html = client.get(path + "?x=1").content.decode()
        menu = html.split('id="language"')[1].split("</select>")[0]
        assert ">中文</option>" in menu and ">English</option>" in menu
        assert "英语" not in html and "简体中文" not in menu
        alternate = re.search(r'<link rel="alternate"\s+hreflang="([^"]+)"\s+href="([^"]+)">', html)
        assert alternate.groups() == ("zh-hans" if other == "/methods/" else "en", f"{other}?x=1")


@pytest.mark.parametrize("path", ["/methods/", "/en/methods/"])
def test_the_language_switch_leads_to_the_same_page_in_the_other_language(client, path):
    language = "zh-hans" if path.startswith("/en/") else "en"
    response = client.post("/i18n/setlang/", {"language": language, "next": path + "?year=2023"})
    assert response.status_code == 302
    assert response["Location"] == ("/methods/" if language == "zh-hans" else "/en/methods/") + "?year=2023"


def test_the_api_and_the_admin_answer_without_a_prefix(client):
    assert client.get("/api/regions/").status_code == 200
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/en/api/regions/").status_code == 200
    assert client.get("/en/accounts/login/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
