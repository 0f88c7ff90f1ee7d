"""A phone (390 px) and a tablet (800 px), as a new user found them: every header link on the screen, the staff's
too, without scrolling sideways; the upload form's checkbox beside its label, a wide button that says it is reading;
a missing value's cell saying it is missing and why, where the note column is off the screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from disclosures.models import Bureau

from .conftest import PHONE, screenshot, seed
from .test_pages import goto, row, scroll_to
from .test_staff_workflow import log_in

pytestmark = pytest.mark.browser

TABLET = {"width": 800, "height": 1024}
PREFIX = {"zh-hans": "", "en": "/en"}

# The header's height, and the links and controls that are not wholly on the screen or that sit in a box scrolling
# sideways (which clips them however far the page itself scrolls).
HEADER = """() => {
    const header = document.querySelector(".site-header"), width = window.innerWidth;
    const scrolled = el => { for (let a = el.parentElement; a !== header; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== "visible") return true; return false; };
    const off = [...header.querySelectorAll("a, button, input:not([type=hidden]), select")].filter(el => {
        const r = el.getBoundingClientRect();
        return !el.closest(".visually-hidden") && (r.left < 0 || r.right > width || !r.width || scrolled(el));
    }).map(el => el.textContent.trim() || el.name);
    return {height: header.getBoundingClientRect().height, off, document: document.documentElement.scrollWidth};
}"""


def header_after_login(page: Page, language: str, django_user_model) -> tuple[dict, dict]:
    prefix = PREFIX[language]
    goto(page, prefix + "/")
    anonymous = page.evaluate(HEADER)
    log_in(page, prefix + "/staff/", django_user_model)
    return anonymous, page.evaluate(HEADER)


@pytest.mark.parametrize("language", PREFIX)
def test_on_a_phone_every_header_link_is_on_the_screen_in_a_compact_header(
    new_page, samples, django_user_model, language
):
    page = new_page(viewport=PHONE)
    anonymous, staff = header_after_login(page, language, django_user_model)
    # Every link whole on the screen, the staff's four too: no row of links scrolled sideways (the English "API and
    # downloads" was cut, and the staff's 导入文件, 参保人数录入 and 管理 were off the screen).
    for header in (anonymous, staff):
        assert header["off"] == [] and header["document"] <= PHONE["width"], (anonymous, staff)
    # Compact all the same: the staff's links on lines of their own, not a quarter of the screen (121–135 px before).
    assert anonymous["height"] <= 135 and staff["height"] <= 190, (anonymous, staff)
    nav = page.get_by_role("navigation", name="主导航" if language == "zh-hans" else "Main navigation")
    staff_links = nav.get_by_role("list", name="工作人员页面" if language == "zh-hans" else "Staff pages")
    expect(staff_links.get_by_role("link")).to_have_count(4)
    for link in nav.get_by_role("link").all():
        expect(link).to_be_in_viewport(ratio=1)
    expect(nav.get_by_role("searchbox")).to_be_in_viewport(ratio=1)
    expect(nav.get_by_role("button", name="退出" if language == "zh-hans" else "Log out")).to_be_in_viewport(ratio=1)
    screenshot(page, f"header-phone-{language}")


def test_on_a_tablet_the_english_staff_header_takes_three_lines(new_page, samples, django_user_model):
    page = new_page(viewport=TABLET)
    anonymous, staff = header_after_login(page, "en", django_user_model)
    # The name and the tools, the public links and the search box, the staff's links: three lines of about 30 px
    # (four, 141 px, when the tools took a line of their own under the name and the search box).
    assert anonymous["off"] == staff["off"] == [], (anonymous, staff)
    assert anonymous["height"] <= 85 and staff["height"] <= 115, (anonymous, staff)
    screenshot(page, "header-tablet-en")


# --- the staff's upload form ---


@pytest.mark.parametrize("language", PREFIX)
def test_on_a_phone_the_upload_form_is_easy_to_use_and_says_it_is_reading(
    new_page, samples, django_user_model, language
):
    chinese = language == "zh-hans"
    page = new_page(viewport=PHONE)
    log_in(page, PREFIX[language] + "/import/", django_user_model)
    form = page.locator("main form")
    # The checkbox on one line with its label, before it (it stood alone, centred, under its label).
    checkbox = form.get_by_role("checkbox", name="只核对，不导入" if chinese else "Check only")
    label = form.locator(f"label[for='{checkbox.get_attribute('id')}']")
    box, text = checkbox.bounding_box(), label.bounding_box()
    assert box["x"] + box["width"] <= text["x"] and box["x"] < PHONE["width"] / 4, (box, text)
    assert abs((box["y"] + box["height"] / 2) - (text["y"] + text["height"] / 2)) <= 4, (box, text)
    label.click()  # the label ticks it, a larger target than the box
    expect(checkbox).to_be_checked()
    checkbox.uncheck()
    # The button the width of the form and a thumb's height.
    button = form.get_by_role("button", name="读取并预览" if chinese else "Read and preview")
    width, wide = form.bounding_box()["width"], button.bounding_box()
    assert wide["width"] >= width - 1 and wide["height"] >= 44, (width, wide)

    # Sent, the page says it is reading until the answer comes. A 204 answer leaves the page as it is: the moment
    # before a real answer, held for the test to look at.
    page.route(
        re.compile(r"/import/$"),
        lambda route: route.fulfill(status=204) if route.request.method == "POST" else route.fallback(),
    )
    form.locator("input[type=file]").set_input_files([str(seed("000")), str(seed("001"))])
    button.click()
    reading = "正在读取…" if chinese else "Reading…"
    expect(form).to_have_attribute("aria-busy", "true")
    busy = form.get_by_role("button", name=reading)
    expect(busy).to_be_disabled()
    expect(form.get_by_role("status")).to_have_text(reading)
    busy.scroll_into_view_if_needed()
    screenshot(page, f"upload-reading-phone-{language}")


# --- a missing value on a phone ---


@pytest.mark.parametrize("language", PREFIX)
def test_on_a_phone_a_missing_value_says_it_is_missing_and_why_in_its_cell(new_page, samples, language):
    chinese = language == "zh-hans"
    prefix = PREFIX[language]
    said = re.compile(r"^缺失\s*无参保人数$" if chinese else r"^missing\s*no insured count$")
    reason = re.compile("没有写明城乡居民参保人数" if chinese else "does not state the number of insured residents")
    page = new_page(viewport=PHONE)
    # 郾城 2024 states no insured count: its per-head value is missing. The note column that says why is at the far
    # end of the table, off the screen; the value's own cell, on the screen beside the name, says it.
    goto(page, prefix + "/?year=2024")
    yancheng = row(page, "#table-contribution", "漯河市郾城区医疗保障局")
    missing = yancheng.locator("td.missing").filter(has_text=said)
    expect(missing).to_have_count(1)
    expect(missing).to_have_attribute("title", reason)
    expect(yancheng.locator("ul.notes")).not_to_be_in_viewport()
    box = missing.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], box
    scroll_to(page, "#table-contribution")
    screenshot(page, f"missing-phone-{language}")

    # The same on the compare page and in the bureau's indicators over the years.
    bureau = Bureau.objects.get(region__code="411103")
    shunping = Bureau.objects.get(region__code="130636")
    goto(page, f"{prefix}/compare/?bureau={bureau.pk}&bureau={shunping.pk}")
    compared = row(page, "#table-compare", "漯河市郾城区医疗保障局")
    expect(compared.locator("td.missing").filter(has_text=said).first).to_have_attribute("title", reason)
    goto(page, f"{prefix}/bureaus/{bureau.pk}/")
    over_the_years = page.locator("#indicators-heading ~ * td.missing").filter(has_text=said).first
    expect(over_the_years).to_have_attribute("title", reason)
