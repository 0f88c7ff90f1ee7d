"""The staff upload page: pick a file, see what was found, then save, or replace with confirmation."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from disclosures.models import BudgetLine, Disclosure
from tests.factories import StaffFactory

from .conftest import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def upload(client, path, **fields):
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain"), **fields}
    return client.post(reverse("disclosures:upload"), data)


def token_of(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_public_cannot_reach_the_upload_page(client):
    response = client.get(reverse("disclosures:upload"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert client.post(reverse("disclosures:upload_confirm"), {"token": "x"}).status_code == 302
    assert Disclosure.objects.count() == 0


def test_non_staff_user_cannot_upload(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("citizen", password="a-long-password-1"))
    assert client.get(reverse("disclosures:upload")).status_code == 302


def test_preview_shows_what_was_found_and_saves_nothing(staff_client):
    response = upload(staff_client, seed("000"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "顺平县医疗保障局" in html and "130636" in html
    assert "3,200.00" in html  # 2101202 in 万元
    assert "财政对城乡居民基本医疗保险基金的补助" in html
    # The prose total the checks flag, in 万元 with separators like every other figure on the page.
    assert (
        "说明第560行写明本年支出合计3,798.42万元，而《部门预算支出总表》第202行「合计」为3,798.25万元（相差0.17万元）"
        in html
    )
    assert 'href="#L91"' in html and 'id="L91"' in html  # findings link to their source lines
    assert Disclosure.objects.count() == 0


def test_the_preview_in_english_writes_the_findings_amounts_in_10k_yuan(staff_client):
    path = seed("000")
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain"), "check": "on"}
    html = staff_client.post("/en/import/", data).content.decode()
    assert (
        "The text (line 560) states total spending this year as 3,798.42 10k yuan, while “部门预算支出总表”, "
        "line 202, “合计” gives 3,798.25 10k yuan (a difference of 0.17 10k yuan)."
    ) in html
    assert "37,984,200" not in html


def test_save_after_preview_imports_the_document(staff_client):
    html = upload(staff_client, seed("003")).content.decode()
    response = staff_client.post(reverse("disclosures:upload_confirm"), {"token": token_of(html)}, follow=True)
    disclosure = Disclosure.objects.get()
    assert response.redirect_chain[-1][0] == reverse("disclosures:disclosure_detail", args=[disclosure.pk])
    assert "已导入" in response.content.decode()
    assert disclosure.imported_by.is_staff
    assert disclosure.lines.get(table__key="expenditure_summary", code="2101202").total == 21910000


def test_replacing_needs_confirmation_and_keeps_the_old_version(staff_client, tmp_path):
    html = upload(staff_client, seed("003")).content.decode()
    staff_client.post(reverse("disclosures:upload_confirm"), {"token": token_of(html)})
    changed = tmp_path / "gaoyi-v2.txt"
    changed.write_text(seed("003").read_text(encoding="utf-8") + "\n更正说明。\n", encoding="utf-8")

    html = upload(staff_client, changed).content.decode()
    assert "已有另一版本" in html
    lines_before = BudgetLine.objects.count()
    token = token_of(html)
    response = staff_client.post(reverse("disclosures:upload_confirm"), {"token": token})
    page = response.content.decode()
    # The page says what to do in its own terms: the tick box, never the command-line flag; the preview stays.
    assert "请先勾选“我确认用这份文件替换现有版本”" in page and "--replace" not in page
    assert "预览：gaoyi-v2.txt" in page and token_of(page) == token
    assert Disclosure.objects.count() == 1 and BudgetLine.objects.count() == lines_before

    staff_client.post(reverse("disclosures:upload_confirm"), {"token": token, "replace": "on"})
    old, new = Disclosure.objects.order_by("pk")
    assert (old.status, new.status) == ("superseded", "current")
    assert old.superseded_by == new


def test_bad_file_gets_a_clear_error_naming_the_file(staff_client, tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    html = upload(staff_client, bad).content.decode()
    assert "scan.pdf" in html and "PDF" in html
    assert Disclosure.objects.count() == 0


def test_fields_the_text_cannot_tell_can_be_given(staff_client, tmp_path):
    text = seed("003").read_text(encoding="utf-8").replace("2026", "").replace("2025", "")
    path = tmp_path / "noyear.txt"
    path.write_text(text, encoding="utf-8")
    html = upload(staff_client, path).content.decode()
    assert "从文中无法判断年度。请在“年度”一栏填写。" in html and "--year" not in html
    html = upload(staff_client, path, year="2026").content.decode()
    staff_client.post(reverse("disclosures:upload_confirm"), {"token": token_of(html)})
    assert Disclosure.objects.get().fiscal_year == 2026


def test_upload_needs_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(StaffFactory())
    data = {"file": SimpleUploadedFile("a.txt", seed("000").read_bytes())}
    assert strict.post(reverse("disclosures:upload"), data).status_code == 403


@pytest.mark.parametrize(
    "prefix, bureau, region, figures",
    [
        ("000", "顺平县医疗保障局", "130636", ["3,798.25", "3,200.00", "260.22"]),
        ("001", "盐边县医疗保障局", "510422", ["607.27", "253.02"]),
        ("002", "漯河市郾城区医疗保障局", "411103", ["7,661.49", "6,984.07", "268.10"]),
        ("003", "高邑县医疗保障局", "130127", ["2,654.58", "2,191.00", "210.91"]),
        ("004", "镇安县医疗保险经办机构", "611025", ["313.17", "247.39"]),
    ],
)
def test_preview_of_each_sample_shows_its_published_figures(staff_client, prefix, bureau, region, figures):
    html = upload(staff_client, seed(prefix)).content.decode()
    assert bureau in html and region in html
    for figure in figures:
        assert f">{figure}<" in html.replace(" ", "").replace("\n", ""), figure


def _refuse_document_writes(execute, sql, params, many, context):
    # The document's row, whichever statement writes it (on PostgreSQL, one with its tables).
    if re.search(r'INSERT INTO "?disclosures_disclosure"? ', sql):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def test_the_confirm_step_answers_with_a_message_when_the_database_fails(staff_client):
    html = upload(staff_client, seed("003")).content.decode()
    with connection.execute_wrapper(_refuse_document_writes):
        response = staff_client.post(reverse("disclosures:upload_confirm"), {"token": token_of(html)}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("disclosures:upload")
    assert "数据库" in response.content.decode() and "没有写入任何数据" in response.content.decode()
    assert Disclosure.objects.count() == 0


def test_the_confirm_step_of_a_restore_racing_a_new_version_keeps_one_current_version(staff_client, tmp_path):
    original = seed("003").read_text(encoding="utf-8")
    for n, suffix in enumerate(("", "\n二\n", "\n三\n")):
        (tmp_path / f"v{n}.txt").write_text(original + suffix, encoding="utf-8")
    for name in ("v0.txt", "v1.txt"):
        html = upload(staff_client, tmp_path / name).content.decode()
        staff_client.post(reverse("disclosures:upload_confirm"), {"token": token_of(html), "replace": "on"})
    restore = token_of(upload(staff_client, tmp_path / "v0.txt").content.decode())  # previewed while v1 is current
    other = Client()
    other.force_login(StaffFactory())
    html = upload(other, tmp_path / "v2.txt").content.decode()
    other.post(reverse("disclosures:upload_confirm"), {"token": token_of(html), "replace": "on"})

    response = staff_client.post(
        reverse("disclosures:upload_confirm"), {"token": restore, "replace": "on"}, follow=True
    )
    assert response.status_code == 200
    assert "已替换旧版本" in response.content.decode()
    assert Disclosure.objects.filter(status="current").count() == 1
    assert Disclosure.objects.get(status="current").source_filename == "v0.txt"


REAL = Path(__file__).resolve().parents[1] / "data" / "real"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef《》「」]")


def _error_of(html: str) -> str:
    """The text of the page's error box, without the document's own words (quoted) and file name."""
    box = re.search(r'<div class="message error" role="alert">(.*?)</div>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", box).strip()


def test_a_refused_file_is_explained_in_the_readers_language(staff_client):
    """The same refusal in Chinese at /import/ and in English at /en/import/, with what to do on the page."""
    pdf = REAL / "putuo_sfj_2026_budget.pdf"  # a 司法局: not a medical-security body
    chinese = _error_of(upload(staff_client, pdf).content.decode())
    assert chinese.startswith("putuo_sfj_2026_budget.pdf：")
    assert "发布单位是“上海市普陀区司法局”，不是医疗保障部门" in chinese
    assert "请勾选“只核对，不导入”" in chinese
    data = {"file": SimpleUploadedFile(pdf.name, pdf.read_bytes(), content_type="application/pdf")}
    english = _error_of(staff_client.post("/en/import/", data).content.decode())
    assert english.startswith("putuo_sfj_2026_budget.pdf: ")
    assert "The publisher is “上海市普陀区司法局”, not a medical-security body" in english
    assert "tick “Check only, do not import”" in english
    assert not CJK.search(re.sub(r"“[^”]*”", "", english)), english
    assert Disclosure.objects.count() == 0


def test_a_blank_template_is_refused_in_english_too(staff_client):
    pdf = REAL / "national_final_template.pdf"
    # A finding about the whole file, not about line 16 (a title of its contents list).
    chinese = _error_of(upload(staff_client, pdf).content.decode())
    assert chinese.startswith("national_final_template.pdf：全文没有任何数字：这份文件有 9 张表的标题和表头"), chinese
    assert "第 16 行" not in chinese and "模板" in chinese
    data = {"file": SimpleUploadedFile(pdf.name, pdf.read_bytes(), content_type="application/pdf")}
    english = _error_of(staff_client.post("/en/import/", data).content.decode())
    assert english.startswith("national_final_template.pdf: No figures anywhere in the file: "), english
    assert "Line " not in english
    assert "blank template" in english.lower() or "template" in english, english
    assert not CJK.search(re.sub(r"“[^”]*”", "", english)), english


def test_a_file_that_is_no_disclosure_at_all_is_called_so(staff_client, tmp_path):
    notes = tmp_path / "meeting_notes.txt"
    notes.write_text(
        "关于2024年部门预算编制的会议纪要\n时间：2024年3月5日\n参会人员：张三、李四\n"
        "一、讨论了下一年度的部门预算安排。\n二、其他事项。\n",
        encoding="utf-8",
    )
    chinese = _error_of(upload(staff_client, notes).content.decode())
    # Not "内容不全 … 只读到 0 张表": the file is no piece of a disclosure. The page names it and what was expected.
    assert chinese.startswith("meeting_notes.txt：不是预算或决算公开文件：文中没有一张预算或决算表"), chinese
    assert "本站导入的是医疗保障部门公开的部门（单位）预算、决算文件，连同其中的表格" in chinese
    assert "内容不全" not in chinese and "0 张表" not in chinese
    data = {"file": SimpleUploadedFile(notes.name, notes.read_bytes(), content_type="text/plain")}
    english = _error_of(staff_client.post("/en/import/", data).content.decode())
    assert english.startswith("meeting_notes.txt: Not a budget or final-accounts disclosure: "), english
    assert "Incomplete" not in english and not CJK.search(english)
    assert Disclosure.objects.count() == 0


def test_a_refusal_is_said_once_in_its_box(staff_client):
    """The refusal stands once on the page, in the alert box above the form, not again in the form's own list."""
    html = upload(staff_client, REAL / "putuo_sfj_2026_budget.pdf").content.decode()
    assert html.count("不是医疗保障部门") == 1
    assert "不是医疗保障部门" in _error_of(html)


