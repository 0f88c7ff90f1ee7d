"""Wide tables on a phone (390 px) and a laptop (1366 px): nothing cut off, sorting keeps the table in view, a
downloaded CSV opens with the numbers the page shows.

- No page is wider than the screen, in Chinese or English: whatever is wider scrolls inside its own box (a table's
  wrapper, the source text), and a table that scrolls keeps its name column pinned at the left edge while the
  figures scroll beside it.
- At 1366 px the ranked, compare, search and document tables fit whole: the 说明 column wraps, it is not cut.
- Clicking a sort header (or a page link) leads back to the table, not to the top of the page.
- A table's CSV starts with the UTF-8 byte-order mark and holds the figures shown.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from disclosures.models import Bureau, Disclosure

from .conftest import PHONE, screenshot
from .test_pages import READ_HEADER, READ_ROWS, expect_chart_drawn, goto, plain, scroll_to

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
SCREENS = {"phone": PHONE, "laptop": LAPTOP}

# Elements that stick out of the screen and are not inside a box that scrolls sideways (a table wrapper, the source
# text): each as "tag#id (left–right)". The skip link waits off-screen until focused, and plotly measures text in
# an off-screen SVG of its own, by design.
OVERFLOWING = """() => {
    const width = window.innerWidth, out = [];
    const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) {
        const x = getComputedStyle(a).overflowX; if (x === "auto" || x === "scroll") return true; } return false; };
    for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(".skip-link, .visually-hidden, #js-plotly-tester")) continue;
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        if ((r.right > width + 0.5 || r.left < -0.5) && !scrolls(el))
            out.push(`${el.tagName}#${el.id} ${el.getAttribute("class")} (${r.left}–${r.right})`);
    }
    return {width, document: document.documentElement.scrollWidth, elements: out.slice(0, 10)};
}"""

# Each table's wrapper: how wide the table is against the room it has, and whether its first column stays put.
WRAPPERS = """() => [...document.querySelectorAll(".table-wrap > table")].map(t => {
    const pinned = t.querySelector("tbody td.pin, tbody th.pin");
    return {id: t.id || (t.caption ? t.caption.textContent.trim() : t.tHead.textContent.trim().slice(0, 20)),
            room: t.parentElement.clientWidth, width: t.parentElement.scrollWidth,
            scrolls: getComputedStyle(t.parentElement).overflowX,
            pinned: pinned ? getComputedStyle(pinned).position : null};
})"""


def pages() -> list[str]:
    shunping, yanbian = Bureau.objects.get(region__code="130636"), Bureau.objects.get(region__code="510422")
    document = Disclosure.objects.get(bureau=shunping, fiscal_year=2023)
    return [
        "/",
        "/?county=顺平县",  # the county found: its standing in a table of its own
        f"/compare/?bureau={shunping.pk}&bureau={yanbian.pk}",
        f"/bureaus/{shunping.pk}/",
        f"/documents/{document.pk}/",
        "/search/?q=县",
        "/methods/",
        "/api/",
    ]


def loaded(page: Page, path: str) -> None:
    page.goto(page.base_url + path, wait_until="load")
    for chart in page.locator("[data-plotly]").all():
        expect(chart.locator("svg.main-svg").first).to_be_attached()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_no_page_is_wider_than_the_screen(new_page, samples, screen, language):
    page = new_page(viewport=SCREENS[screen])
    prefix = "" if language == "zh-hans" else f"/{language}"  # English lives under /en/
    for path in pages():
        loaded(page, prefix + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        found = page.evaluate(OVERFLOWING)
        assert found["document"] <= found["width"] and not found["elements"], (path, found)
        for table in page.evaluate(WRAPPERS):
            # A table wider than its room scrolls in its wrapper, its name column pinned.
            if table["width"] > table["room"]:
                assert table["scrolls"] == "auto" and table["pinned"] == "sticky", (path, table)


def test_at_1366_the_tables_fit_and_the_notes_wrap(new_page, samples):
    page = new_page(viewport=LAPTOP)
    documents = [f"/documents/{pk}/" for pk in Disclosure.objects.values_list("pk", flat=True)]
    # The bureau page's every indicator over the years too, in both languages: short headings and narrow cells.
    bureau = pages()[3]
    for path in dict.fromkeys([*pages(), *documents, f"/en{bureau}"]):
        loaded(page, path)
        for table in page.evaluate(WRAPPERS):
            assert table["width"] <= table["room"], (path, table)
    goto(page, "/")
    notes = page.locator("#table-contribution tbody tr").filter(has_text="镇安县").locator("td").last
    expect(notes).to_contain_text("2101202")
    box, screen = notes.bounding_box(), page.viewport_size
    assert box["x"] + box["width"] <= screen["width"], box  # the whole note is on the screen, in lines
    assert box["height"] > 3 * 16, box


@pytest.mark.parametrize("screen", SCREENS)
def test_on_a_scrolled_table_the_name_stays_at_the_left_edge(new_page, samples, screen):
    page = new_page(viewport=SCREENS[screen])
    goto(page, pages()[3])  # the bureau page: every indicator over the years, wider than a phone
    table = page.locator("#indicator-table")
    expect(table.locator("tbody tr").first).to_contain_text("2023")
    scroll_to(page, "#indicator-table")  # below the county profile: brought up first, then scrolled sideways
    table.locator("xpath=..").evaluate("wrap => { wrap.scrollLeft = wrap.scrollWidth; }")
    pinned = table.locator("tbody td.pin").first
    expect(pinned).to_have_text("2023")
    wrap_box, pinned_box = table.locator("xpath=..").bounding_box(), pinned.bounding_box()
    assert abs(pinned_box["x"] - wrap_box["x"]) < 1, (pinned_box, wrap_box)
    notes = table.locator("thead th").last
    expect(notes).to_have_text("说明")
    expect(notes).to_be_in_viewport()  # scrolled to, the notes column is whole on the screen
    screenshot(page, f"bureau-table-scrolled-{screen}")


TABLE_TOP_ON_SCREEN = """id => { const top = document.getElementById(id).getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight; }"""


@pytest.mark.parametrize("screen", SCREENS)
def test_sorting_keeps_the_table_in_view(new_page, samples, screen):
    page = new_page(viewport=SCREENS[screen])
    goto(page, "/")
    table = page.locator("#table-running")  # the last table of the page, far below its top
    header = table.locator("thead th").filter(has_text="机关运行经费（万元）")
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert page.url.endswith("#table-running"), page.url
    page.wait_for_function(TABLE_TOP_ON_SCREEN, arg="table-running")
    assert page.evaluate("window.scrollY") > 0  # not the top of the page
    screenshot(page, f"sorted-table-{screen}")


def download_table_csv(page: Page, table_id: str) -> list[list[str]]:
    """The CSV behind the section's download link, which must start with the UTF-8 byte-order mark."""
    exports = page.locator(f"section:has(#{table_id}) .exports").first
    with page.expect_download() as info:
        exports.get_by_role("link", name="CSV", exact=True).click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), data[:12]
    return list(csv.reader(data.decode("utf-8-sig").splitlines()))


