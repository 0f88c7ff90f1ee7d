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

from .conftest import PHONE, screenshot, seed
from .test_pages import READ_HEADER, READ_ROWS, expect_chart_drawn, goto, plain, scroll_to
from .test_staff_workflow import log_in

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


# --- a phone: long words, columns of sentences ---

# Every word of the pinned names in one piece: a word broken across two lines ("Administrati/ve") has its
# characters on two lines. Each word's range reports one box per line it is on.
WORDS_BROKEN = """table => {
    const broken = [];
    for (const cell of table.querySelectorAll("tbody .pin")) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent.matchAll(/[A-Za-z]{4,}/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(m[0]);
            }
        }
    }
    return broken;
}"""


def test_on_a_phone_the_county_finder_fits_with_whole_words(new_page, samples):
    page = new_page(viewport=PHONE)
    goto(page, "/en/?county=顺平县#finder")
    table = page.locator("#finder-table")
    expect(table.locator("tbody tr").filter(has_text="Administrative running costs")).to_contain_text("1 / 2")
    assert table.evaluate(WORDS_BROKEN) == []
    # All four columns on the screen, the last one ("Above this % of units") too: nothing to scroll to.
    wrap = table.locator("xpath=..").evaluate("w => ({room: w.clientWidth, width: w.scrollWidth})")
    assert wrap["width"] <= wrap["room"], wrap
    expect(table.locator("thead th").last).to_be_in_viewport()
    scroll_to(page, "#finder")
    screenshot(page, "finder-phone-en")


# The width of the cells of a column of sentences (notes, the quoted source), and the height of the tallest row.
SENTENCE_COLUMNS = """() => {
    const cells = [...document.querySelectorAll("table.data td.prose, table.data td:has(> ul.notes)")]
        .filter(td => td.textContent.trim().length > 40);
    const rows = [...document.querySelectorAll("table.data tbody tr")].map(tr => tr.getBoundingClientRect().height);
    return {narrowest: Math.min(...cells.map(td => td.getBoundingClientRect().width)), cells: cells.length,
            tallest: Math.max(...rows)};
}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_on_a_phone_notes_and_quotes_have_room_and_rows_stay_short(new_page, samples, language):
    page = new_page(viewport=PHONE)
    prefix = "" if language == "zh-hans" else f"/{language}"
    document = pages()[4]
    for path in ("/?year=2024", pages()[2], pages()[3], document, "/methods/"):
        loaded(page, prefix + path)
        found = page.evaluate(SENTENCE_COLUMNS)
        # A sentence column about 15em wide (13.6 px type): a dozen words a line, not two; no row taller than half
        # the screen (at ~80 px, the notes of a missing value made rows of 400 px and a document 11,700 px long).
        assert found["cells"] and found["narrowest"] >= 200, (path, found)
        assert found["tallest"] <= PHONE["height"] / 2, (path, found)
    # The quoted source beside its figure: the pinned name still at the left edge when the quote is scrolled to.
    loaded(page, prefix + document)
    # The budget tables, opened: the indicators a total feeds are listed in the line (one a line made the total's row
    # 369 px tall in English), no row over a third of the screen.
    page.evaluate("document.querySelectorAll('#tables-heading ~ details').forEach(d => d.open = true)")
    rows = page.evaluate(
        "Array.from(document.querySelectorAll('#tables-heading ~ details tbody tr'),"
        " r => r.getBoundingClientRect().height)"
    )
    assert rows and max(rows) <= PHONE["height"] / 3, max(rows)
    quote = page.locator("#figures-heading ~ * td.prose").first
    quote.evaluate("td => td.closest('.table-wrap').scrollLeft = 10000")
    wrap_box = quote.locator("xpath=ancestor::div[contains(@class, 'table-wrap')]").bounding_box()
    pinned_box = quote.locator("xpath=../td[contains(@class, 'pin')]").bounding_box()
    assert abs(pinned_box["x"] - wrap_box["x"]) < 1, (pinned_box, wrap_box)
    box = quote.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], box  # scrolled to, the quote is whole on the screen


def test_on_a_phone_a_long_file_name_wraps_and_upload_results_read_as_blocks(
    new_page, samples_but_gaoyi, django_user_model, tmp_path
):
    long_name = tmp_path / "putuo_wanli_2024_department_budget_of_the_medical_security_bureau_revised.txt"
    long_name.write_text(seed("003").read_text(encoding="utf-8"), encoding="utf-8")
    broken = tmp_path / "not_a_budget_disclosure_just_some_text_with_a_long_name.txt"
    broken.write_text("这不是预决算公开。\n", encoding="utf-8")
    page = new_page(viewport=PHONE)
    log_in(page, "/import/", django_user_model)

    page.locator("input[type=file]").set_input_files(str(long_name))
    page.get_by_role("button", name="读取并预览").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"预览：{long_name.name}")
    found = page.evaluate(OVERFLOWING)
    assert found["document"] <= found["width"] and not found["elements"], found
    box = heading.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"] and box["height"] > 60, box  # the name wraps in the heading
    screenshot(page, "upload-preview-long-name-phone")

    goto(page, "/import/")
    page.locator("input[type=file]").set_input_files([str(long_name), str(broken)])
    page.get_by_role("button", name="读取并预览").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("上传结果")
    results = page.get_by_role("table").filter(has_text=broken.name)
    expect(results.get_by_role("row")).to_have_count(3)  # the header row and two files: still a table to a reader
    found = page.evaluate(OVERFLOWING)
    assert found["document"] <= found["width"] and not found["elements"], found
    # One block per file: its name, result and explanation each the width of the screen, one under the other.
    row = results.get_by_role("row").filter(has_text=broken.name)
    name = row.get_by_role("rowheader").bounding_box()
    result, said = row.get_by_role("cell").first.bounding_box(), row.get_by_role("cell").last.bounding_box()
    assert name["y"] < result["y"] < said["y"], (name, result, said)
    assert said["width"] >= 0.8 * PHONE["width"] and said["x"] + said["width"] <= PHONE["width"], said
    screenshot(page, "upload-results-phone")


def test_the_staff_home_filters_look_like_the_dashboards(new_page, samples, django_user_model):
    page = new_page(viewport=LAPTOP)
    log_in(page, "/staff/", django_user_model)
    form = page.locator("main form.filters")
    dashboard = new_page(viewport=LAPTOP)
    goto(dashboard, "/")
    style = "f => { const s = getComputedStyle(f); return [s.display, s.backgroundColor, s.padding]; }"
    assert form.evaluate(style) == dashboard.locator("main form.filters").evaluate(style)
    # The year and the province side by side, each label above its menu, as on the dashboard.
    year, province = (
        page.get_by_label("年度", exact=True).bounding_box(),
        page.get_by_label("省份", exact=True).bounding_box(),
    )
    assert abs(year["y"] - province["y"]) < 1 and province["x"] > year["x"] + year["width"], (year, province)
    assert page.get_by_text("年度", exact=True).bounding_box()["y"] < year["y"]
