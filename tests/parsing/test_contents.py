"""The tables a document's contents list names are all in it; titles that mean the same table count as present."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosures.parsing import parse_disclosure
from disclosures.parsing.pdf import pdf_text

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


@pytest.fixture(scope="module")
def czj() -> str:
    return pdf_text((REAL / "putuo_czj_2024_final.pdf").read_bytes())


def _without_table(text: str, title: str) -> str:
    lines = text.split("\n")
    start = max(i for i, line in enumerate(lines) if line.replace("\f", "") == title)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].replace("\f", "").endswith("决算表"))
    return "\n".join(lines[:start] + lines[end:])


def codes(text: str) -> list[str]:
    return [p.code for p in parse_disclosure(text).problems]


def test_a_complete_document_lists_nothing_missing(czj):
    assert "contents_table" not in codes(czj)


def test_a_table_the_contents_lists_but_the_body_lacks_is_named(czj):
    problems = parse_disclosure(_without_table(czj, "收入决算表")).problems
    found = [p for p in problems if p.code == "contents_table"]
    assert len(found) == 1 and "收入决算表" in found[0].message and found[0].severity == "warning"
    assert found[0].lines == (9,)  # the contents entry "二、收入决算表"


def test_another_wording_of_the_same_title_is_the_same_table(czj):
    titles = {
        "财政拨款收入支出决算总表": "财政拨款收支决算总表",
        "一般公共预算财政拨款支出决算表": "一般公共预算财政拨款支出决算（明细）表",
    }
    lines = czj.split("\n")
    body = next(i for i, line in enumerate(lines) if line.replace("\f", "") == "收入支出决算总表")
    renamed = "\n".join(
        line
        if i < body
        else line.replace(line.replace("\f", ""), titles.get(line.replace("\f", ""), line.replace("\f", "")))
        for i, line in enumerate(lines)
    )
    assert renamed != czj
    assert "contents_table" not in codes(renamed)


def test_a_document_cut_off_is_refused_as_truncated(czj):
    lines = czj.split("\n")
    cut = "\n".join(lines[: int(len(lines) * 0.45)])
    assert "truncated" in codes(cut)