@pytest.mark.parametrize("screen", SCREENS)
def test_a_downloaded_csv_has_the_bom_and_the_numbers_shown(new_page, samples, screen):
    page = new_page(viewport=SCREENS[screen])
    goto(page, pages()[2])  # compare 顺平 and 盐边
    table = page.locator("#table-compare")
    header, rows = table.evaluate(READ_HEADER), table.evaluate(READ_ROWS)
    exported = download_table_csv(page, "table-compare")
    assert exported[0] == header
    assert exported[1:] == [[plain(cell) for cell in r] for r in rows]
    shunping = next(r for r in exported[1:] if r[0] == "顺平县医疗保障局")
    per_head = header.index("每名城乡居民参保人的县级财政补助（元/人）")
    assert Decimal(shunping[per_head]) == Decimal("128.00")
    assert Decimal(shunping[header.index("医疗救助支出（万元）")]) == Decimal("140.00")
    expect(page.locator("#table-compare tbody tr").filter(has_text="顺平县")).to_contain_text("140.00")


def test_on_a_phone_the_figures_sit_beside_the_name_and_the_charts_fit(new_page, samples):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    goto(page, "/")
    expect_chart_drawn(page, "chart-contribution_per_insured", "128.00")
    row = page.locator("#table-contribution tbody tr").filter(has_text="顺平县医疗保障局")
    figure = row.locator("td").filter(has_text="128.00").first
    expect(figure).to_be_visible()
    # The first figure is on the screen beside the name, without scrolling the table.
    box = figure.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], box
    for chart in page.locator(".chart").all():
        chart_box = chart.bounding_box()
        assert chart_box["x"] >= 0 and chart_box["x"] + chart_box["width"] <= PHONE["width"], chart_box
    scroll_to(page, "#table-contribution")
    screenshot(page, "dashboard-table-phone")
