"""Staff in Chromium: several files uploaded at once, each with its own result; a replacement previewed with what it
changes, the preview kept when the confirmation is missing; the staff home and its links; search by short forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from disclosures.models import Disclosure

from .conftest import PHONE, screenshot, seed

pytestmark = pytest.mark.browser


def log_in(page: Page, path: str, django_user_model) -> None:
    django_user_model.objects.create_user(username="analyst", password="s3cret-pass-word", is_staff=True)
    page.goto(f"{page.base_url}/accounts/login/?next={path}", wait_until="domcontentloaded")
    page.get_by_label("用户名").fill("analyst")
    page.get_by_label("密码").fill("s3cret-pass-word")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def test_several_files_uploaded_at_once_each_get_their_result(new_page, samples_but_gaoyi, django_user_model, tmp_path):
    broken = tmp_path / "不是公开文件.txt"
    broken.write_text("这不是预决算公开。\n", encoding="utf-8")
    page = new_page()
    log_in(page, "/import/", django_user_model)
    page.locator("input[type=file]").set_input_files([str(seed("003")), str(broken), str(seed("000"))])
    page.get_by_role("button", name="读取并预览").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("上传结果")
    results = page.locator("#upload-results tbody tr")
    expect(results).to_have_count(3)
    expect(results.nth(0)).to_contain_text("已导入")
    expect(results.nth(1)).to_contain_text("错误")
    expect(results.nth(1)).to_contain_text(broken.name)
    expect(results.nth(2)).to_contain_text("同一文件已导入过，没有改动")
    screenshot(page, "upload-several")
    assert Disclosure.objects.filter(bureau__region__code="130127").count() == 1

    results.nth(0).get_by_role("link", name="已导入").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("高邑县医疗保障局")


def test_a_replacement_preview_shows_the_changes_and_stays_without_the_tick(
    new_page, samples, django_user_model, tmp_path
):
    corrected = tmp_path / "高邑更正版.txt"
    corrected.write_text(seed("003").read_text(encoding="utf-8").replace("2191.00", "2291.00"), encoding="utf-8")
    page = new_page()
    log_in(page, "/import/", django_user_model)
    page.locator("input[type=file]").set_input_files(str(corrected))
    page.get_by_role("button", name="读取并预览").click()

    changes = page.locator("#changes")
    expect(changes).to_contain_text("与现行版本的差别")
    change = changes.locator("tbody tr").filter(has_text="2101202")
    expect(change).to_contain_text("2,191.00")
    expect(change).to_contain_text("2,291.00")
    expect(change).to_contain_text("100.00")

    page.get_by_role("button", name="替换").click()  # without the tick
    expect(page.locator("#confirm-error")).to_contain_text("请先勾选")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"预览：{corrected.name}")
    expect(page.locator("#changes tbody tr").filter(has_text="2101202")).to_contain_text("2,291.00")
    assert "--replace" not in page.content()
    page.locator("#confirm-error").scroll_into_view_if_needed()
    screenshot(page, "upload-replace-unticked")
    assert Disclosure.objects.get(bureau__region__code="130127", status="current").source_filename != corrected.name

    page.get_by_label("我确认用这份文件替换现有版本").check()
    page.get_by_role("button", name="替换").click()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("已替换旧版本")
    assert Disclosure.objects.get(bureau__region__code="130127", status="current").source_filename == corrected.name


def test_staff_home_lists_what_needs_fixing_on_a_phone(new_page, samples, django_user_model):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, "/staff/", django_user_model)
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
    expect(page.locator("#recent li")).to_have_count(5)
    page.locator("#staff-province").select_option(label="河北省")
    page.locator("#staff-year").select_option("2026")
    page.get_by_role("button", name="显示").click()
    expect(page.locator("#counties-heading")).to_contain_text("河北省没有2026年文件的县（区）")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "staff-home-phone")


def test_search_by_a_short_form_in_the_nav_box(new_page, samples):
    page = new_page()
    page.goto(page.base_url + "/", wait_until="domcontentloaded")
    page.locator("#nav-q").fill("顺平县医保局")
    page.locator("#nav-q").press("Enter")
    expect(page.locator("table.data tbody")).to_contain_text("顺平县医疗保障局")
    page.locator("#q").fill("顺坪医保局")
    page.get_by_role("button", name="搜索").last.click()
    expect(page.locator("#suggestions")).to_contain_text("顺平县医疗保障局")
    screenshot(page, "search-suggestions")
