"""English pages read as English, on a phone and on a desktop: no Chinese punctuation in what the page itself says (the
document's own words, quoted or marked lang="zh-Hans", are the document's), and a finding reads in English.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from disclosures.models import Disclosure

from .conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}

# The visible text the page itself writes: every rendered text node outside the document's own words (an element in
# Chinese, lang="zh-Hans", such as a name, a title or a source line) and outside “quotes” (a table title, a row as
# printed), which a finding quotes as the document prints them.
OWN_TEXT = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || element.closest('[lang^="zh"], script, style, noscript, option')) continue;
        if (!element.checkVisibility() || !node.textContent.trim()) continue;
        out.push(node.textContent.replace(/“[^”]*”/g, "“”").trim());
    }
    return out;
}"""
CJK_PUNCTUATION = set("（）：，。、；《》「」【】！？")


def chinese_punctuation(page: Page) -> list[str]:
    return [text for text in page.evaluate(OWN_TEXT) if CJK_PUNCTUATION & set(text)]


def _shunping() -> Disclosure:
    return Disclosure.objects.get(bureau__region__name="顺平县", status=Disclosure.Status.CURRENT)


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "desktop"])
def test_english_pages_have_no_chinese_punctuation_and_findings_read_in_english(new_page, samples, viewport):
    page = new_page(viewport=viewport)
    document = _shunping()
    width = viewport["width"]
    for path, name in (
        ("/en/", "dashboard"),
        (f"/en/documents/{document.pk}/", "document"),
        (f"/en/bureaus/{document.bureau_id}/", "bureau"),
    ):
        page.goto(page.base_url + path, wait_until="load")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert chinese_punctuation(page) == [], (path, chinese_punctuation(page))
        screenshot(page, f"english-{name}-{width}")

    page.goto(page.base_url + f"/en/documents/{document.pk}/", wait_until="load")
    finding = page.locator("li.check").filter(has_text="line 560")
    expect(finding).to_contain_text("The text (line 560) states total spending this year as 3,798.42 10k yuan")
    expect(finding).to_contain_text("(a difference of 0.17 10k yuan)")
    finding.scroll_into_view_if_needed()
    screenshot(page, f"english-finding-{width}")
