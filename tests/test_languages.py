"""The language is in the address: Chinese at /, English at /en/…; links keep it and the menu leads to the same page."""

import ast
import re
from pathlib import Path

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


# Chinese characters and the full-width marks of Chinese text (，：；（）。、 and the like).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
# English that keeps Chinese on purpose, by msgid, each with why.
KEPT_CHINESE = {
    "数值，字符串；单位见 unit：元、元/人 或 %；缺失为 null": "the API's unit values are these Chinese strings",
    "6 位区划代码或县（区）名，如 411103 或 郾城区。": "an example of what to type: a county's name",
    "如 顺平 或 130636": "an example of what to type: a county's name",
    "可以简写：如“顺平县医保局”“顺平 医保”“顺平”，或拼音首字母“spx”。": "examples of what to type",
    "必填：发布机构和文件名称，如“漯河市郾城区医疗保障局 2024 年城乡居民医保参保情况通报”。": "an example title",
    "参保人数取自绩效目标等文字，可能是目标值（如“≤156500人”）而非实际参保人数。": "a quoted target, as printed",
    "文件以元或万元公布（“单位：元”“单位：万元”）。本站一律换算为元存储，不取整；金额以万元显示（两位小数，千位分隔），"
    "人均以元显示（两位小数），比例以百分比显示。": "the words a document prints, quoted",
    "无法判断金额单位：文中应有“单位：元”或“单位：万元”。": "the words the document should print, quoted",
    "不是预决算公开文本：没有读到任何预算行（应有“支出总表”等表格，或“（类）（款）（项）……万元”的说明）。": (
        "the words the document should print, quoted"
    ),
    "无法从文中判断发布单位（封面、“编制部门：”或标题中的单位全称）。": "the words the document should print, quoted",
}


def _po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgid and msgstr (msgstr[n] for plurals) with their continuation lines joined."""
    entries, entry, key = [], {"msgstr": {}}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if key:
                entries.append(entry)
            entry, key = {"msgstr": {}}, None
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif not line.startswith("#"):
            found = re.match(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
            if found:
                key = found.group(1)
            text = ast.literal_eval(found.group(2) if found else line)
            if key.startswith("msgstr"):
                entry["msgstr"][key] = entry["msgstr"].get(key, "") + text
            else:
                entry[key] = entry.get(key, "") + text
    return [e for e in entries if e.get("msgid") and not e.get("obsolete")]


def test_english_has_no_chinese_characters_or_marks_unless_kept_on_purpose():
    entries = _po_entries(LOCALE)
    assert len(entries) > 500  # the parser read the whole catalogue
    chinese = {e["msgid"]: s for e in entries for s in e["msgstr"].values() if CJK.search(s) or not s}
    assert {k: v for k, v in chinese.items() if k not in KEPT_CHINESE} == {}
    assert set(KEPT_CHINESE) <= set(chinese), "a kept entry no longer needs keeping: remove it from KEPT_CHINESE"


def test_templates_put_no_chinese_outside_what_is_translated():
    """Marks written beside a {% translate %} ("预览：", "，" after a count) stay Chinese in English."""
    translated = re.compile(
        r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}|\{%.*?%\}|\{#.*?#\}|_\(\"[^\"]*\"\)", re.S
    )
    found = []
    for template in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        outside = translated.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        lines = text.splitlines()
        found += [
            f"{template.name}:{n}: {lines[n - 1].strip()}"
            for n, line in enumerate(outside.splitlines(), 1)
            if CJK.search(line)
        ]
    assert found == []
