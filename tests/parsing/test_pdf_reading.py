"""Reading a PDF as published: ruled tables as cells, pages kept, and a clear error for what is no readable PDF."""

from __future__ import annotations

import io
import os
import signal
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from disclosures.parsing import pdf
from disclosures.parsing.pages import numbered_lines, page_per_line
from disclosures.parsing.types import DisclosureError

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


@pytest.fixture(scope="module")
def sfj() -> str:
    return pdf.pdf_text((REAL / "putuo_sfj_2026_budget.pdf").read_bytes())


@pytest.fixture(scope="module")
def czj() -> str:
    return pdf.pdf_text((REAL / "putuo_czj_2024_final.pdf").read_bytes())


def test_a_ruled_table_row_is_read_as_its_cells(sfj):
    lines = sfj.split("\n")
    # 类 | 款 | 项 | name | 合计 | 基本支出 | 项目支出, as printed in the 一般公共预算支出功能分类预算表.
    assert "204\t06\t01\t行政运行\t16726725.44\t16726725.44\t0.00" in lines
    # A name the narrow column wrapped onto a second line is one name.
    assert any(line.startswith("208\t05\t05\t机关事业单位基本养老保险缴费支出\t") for line in lines)


def test_every_page_is_kept(sfj, czj):
    assert sfj.count("\f") == 23 - 1
    assert czj.count("\f") == 25 - 1
    pages = page_per_line(czj)
    lines = czj.split("\n")
    title = next(n for n, line in enumerate(lines, start=1) if line.replace("\f", "") == "收入决算表")
    assert pages[title - 1] == 8  # printed on page 8 (the answer key: 收入决算表 pp. 8-9)
    numbered = numbered_lines(czj)
    assert numbered[0] == (1, "上海市普陀区财政局", 1)
    assert sum(1 for _, _, page in numbered if page) == 25


def test_the_cover_title_is_one_line(czj):
    # "2024" is set in a larger font than "年度部门决算": one line all the same.
    assert czj.split("\n")[:2] == ["上海市普陀区财政局", "2024年度部门决算"]


def test_a_text_file_has_no_pages():
    assert page_per_line("一\n二") is None
    assert numbered_lines("一\n二") == [(1, "一", None), (2, "二", None)]


def _blank_pdf(pages: int = 1) -> bytes:
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_pdf_without_a_text_layer_is_refused_as_a_scan():
    with pytest.raises(DisclosureError, match="没有可提取的文字层（可能是扫描件或图片）"):
        pdf.pdf_text(_blank_pdf())


def test_a_damaged_pdf_gets_a_clear_error():
    data = (REAL / "putuo_sfj_2026_budget.pdf").read_bytes()[:5000]
    with pytest.raises(DisclosureError, match="PDF 文件"):
        pdf.pdf_text(data)


def test_too_many_pages_are_refused(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(DisclosureError, match="超过 2 页的上限"):
        pdf.pdf_text(_blank_pdf(3))


def test_a_reader_that_hangs_is_stopped(monkeypatch):
    monkeypatch.setattr(pdf, "TIME_LIMIT", 1)
    monkeypatch.setattr(pdf, "_read_part", lambda data, part, parts: time.sleep(60))
    started = time.monotonic()
    with pytest.raises(DisclosureError, match="读取超过 1 秒"):
        pdf.pdf_text(b"%PDF-1.7 whatever")
    assert time.monotonic() - started < 30  # the worker is given back, whatever the machine's load


def test_a_reader_that_crashes_takes_only_its_own_process(monkeypatch):
    monkeypatch.setattr(pdf, "_read_part", lambda data, part, parts: os.kill(os.getpid(), signal.SIGSEGV))
    with pytest.raises(DisclosureError, match="读取程序异常终止"):
        pdf.pdf_text(b"%PDF-1.7 whatever")
