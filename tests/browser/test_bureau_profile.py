"""The bureau page as a county profile, in Chromium: on a phone (390 px) and a desktop (1366 px), in Chinese and in
English, each headline indicator shows its rank, percentile and medians; on the phone the three headline numbers are
on the first screen and nothing overflows sideways; printed, the profile fills A4 without navigation or forms.

With the samples, 顺平 2023 budget is ranked with the other 2023 budget (镇安's insurance agency): its running costs
23.93 万元 rank 1 of 2 (too few for a percentile in the sentence), the national median of 23.93 and 9.37 being 16.65."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from playwright.sync_api import Page, expect

from disclosures.models import Bureau

from .conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
A4_WIDTH = {"width": 703, "height": 1000}  # 210 mm less the print stylesheet's 12 mm margins, at 96 px per inch
# What each language shows: the headline standing sentence, the median column's heading, the peers' row.
WORDS = {
    "zh-hans": {"rank": "从高到低排第 1", "median": "中位数", "peers": "同规模", "province": "河北省"},
    "en": {"rank": "Rank 1 of 2 nationally", "median": "Median", "peers": "Peers", "province": "Hebei"},
}


def open_in(page: Page, path: str, language: str) -> None:
    """Open a page in a language: the one place the tests choose it (English lives under /en/)."""
    prefix = "" if language == "zh-hans" else f"/{language}"
    page.goto(page.base_url + prefix + path, wait_until="domcontentloaded")
    expect(page.locator("html")).to_have_attribute("lang", language)


def shunping_path() -> str:
    return f"/bureaus/{Bureau.objects.get(region__code='130636').pk}/"


def expect_standings(page: Page, language: str) -> None:
    words = WORDS[language]
    running = page.locator("#standings-running_costs")
    expect(running.locator("thead")).to_contain_text(words["median"])
    national = running.locator('tr[data-scope="national"]')
    expect(national).to_contain_text("1 / 2")
    expect(national).to_contain_text("100.0%")
    expect(national).to_contain_text("16.65")
    expect(running.locator('tr[data-scope="province"]')).to_contain_text(words["province"])
    expect(running.locator('tr[data-scope="peers"]')).to_contain_text(words["peers"])
    contribution = page.locator('#standings-contribution_per_insured tr[data-scope="national"]')
    expect(contribution).to_contain_text("1 / 1")
    expect(contribution).to_contain_text("128.00")


def headline_boxes(page: Page) -> list[dict]:
    cards = page.locator("#headline-numbers .headline-number")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_contain_text("128.00")
    expect(cards.nth(1)).to_contain_text("140.00")
    expect(cards.nth(2)).to_contain_text("23.93")
    return [cards.nth(i).bounding_box() for i in range(3)]


def widths(page: Page) -> dict:
    return page.evaluate("() => ({viewport: window.innerWidth, document: document.documentElement.scrollWidth})")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_profile_on_a_phone(new_page, samples, language):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_in(page, shunping_path(), language)
    expect(page.locator("#headline-numbers .headline-number").nth(2)).to_contain_text(WORDS[language]["rank"])
    # Of 2 units, "higher than 100.0% of the others" would be the rank said again: the sentence gives the rank.
    expect(page.locator("#headline-numbers .headline-number").nth(2)).not_to_contain_text("100.0%")
    expect(page.locator("#headline-numbers .headline-number").nth(2)).to_contain_text("16.65")
    # The three headline numbers, with their rank, on the first screen.
    for box in headline_boxes(page):
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    expect_standings(page, language)
    found = widths(page)
    assert found["document"] <= found["viewport"], found
    if language == "zh-hans":
        screenshot(page, "profile-phone")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_profile_on_a_wide_screen(new_page, samples, language):
    page = new_page(viewport=WIDE)
    open_in(page, shunping_path(), language)
    expect(page.locator("#headline-numbers .headline-number").nth(2)).to_contain_text(WORDS[language]["rank"])
    boxes = headline_boxes(page)
    assert len({round(b["y"]) for b in boxes}) == 1, boxes  # side by side
    expect_standings(page, language)
    found = widths(page)
    assert found["document"] <= found["viewport"], found
    if language == "zh-hans":
        screenshot(page, "profile-desktop")


def test_profile_printed_on_a4(new_page, samples, tmp_path):
    page = new_page(viewport=WIDE)
    open_in(page, shunping_path(), "zh-hans")
    expect(page.locator("#headline-numbers")).to_be_visible()
    page.emulate_media(media="print")
    page.set_viewport_size(A4_WIDTH)
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".exports").first).to_be_hidden()
    # No table is cut at the right edge: each fits the printed width.
    cut = page.evaluate(
        """() => [...document.querySelectorAll('table.data')].filter(t => t.offsetParent !== null)
               .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
               .map(t => t.id || t.caption?.textContent)"""
    )
    assert cut == []
    path = tmp_path / "profile.pdf"
    page.pdf(path=str(path), format="A4", print_background=True)
    pdf = pypdfium2.PdfDocument(str(path))
    width, height = pdf[0].get_size()
    assert abs(width - 595) < 2 and abs(height - 842) < 2, (width, height)  # A4 in points
    first = re.sub(r"\s+", "", pdf[0].get_textpage().get_text_range())  # lines wrap where the PDF's lines do
    pdf.close()
    assert "顺平县医疗保障局" in first and "23.93" in first and "从高到低排第1" in first
    assert "工作人员登录" not in first  # no navigation
