"""The site in Chromium, as a user drives it, with the five sample documents loaded.

Each page loads and shows its headline figures; a table sorts; a CSV export downloads the rows shown; the language
switch works; staff upload a document; the dashboard fits a phone; no page logs a JavaScript error (checked for every
page by the `new_page` fixture). The screenshots in docs/screenshots/ come from here.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from disclosures.models import Bureau, Disclosure
from disclosures.parsing.pages import page_per_line

from .conftest import PHONE, screenshot, seed
from .pdfs import print_pdf

pytestmark = pytest.mark.browser

NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")

# The JavaScript that reads a table as the user sees it: one list of cell texts per body row; the ※ flag of a
# cell that carries a note is dropped, a missing value (缺失 and why, in words) is the empty cell of the export, and
# a notes cell gives its notes joined as the export joins them.
READ_ROWS = """table => [...table.tBodies[0].rows].map(tr => [...tr.cells].map(td => {
    if (td.classList.contains("missing")) return "";
    const notes = td.querySelectorAll("ul.notes li");
    if (notes.length) return [...notes].map(li => li.textContent.trim()).join("；");
    return td.textContent.replace("※", "").replace(/\\s+/g, " ").trim();
}))"""
READ_HEADER = "table => [...table.tHead.rows[0].cells].map(th => th.textContent.replace(/\\s+/g, ' ').trim())"


def goto(page: Page, path: str) -> None:
    """Open a page and wait for its HTML and deferred scripts (not every image): assertions then wait on state."""
    page.goto(page.base_url + path, wait_until="domcontentloaded")


def expect_chart_drawn(page: Page, chart_id: str, *numbers: str) -> None:
    """Plotly drew the chart (its SVG is there, the no-JavaScript fallback is gone) with these numbers on it."""
    chart = page.locator(f"#{chart_id}")
    expect(chart.locator("svg.main-svg").first).to_be_visible()
    expect(chart.locator(".chart-fallback")).to_have_count(0)
    for number in numbers:
        expect(chart).to_contain_text(number)


def scroll_to(page: Page, selector: str) -> None:
    """Scroll the window so the element is at the top of the screen (for a screenshot of that part of the page)."""
    page.locator(selector).evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -12); }")


def row(page: Page, table: str, text: str):
    """The body row of `table` (a selector) that contains `text`."""
    return page.locator(f"{table} tbody tr").filter(has_text=text)


def column(page: Page, table: str, header: str) -> list[tuple[str, Decimal | None]]:
    """(bureau, value) for each body row of `table`, in the order shown, from the column headed `header`."""
    page.wait_for_load_state("domcontentloaded")  # the whole table, not the start of a page still arriving
    headers = page.locator(table).evaluate(READ_HEADER)
    rows = page.locator(table).evaluate(READ_ROWS)
    at, bureau_at = headers.index(header), headers.index("单位名称")
    return [(r[bureau_at], Decimal(r[at].replace(",", "")) if r[at] else None) for r in rows]


def plain(cell: str) -> str:
    """A number as the CSV writes it (no thousands separators); other text as it is."""
    return cell.replace(",", "") if NUMBER.fullmatch(cell) else cell


# --- each page loads and shows its headline figures ---


def test_dashboard_shows_the_three_headline_indicators(page):
    goto(page, "/")
    expect(page).to_have_title(re.compile("县级医保预决算比较"))
    expect(page.get_by_role("heading", level=1)).to_have_text("县级医疗保障局预决算比较")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    # One year and kind at a time: the latest year with the most budgets, 2023 (顺平 and 镇安).
    expect(page.locator(".scope")).to_contain_text("2023年预算")

    # Contribution per insured resident: 顺平 2023 128.00 (20.0% of 640).
    shunping = row(page, "#table-contribution", "顺平县医疗保障局")
    expect(shunping).to_contain_text("2023")
    expect(shunping).to_contain_text("3,200.00")
    expect(shunping).to_contain_text("128.00")
    expect(shunping).to_contain_text("250,000")
    expect(shunping).to_contain_text("20.0")
    expect(row(page, "#table-assistance", "顺平县医疗保障局")).to_contain_text("140.00")
    # Running costs: 顺平 23.93 and 行政运行 260.22; 镇安 9.38 labelled 公用经费.
    expect(row(page, "#table-running", "顺平县医疗保障局")).to_contain_text("23.93")
    expect(row(page, "#table-running", "顺平县医疗保障局")).to_contain_text("260.22")
    expect(row(page, "#table-running", "镇安县医疗保险经办机构")).to_contain_text("公用经费")

    # Each indicator is a distribution drawn by plotly.js served from the project, its median written on it.
    expect_chart_drawn(page, "chart-contribution_per_insured", "128.00")
    expect_chart_drawn(page, "chart-medical_assistance", "140.00")
    expect_chart_drawn(page, "chart-running_costs", "16.65")
    screenshot(page, "dashboard")

    # Another year is one click away: 高邑 2026 140.00 (19.3% of 724).
    page.get_by_role("navigation", name="其他年度和类型").get_by_role("link", name="2026年预算").click()
    gaoyi = row(page, "#table-contribution", "高邑县医疗保障局")
    expect(gaoyi).to_contain_text("2026")
    expect(gaoyi).to_contain_text("140.00")
    expect(gaoyi).to_contain_text("19.3")
    # 郾城 states no insured count: the per-head cell says so, the whole reason on hover and in the note column.
    goto(page, "/?year=2024")
    yancheng = row(page, "#table-contribution", "漯河市郾城区医疗保障局")
    expect(yancheng).to_contain_text("6,984.07")
    expect(yancheng.locator("td.missing").first).to_have_attribute("title", re.compile("参保人数"))
    expect(yancheng.locator("td.missing").first).to_have_text("缺失无参保人数")
    expect(yancheng.locator("ul.notes")).to_contain_text("没有写明城乡居民参保人数")
    # Medical assistance: 盐边 607.27 (决算), with the split by source.
    goto(page, "/?year=2022&kind=final")
    yanbian = row(page, "#table-assistance", "盐边县医疗保障局")
    expect(yanbian).to_contain_text("部门决算")
    for figure in ("607.27", "376.76", "80.51", "150.00"):
        expect(yanbian).to_contain_text(figure)


def test_the_county_finder_shows_rank_and_percentile(page):
    goto(page, "/")
    page.get_by_label("查找县（区）").fill("顺平")
    page.get_by_role("button", name="显示").click()
    finder = page.locator("#finder")
    expect(finder).to_contain_text("顺平县医疗保障局")
    expect(finder.locator("tbody tr").filter(has_text="机关运行经费")).to_contain_text("1 / 2")
    expect(row(page, "#table-running", "顺平县医疗保障局")).to_have_class(re.compile(r"\bfound\b"))
    expect_chart_drawn(page, "chart-running_costs", "顺平县")


def test_compare_two_bureaus_picked_in_the_form(page):
    goto(page, "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="比较", exact=True).click()
    expect(page).to_have_url(re.compile(r"/compare/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("比较单位")

    for county in ("顺平", "盐边", "镇安"):
        page.get_by_label("添加单位").fill(county)
        page.get_by_role("button", name="比较", exact=True).click()
        expect(page.get_by_label("添加单位")).to_have_value("")

    expect(page).to_have_url(re.compile(r"/compare/\?.*bureau=\d+.*bureau=\d+"))
    table = page.get_by_role("table", name="所选单位的指标")
    expect(table.locator("tbody tr")).to_have_count(3)
    shunping = table.locator("tbody tr").filter(has_text="顺平县医疗保障局")
    for figure in ("128.00", "140.00", "23.93"):
        expect(shunping).to_contain_text(figure)
    yanbian = table.locator("tbody tr").filter(has_text="盐边县医疗保障局")
    for figure in ("607.27", "30.67"):
        expect(yanbian).to_contain_text(figure)
    expect(page.locator(".chosen input:checked")).to_have_count(3)
    # The bars compare the 2023 budgets of 顺平 and 镇安; 盐边's 2022 final account is never a bar beside them.
    expect_chart_drawn(page, "chart-running_costs-budget", "23.93", "9.38")
    expect(page.locator("#chart-running_costs-budget")).not_to_contain_text("30.67")
    expect(page.get_by_text("所选单位中只有盐边县医疗保障局有决算（2022年），不画这类条形图")).to_be_visible()
    scroll_to(page, "#table-heading")
    screenshot(page, "compare")


def test_bureau_page_from_a_dashboard_link(page):
    goto(page, "/")
    page.locator("#table-contribution").get_by_role("link", name="顺平县医疗保障局").click()

    expect(page).to_have_url(re.compile(r"/bureaus/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("顺平县医疗保障局")
    expect(page.locator(".bureau-place")).to_contain_text("130636")
    indicators = page.get_by_role("table", name="历年指标")
    for figure in ("3,200.00", "128.00", "140.00", "23.93", "260.22"):
        expect(indicators).to_contain_text(figure)
    functional = page.locator("#functional-table")
    expect(row(page, "#functional-table", "2101202")).to_contain_text("3,200.00")
    expect(functional).to_contain_text("医疗救助")
    expect_chart_drawn(page, "functional")
    scroll_to(page, "#functional-heading")
    screenshot(page, "bureau")


def test_document_page_links_each_figure_to_its_source_line(page):
    goto(page, "/")
    shunping = row(page, "#table-contribution", "顺平县医疗保障局")
    shunping.get_by_role("link", name="部门预算").click()

    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("顺平县医疗保障局")
    indicators = page.locator("#document-indicators")
    expect(indicators.locator("#ind-contribution_per_insured")).to_contain_text("128.00")
    expect(indicators.locator("#ind-medical_assistance")).to_contain_text("140.00")

    # 机关运行经费 23.93 links to the sentence of the 情况说明 that states it; clicking it targets that line.
    figure = indicators.locator("#ind-running_costs td.num a")
    expect(figure).to_have_text("23.93")
    href = figure.get_attribute("href")
    anchor = re.fullmatch(r"/documents/\d+/#(L\d+)", href)
    assert anchor, href
    line = page.locator(f"li#{anchor[1]}")
    expect(line).to_contain_text("机关运行经费安排23.9290万元")
    figure.click()
    expect(page).to_have_url(re.compile(f"#{anchor[1]}$"))
    expect(line).to_be_in_viewport()
    assert line.evaluate("el => el.matches(':target')")
    expect(line).to_have_css("background-color", "rgb(255, 243, 196)")
    # The screenshot: the indicators at the top, the source beside them scrolled to the highlighted line.
    scroll_to(page, "#indicators-heading")
    expect(line).to_be_in_viewport()
    screenshot(page, "document")

    # And back: the budget line 2101501 行政运行 (260.22) names the indicator it feeds, linked to its row.
    feeds = page.get_by_role("link", name="行政运行", exact=True)
    budget_line = page.locator("#tables-heading ~ details tbody tr").filter(has_text="2101501").filter(has=feeds)
    expect(budget_line).to_have_count(1)
    expect(budget_line).to_contain_text("260.22")
    budget_line.locator("td.feeds").get_by_role("link", name="行政运行", exact=True).click()
    expect(page).to_have_url(re.compile("#ind-administrative_operation$"))
    expect(indicators.locator("#ind-administrative_operation")).to_be_in_viewport()


# Amounts in the document's budget tables and stated figures that are not a link to a line of its source.
UNLINKED_AMOUNTS = """() => [...document.querySelectorAll(
        "#tables-heading ~ details td.num, #figures-heading ~ * td.num")]
    .filter(td => td.textContent.trim() && !td.querySelector("a[href^='#L']"))
    .map(td => td.textContent.trim())"""


def test_document_page_every_amount_links_to_its_source_line(page):
    document = Disclosure.objects.get(bureau__region__code="130636", fiscal_year=2023)
    goto(page, f"/documents/{document.pk}/")
    page.evaluate("document.querySelectorAll('#tables-heading ~ details').forEach(d => d.open = true)")
    assert page.evaluate(UNLINKED_AMOUNTS) == []

    # A budget line: its amount leads where its line number does, to the line it was read from.
    budget_line = page.locator("#tables-heading ~ details tbody tr").filter(has_text="2101202").first
    amount = budget_line.get_by_role("link", name="3,200.00", exact=True).first
    line_number = budget_line.locator("td").nth(7).get_by_role("link").first
    assert amount.get_attribute("href") == line_number.get_attribute("href") == f"#L{line_number.inner_text()}"
    amount.click()
    target = page.locator(amount.get_attribute("href"))
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("财政对城乡居民基本医疗保险基金的补助")
    expect(target).to_contain_text("3200.00")
    assert target.evaluate("el => el.matches(':target')")

    # A stated figure: the same, beside the quote of its sentence.
    figure = page.locator("#figures-heading ~ * tbody tr").filter(has_text="机关运行经费安排").first
    value = figure.locator("td.num").get_by_role("link")
    expect(value).to_have_text(re.compile(r"^\s*23\.93 万元\s*$"))
    assert value.get_attribute("href") == figure.locator("td.prose a").get_attribute("href")
    value.click()
    target = page.locator(value.get_attribute("href"))
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("机关运行经费安排23.9290万元")


def test_methods_page(page):
    goto(page, "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="方法说明").click()
    expect(page).to_have_url(re.compile(r"/methods/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("方法说明")
    expect(page.locator("#indicator-contribution_per_insured")).to_contain_text("2101202")
    expect(page.locator("#indicator-medical_assistance")).to_contain_text("21013")
    reference = page.locator("#reference-table")
    for year, minimum in (("2020", "550"), ("2023", "640"), ("2026", "724")):
        expect(reference.locator("tbody tr").filter(has_text=year)).to_contain_text(minimum)
    screenshot(page, "methods")


def test_search_from_the_nav_box(page):
    goto(page, "/")
    box = page.get_by_role("navigation", name="主导航").get_by_role("searchbox")
    box.fill("顺平")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=(%E9%A1%BA%E5%B9%B3|顺平)$"))
    expect(page.locator("#q")).to_have_value("顺平")
    results = page.get_by_role("table", name="找到的单位")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("顺平县医疗保障局")
    expect(results).to_contain_text("130636")
    expect(results).not_to_contain_text("高邑")
    screenshot(page, "search")


def test_api_docs_page(page):
    goto(page, "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="数据接口与下载").click()
    expect(page).to_have_url(re.compile(r"/api/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("数据接口与下载")
    for endpoint in ("/api/regions/", "/api/bureaus/", "/api/documents/", "/api/lines/", "/api/indicators/"):
        expect(page.locator("main")).to_contain_text(endpoint)
    # Each endpoint's parameters, read from its FilterSet: what values, the help text, the choices.
    regions = page.locator("#endpoint-regions")
    regions.scroll_into_view_if_needed()
    level = regions.locator("tbody tr").filter(has=page.locator("th", has_text=re.compile(r"^level$")))
    expect(level).to_contain_text("可选值")
    expect(level).to_contain_text("prefecture 地级")
    screenshot(page, "api-docs")
    # The API it documents answers, with the figures of the pages.
    response = page.request.get(page.base_url + "/api/indicators/?indicator=running_costs&limit=50")
    assert response.ok, response.status
    values = {r["document"]["bureau"]["name"]: r["values"]["running_costs"] for r in response.json()["results"]}
    assert values["顺平县医疗保障局"]["value"] == "239290.00", values["顺平县医疗保障局"]


# --- a table sorts ---


def test_dashboard_table_sorts_by_a_clicked_column(page):
    goto(page, "/")
    table, header = "#table-running", "机关运行经费（万元）"
    before = column(page, table, header)
    assert [value for _, value in before] == [Decimal("23.93"), Decimal("9.38")]  # ranked: largest first
    ascending = sorted(before, key=lambda pair: pair[1])

    th = page.locator(f"{table} thead th").filter(has_text=header)
    th.get_by_role("link").click()
    expect(th).to_have_attribute("aria-sort", "ascending")
    expect(page).to_have_url(re.compile(r"running-sort=ind_running_costs"))
    assert column(page, table, header) == ascending

    th.get_by_role("link").click()
    expect(th).to_have_attribute("aria-sort", "descending")
    assert column(page, table, header) == ascending[::-1]


# --- a CSV export downloads the rows shown ---


def download_csv(page: Page, section: str) -> list[list[str]]:
    with page.expect_download() as info:
        page.locator(f"#{section} .exports").get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename == f"{section}.csv", download.suggested_filename
    with open(download.path(), "rb") as f:
        assert f.read(3) == b"\xef\xbb\xbf"  # the UTF-8 BOM: Excel on Chinese Windows reads the Chinese right
    with open(download.path(), encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def shown(page: Page, table: str) -> tuple[list[str], list[list[str]]]:
    page.wait_for_load_state("domcontentloaded")
    return page.locator(table).evaluate(READ_HEADER), page.locator(table).evaluate(READ_ROWS)


def test_csv_export_has_the_rows_and_columns_shown(page):
    goto(page, "/")
    header, rows = shown(page, "#table-contribution")
    exported = download_csv(page, "contribution")
    assert exported[0] == header
    assert exported[1:] == [[plain(cell) for cell in r] for r in rows]
    by_bureau = {r[header.index("单位名称")]: r for r in exported[1:]}
    assert by_bureau["顺平县医疗保障局"][header.index("每名城乡居民参保人的县级财政补助（元/人）")] == "128.00"
    # Missing is missing: an empty cell with its reason in the note column, never 0 (the page says 缺失 and why).
    assert by_bureau["镇安县医疗保险经办机构"][header.index("每名城乡居民参保人的县级财政补助（元/人）")] == ""
    assert "2101202" in by_bureau["镇安县医疗保险经办机构"][header.index("说明")]

    # Sorted by a column, the export follows the order shown.
    th = page.locator("#table-running thead th").filter(has_text="机关运行经费（万元）")
    th.get_by_role("link").click()
    expect(th).to_have_attribute("aria-sort", "ascending")
    header, rows = shown(page, "#table-running")
    exported = download_csv(page, "running")
    assert exported[0] == header
    assert exported[1:] == [[plain(cell) for cell in r] for r in rows]
    assert [r[header.index("机关运行经费（万元）")] for r in exported[1:]] == ["9.38", "23.93"]


# --- the language switch ---


def test_language_switch_to_english_and_back(page):
    goto(page, "/methods/")
    nav = page.get_by_role("navigation").first
    expect(nav.locator(".nav-links a[href='/']")).to_have_text("首页")
    expect(page.locator("#language option")).to_have_text(["中文", "English"])  # each in its own words

    page.locator("#language").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/methods/$"))  # the same page, its address in English
    expect(nav.locator(".nav-links a[href='/en/']")).to_have_text("Home")
    expect(page.locator("#language option:checked")).to_have_attribute("value", "en")
    expect(page.locator("#language option")).to_have_text(["中文", "English"])
    nav.locator(".nav-links a[href='/en/']").click()  # a link keeps the language
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(row(page, "#table-running", "顺平县医疗保障局")).to_contain_text("23.93")

    page.locator("#language").select_option("zh-hans")
    expect(page).to_have_url(re.compile(r"//[^/]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(nav.locator(".nav-links a[href='/']")).to_have_text("首页")


# --- staff upload ---


def test_staff_upload_preview_then_save(new_page, samples_but_gaoyi, django_user_model):
    django_user_model.objects.create_user(username="analyst", password="s3cret-pass-word", is_staff=True)
    page = new_page()
    goto(page, "/import/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/import/"))
    page.get_by_label("用户名").fill("analyst")
    page.get_by_label("密码").fill("s3cret-pass-word")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/import/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("导入公开文件")
    expect(page.locator(".user")).to_have_text("analyst")

    path = seed("003")
    with page.expect_file_chooser() as chooser:
        page.locator("input[type=file]").click()
    chooser.value.set_files(str(path))
    page.get_by_role("button", name="读取并预览").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"预览：{path.name}")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("高邑县医疗保障局")
    expect(facts).to_contain_text("130127")
    expect(facts).to_contain_text("2026")
    expect(page.get_by_role("button", name="保存")).to_be_visible()
    screenshot(page, "upload-preview")

    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    expect(page.locator(".messages")).to_contain_text(f"{path.name}：已导入")
    expect(page.get_by_role("heading", level=1)).to_contain_text("高邑县医疗保障局")
    expect(page.locator("#ind-contribution_per_insured")).to_contain_text("140.00")
    pk = int(re.search(r"/documents/(\d+)/$", page.url)[1])
    document = Disclosure.objects.get(pk=pk)
    assert document.bureau.region.code == "130127" and document.fiscal_year == 2026


def test_staff_upload_a_published_pdf_and_a_figure_leads_to_its_page_and_line(
    new_page, samples_but_gaoyi, django_user_model, browser, tmp_path
):
    pdf = print_pdf(browser, seed("003").read_text(encoding="utf-8"), tmp_path / "高邑县医疗保障局2026年部门预算.pdf")
    django_user_model.objects.create_user(username="analyst", password="s3cret-pass-word", is_staff=True)
    page = new_page()
    goto(page, "/accounts/login/?next=/import/")
    page.get_by_label("用户名").fill("analyst")
    page.get_by_label("密码").fill("s3cret-pass-word")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("导入公开文件")

    page.locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="读取并预览").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"预览：{pdf.name}")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("高邑县医疗保障局")
    expect(facts).to_contain_text("130127")
    expect(page.locator(".source .page-mark").first).to_have_text("第1页")
    screenshot(page, "upload-preview-pdf")

    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    expect(page.locator(".messages")).to_contain_text(f"{pdf.name}：已导入")
    # The same figures as the text of the sample: the county's 140元 per insured resident, from 2101202 2191.00万.
    expect(page.locator("#ind-contribution_per_insured")).to_contain_text("140.00")
    document = Disclosure.objects.get(pk=int(re.search(r"/documents/(\d+)/$", page.url)[1]))
    assert document.source_filename == pdf.name and document.source_text.count("\f") >= 1
    assert document.lines.get(table__key="expenditure_summary", code="2101202").total == 21910000

    # A stated figure names its page and line; following the link shows that line, under its page's mark.
    link = page.locator("#figures-heading + * a").filter(has_text=re.compile(r"^第\d+页第\d+行$")).first
    expect(link).to_be_visible()
    number = int(re.search(r"第(\d+)行", link.inner_text())[1])
    link.click()
    target = page.locator(f"#L{number}")
    expect(target).to_be_in_viewport()
    assert int(re.search(r"第(\d+)页", link.inner_text())[1]) == page_per_line(document.source_text)[number - 1]
    screenshot(page, "document-pdf")


# --- a phone ---


def test_dashboard_on_a_phone_does_not_overflow(new_page, samples):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    goto(page, "/")
    expect(row(page, "#table-contribution", "顺平县医疗保障局")).to_contain_text("128.00")
    expect_chart_drawn(page, "chart-contribution_per_insured", "128.00")
    widths = page.evaluate(
        """() => ({viewport: window.innerWidth, document: document.documentElement.scrollWidth,
                   body: document.body.scrollWidth})"""
    )
    assert widths["document"] <= widths["viewport"] and widths["body"] <= widths["viewport"], widths
    # Wide tables scroll inside their wrapper, which stays within the screen.
    wrap = page.locator("#table-contribution").locator("xpath=..")
    expect(wrap).to_have_class(re.compile(r"\btable-wrap\b"))
    box = wrap.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= widths["viewport"], box
    screenshot(page, "dashboard-phone")


# --- no JavaScript errors anywhere ---


def test_no_javascript_errors_on_any_page(page):
    shunping, yanbian = Bureau.objects.get(region__code="130636"), Bureau.objects.get(region__code="510422")
    paths = [
        "/",
        "/?documents=all",
        f"/compare/?bureau={shunping.pk}&bureau={yanbian.pk}",
        "/methods/",
        "/search/?q=顺平",
        "/api/",
        "/accounts/login/",
    ]
    paths += [f"/bureaus/{b.pk}/" for b in Bureau.objects.all()]
    paths += [f"/documents/{d.pk}/" for d in Disclosure.objects.all()]
    for path in paths:
        response = page.goto(page.base_url + path, wait_until="load")
        assert response.ok, (path, response.status)
        for chart in page.locator("[data-plotly]").all():
            expect(chart.locator("svg.main-svg").first).to_be_attached()
    assert page.js_errors == []


def test_dashboard_in_english_on_a_wide_screen(new_page, samples):
    page = new_page(viewport={"width": 1366, "height": 900})
    goto(page, "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(row(page, "#table-running", "顺平县医疗保障局")).to_contain_text("23.93")
    expect_chart_drawn(page, "chart-running_costs", "16.65")
    screenshot(page, "dashboard-en")