REAL = Path(__file__).resolve().parents[1] / "data" / "real"


def test_the_english_preview_is_in_english_and_names_a_municipal_district_once(staff_client):
    path = REAL / "putuo_sfj_2026_budget.layout.txt"
    response = staff_client.post(
        "/en/import/", {"file": SimpleUploadedFile(path.name, path.read_bytes()), "check": "on"}
    )
    html = re.sub(r"\s+", " ", response.content.decode())
    assert f"<h1>Preview: {path.name}</h1>" in html
    # Shanghai is both province and prefecture: named once, in English; the district keeps its name.
    assert '<dd> Shanghai 普陀区 <span class="muted">310107</span> </dd>' in html
    assert "上海市 上海市" not in html and "Shanghai Shanghai" not in html
    assert "<dt>Published in</dt> <dd> yuan </dd>" in html
    assert re.search(r"<dd> \d+ budget lines, \d+ stated figures </dd>", html)
    assert not re.search(r"[，：。]", html.split("<h2")[0].split("<body")[1])


def test_the_preview_opens_the_spending_summary_not_an_empty_table(staff_client):
    path = REAL / "putuo_sfj_2026_budget.layout.txt"
    response = staff_client.post(
        reverse("disclosures:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes()), "check": "on"}
    )
    tables = re.findall(
        r"<details ?(open)?>\s*<summary>\s*(\S+).*?<span class=\"badge\">(\d+) 行</span>",
        response.content.decode(),
        re.S,
    )
    assert tables[0][1:] == ("2026年部门财务收支预算总表", "0")  # the first table read nothing
    assert [(title, lines) for opened, title, lines in tables if opened] == [("2026年部门支出预算总表", "22")]
