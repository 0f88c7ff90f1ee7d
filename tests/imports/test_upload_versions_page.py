"""The upload page when a file would replace the current version: the preview shows what changes, and stays when
the confirmation is missing; several files at once, each with its own result."""

import re
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosures.models import Disclosure
from tests.factories import StaffFactory

from .conftest import run_import, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def as_upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


def token_of(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def flat(html: str) -> str:
    return re.sub(r"\s+", "", html)


@pytest.fixture
def corrected(tmp_path):
    """高邑 2026 imported as published; a correction that moves 2191.00 万元 to 2291.00 in every table."""
    run_import(str(seed("003")))
    path = tmp_path / "gaoyi-corrected.txt"
    path.write_text(seed("003").read_text(encoding="utf-8").replace("2191.00", "2291.00"), encoding="utf-8")
    return path


def test_the_replace_preview_shows_the_figures_that_change_old_and_new(staff_client, corrected):
    html = staff_client.post(reverse("disclosures:upload"), {"file": as_upload(corrected)}).content.decode()
    section = flat(html.split('id="changes"')[1].split("</section>")[0])
    current = Disclosure.objects.get()
    assert f'href="/documents/{current.pk}/#L' in section  # the old figure links to its line in the current version
    row = re.search(r"2101202</span>财政对城乡居民基本医疗保险基金的补助.*?</tr>", section).group(0)
    assert re.findall(r">([\d,.+\-]+)<", row) == ["2,191.00", "2,291.00", "+100.00"]
    assert "支出合计" not in section  # the totals are the same: no change shown


def test_an_unticked_confirmation_keeps_the_preview_and_the_same_token_saves(staff_client, corrected):
    html = staff_client.post(reverse("disclosures:upload"), {"file": as_upload(corrected)}).content.decode()
    token = token_of(html)
    response = staff_client.post(reverse("disclosures:upload_confirm"), {"token": token})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="confirm-error"' in page and "--replace" not in page
    assert 'id="changes"' in page and "2,291.00" in page
    assert Disclosure.objects.count() == 1

    response = staff_client.post(reverse("disclosures:upload_confirm"), {"token": token, "replace": "on"}, follow=True)
    assert "已替换旧版本" in response.content.decode()
    assert Disclosure.objects.get(status="current").source_filename == "gaoyi-corrected.txt"


def test_the_same_version_again_shows_no_difference_section(staff_client):
    run_import(str(seed("003")))
    html = staff_client.post(reverse("disclosures:upload"), {"file": as_upload(seed("003"))}).content.decode()
    assert "同一文件已经导入过" in html and 'id="changes"' not in html


def test_the_refusal_names_the_import_time_in_beijing_time(staff_client, corrected):
    Disclosure.objects.update(imported_at=datetime(2026, 3, 1, 20, 30, tzinfo=UTC))
    [record], _ = run_import(str(corrected))
    assert "2026-03-02 04:30 导入" in record["error"]  # 20:30 UTC is 04:30 the next day in Beijing
    html = staff_client.post(reverse("disclosures:upload"), {"file": as_upload(corrected)}).content.decode()
    assert "2026-03-02 04:30" in html and "2026-03-01 20:30" not in html


def test_several_files_each_get_their_own_result(staff_client, corrected, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("这不是预决算公开。\n", encoding="utf-8")
    files = [as_upload(seed("000")), as_upload(broken), as_upload(seed("003")), as_upload(corrected)]
    response = staff_client.post(reverse("disclosures:upload"), {"file": files})
    html = response.content.decode()
    rows = re.findall(r'<tr class="result-(\w+)"[^>]*>\s*<th scope="row"[^>]*>([^<]+)</th>', html)
    assert rows == [
        ("imported", seed("000").name),
        ("error", "broken.txt"),
        ("unchanged", seed("003").name),
        ("error", "gaoyi-corrected.txt"),
    ]
    # A replacement is never made without its preview: the page says how, in its own terms.
    assert "单独上传这个文件，预览后确认替换" in html and "--replace" not in html
    assert Disclosure.objects.filter(bureau__region__code="130636").count() == 1  # the good file is in
    assert Disclosure.objects.filter(bureau__region__code="130127").count() == 1  # the correction was not saved


def test_several_files_can_be_checked_without_saving(staff_client):
    files = [as_upload(seed("000")), as_upload(seed("001"))]
    html = staff_client.post(reverse("disclosures:upload"), {"file": files, "check": "on"}).content.decode()
    assert html.count('class="result-checked"') == 2
    assert "读到 101 行，3 处不一致，0 条提示。" in html  # 顺平 2023
    files = [as_upload(seed("000")), as_upload(seed("001"))]
    english = staff_client.post("/en/import/", {"file": files, "check": "on"}).content.decode()
    # One sentence for any count: "1 notes" or "0 inconsistencies" is never written.
    assert "Lines read: 101; inconsistencies: 3; notes: 0." in english
    assert Disclosure.objects.count() == 0


def test_too_many_files_are_refused_before_any_is_read(staff_client):
    files = [as_upload(seed("000"), name=f"f{n}.txt") for n in range(21)]
    html = staff_client.post(reverse("disclosures:upload"), {"file": files}).content.decode()
    assert "一次最多上传 20 个文件" in html
    assert Disclosure.objects.count() == 0


def test_the_changes_are_the_functional_amounts_that_moved_and_nothing_else(corrected):
    from decimal import Decimal

    from disclosures.selectors.versions import disclosure_version_changes
    from disclosures.services.imports import Overrides, disclosure_prepare

    prepared = disclosure_prepare(
        data=corrected.read_bytes(), filename=corrected.name, overrides=Overrides(), check=False
    )
    changes = disclosure_version_changes(
        stored=prepared.current, lines=prepared.result.lines, figures=prepared.result.figures
    )
    assert [(c.group, c.key, c.old, c.new, c.sign) for c in changes] == [
        ("functional", "21012", Decimal("21910000.00"), Decimal("22910000.00"), "+"),
        ("functional", "2101202", Decimal("21910000.00"), Decimal("22910000.00"), "+"),
    ]
    # The same file compared with itself: no change.
    same = disclosure_prepare(data=seed("003").read_bytes(), filename="again.txt", overrides=Overrides(), check=False)
    assert disclosure_version_changes(stored=same.existing, lines=same.result.lines, figures=same.result.figures) == []
