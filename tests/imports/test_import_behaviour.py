"""Imports are atomic; the same file twice changes nothing; a changed file replaces only when asked."""

import zipfile
from io import BytesIO

import pytest

from disclosures.models import BudgetLine, Bureau, CheckResult, DataVersion, Disclosure, StatedFigure
from disclosures.versioning import data_version_get

from .conftest import run_import, seed

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Bureau, Disclosure, BudgetLine, StatedFigure, CheckResult))


def test_every_line_keeps_its_document_and_source_lines():
    [record], status = run_import(str(seed("000")))
    assert status == 0
    disclosure = Disclosure.objects.get(pk=record["document_id"])
    text_lines = disclosure.source_text.split("\n")
    line = disclosure.lines.get(table__key="expenditure_summary", code="2101202")
    assert line.total == 32000000
    assert all("3200.00" in text_lines[n - 1] for n in line.source_lines if "3200" in text_lines[n - 1])
    assert any("3200.00" in text_lines[n - 1] for n in line.source_lines)
    assert disclosure.unit == "万元"
    assert disclosure.sha256 and len(disclosure.sha256) == 64


def test_same_file_twice_is_a_no_op():
    run_import(str(seed("003")))
    before = counts()
    [record], status = run_import(str(seed("003")))
    assert status == 0
    assert record["status"] == "unchanged"
    assert counts() == before


def test_changed_file_needs_replace_and_keeps_the_old_version(tmp_path):
    original = seed("003").read_text(encoding="utf-8")
    changed = tmp_path / "gaoyi-corrected.txt"
    changed.write_text(original + "\n（更正版）\n", encoding="utf-8")
    run_import(str(seed("003")))
    before = counts()

    [record], status = run_import(str(changed))
    assert status != 0
    assert record["status"] == "error"
    assert "--replace" in record["error"]
    assert counts() == before

    [record], status = run_import(str(changed), "--replace")
    assert status == 0
    assert record["status"] == "replaced"
    versions = Disclosure.objects.filter(bureau__region__code="130127", fiscal_year=2026).order_by("pk")
    old, new = list(versions)
    assert (old.status, new.status) == ("superseded", "current")
    assert old.superseded_by == new
    assert old.lines.count() == new.lines.count() > 0


def _bad_file(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _zip_bytes() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "部门预算")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.txt", b"", "空"),
        ("blank.txt", b"\n\n  \n", "空"),
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        ("tables.zip", _zip_bytes(), "ZIP"),
        ("latin.txt", bytes(range(128, 256)) * 40, "编码"),
        ("novel.txt", "从前有座山，山里有座庙，庙里有个老和尚。\n".encode() * 50, "预算"),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(tmp_path, name, data, words):
    run_import(str(seed("000")))
    before = counts()
    path = _bad_file(tmp_path, name, data)
    [record], status = run_import(str(path))
    assert status != 0
    assert record["status"] == "error"
    assert record["file"] == str(path)
    assert words in record["error"]
    assert counts() == before


def test_twenty_megabyte_file_is_refused_by_size(tmp_path):
    path = _bad_file(tmp_path, "huge.txt", ("预算支出合计\t1.00\n" * 1_200_000).encode())
    [record], status = run_import(str(path))
    assert status != 0
    assert "太大" in record["error"]
    assert Disclosure.objects.count() == 0


@pytest.mark.parametrize("prefix, fraction", [("000", 0.05), ("000", 0.5), ("003", 0.3), ("004", 0.3)])
def test_document_cut_off_half_way_is_refused(tmp_path, prefix, fraction):
    lines = seed(prefix).read_text(encoding="utf-8").split("\n")
    path = _bad_file(tmp_path, "cut.txt", "\n".join(lines[: int(len(lines) * fraction)]).encode())
    [record], status = run_import(str(path))
    assert record["status"] == "error", record
    assert "不完整" in record["error"]
    assert status != 0
    assert Disclosure.objects.count() == 0


def test_unit_that_cannot_be_told_is_an_error_naming_it(tmp_path):
    text = seed("000").read_text(encoding="utf-8").replace("万元", "").replace("单位：", "")
    path = _bad_file(tmp_path, "nounit.txt", text.encode())
    [record], status = run_import(str(path))
    assert status != 0
    assert "单位" in record["error"]
    assert Disclosure.objects.count() == 0


def test_gbk_and_windows_line_endings_read_the_same(tmp_path):
    text = seed("002").read_text(encoding="utf-8")
    path = _bad_file(tmp_path, "gbk.txt", text.replace("\n", "\r\n").encode("gb18030"))
    [record], status = run_import(str(path))
    assert status == 0, record
    assert record["region_code"] == "411103"
    assert record["functional"]["2101202"] == "69840700.00"


def test_missing_year_is_named_and_can_be_given(tmp_path):
    text = seed("003").read_text(encoding="utf-8")
    stripped = text.replace("2026", "").replace("2025", "")
    path = _bad_file(tmp_path, "noyear.txt", stripped.encode())
    [record], status = run_import(str(path))
    assert status != 0
    assert "--year" in record["error"]
    [record], status = run_import(str(path), "--year", "2026")
    assert status == 0, record
    assert record["year"] == 2026


def test_region_option_overrides_the_text():
    [record], status = run_import(str(seed("000")), "--region", "130627")
    assert status == 0
    assert record["region_code"] == "130627"


def test_one_bad_file_does_not_stop_the_others_and_exit_status_says_so(tmp_path):
    bad = _bad_file(tmp_path, "empty.txt", b"")
    records, status = run_import(str(seed("000")), str(bad), str(seed("003")))
    assert [r["status"] for r in records] == ["imported", "error", "imported"]
    assert status != 0


def test_only_the_file_name_is_shown_never_the_server_path():
    [record], _ = run_import(str(seed("000").resolve()))
    assert record["file"] == str(seed("000").resolve())
    assert Disclosure.objects.get().source_filename == seed("000").name


def test_an_old_version_is_not_unchanged_and_can_be_restored(tmp_path):
    changed = tmp_path / "gaoyi-v2.txt"
    changed.write_text(seed("003").read_text(encoding="utf-8") + "\n（更正版）\n", encoding="utf-8")
    run_import(str(seed("003")))
    run_import(str(changed), "--replace")
    before = counts()

    [record], status = run_import(str(seed("003")))
    assert status != 0 and record["status"] == "error"
    assert "旧版本" in record["error"] and "--replace" in record["error"]

    [record], status = run_import(str(seed("003")), "--replace")
    assert status == 0 and record["status"] == "replaced"
    assert counts() == before  # restored, not stored twice
    v1, v2 = Disclosure.objects.order_by("pk")
    assert (v1.status, v2.status) == ("current", "superseded")
    assert v2.superseded_by == v1 and v1.superseded_by is None


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\xff\xfea", "UTF-16"),
        ("部门预算收支总表\n单位：万元\n".encode() + b"\xff\xfe", "编码"),
    ],
)
def test_broken_encodings_get_the_importers_own_error(tmp_path, data, words):
    [record], status = run_import(str(_bad_file(tmp_path, "broken.txt", data)))
    assert status != 0 and record["status"] == "error"
    assert words in record["error"]


def test_an_impossibly_long_amount_is_refused_with_its_line(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if "2101202" in line and "3200.00" in line)
    lines[number] = lines[number].replace("3200.00", "3200000000000000000000.00", 1)
    [record], status = run_import(str(_bad_file(tmp_path, "long.txt", "\n".join(lines).encode())))
    assert status != 0 and record["status"] == "error"
    assert "位数过多" in record["error"]
    assert record["line"] == number + 1
    assert Disclosure.objects.count() == 0


def test_the_same_text_in_gbk_with_crlf_is_the_same_document(tmp_path):
    [first], _ = run_import(str(seed("002")))
    text = seed("002").read_text(encoding="utf-8")
    other_bytes = _bad_file(tmp_path, "gbk-crlf.txt", text.replace("\n", "\r\n").encode("gb18030"))
    before = counts()
    [record], status = run_import(str(other_bytes))
    assert (record["status"], status) == ("unchanged", 0)
    assert record["document_id"] == first["document_id"]
    assert counts() == before


def test_an_unexpected_failure_is_one_json_record_and_the_batch_goes_on(monkeypatch, caplog):
    from disclosures.services import imports

    real_parse = imports.parse_disclosure

    def failing(text, **kwargs):
        if "高邑" in text[:2000]:
            raise RuntimeError("boom inside the parser")
        return real_parse(text, **kwargs)

    monkeypatch.setattr(imports, "parse_disclosure", failing)
    # In this process (a worker's log goes to the same place, but not to this test's capture).
    records, status = run_import(str(seed("003")), str(seed("000")), "--jobs", "1")
    assert [r["status"] for r in records] == ["error", "imported"]
    assert status == 1
    assert "内部错误" in records[0]["error"] and "boom" not in records[0]["error"]
    assert "Traceback" not in records[0]["error"]
    assert "boom inside the parser" in caplog.text  # the detail is in the log, for whoever runs the server
    assert not Disclosure.objects.filter(bureau__region__code="130127").exists()


def test_a_piece_of_a_disclosure_is_named_as_such(tmp_path):
    # One table of a document, its year printed in the header: not a whole disclosure, whatever options are given.
    lines = seed("000").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "部门预算支出总表" in line and "\t" not in line)
    piece = "\n".join(["单位：万元", "预算年度：2023", *lines[start + 1 : start + 30]])
    path = _bad_file(tmp_path, "piece.txt", piece.encode())
    [record], status = run_import(str(path))
    assert status == 1
    assert "内容不全" in record["error"] and "不是一份完整的预决算公开" in record["error"]
    assert "--year" not in record["error"]
    assert Disclosure.objects.count() == 0


def test_one_bureau_however_a_document_spells_it(tmp_path):
    [first], _ = run_import(str(seed("002")))  # 漯河市郾城区医疗保障局 2024
    text = seed("002").read_text(encoding="utf-8")
    spelled = text.replace("漯河市郾城区医疗保障局", "郾城区医保局").replace("2024", "2023").replace("2025", "2024")
    other = _bad_file(tmp_path, "yancheng-2023.txt", spelled.encode("utf-8"))
    [record], status = run_import(str(other))
    assert status == 0, record
    assert record["bureau"] == first["bureau"] == "漯河市郾城区医疗保障局"
    assert Bureau.objects.filter(region__code="411103").count() == 1
    assert set(Bureau.objects.get().aliases.values_list("name", flat=True)) >= {"郾城区医保局"}


def test_the_bureau_and_its_agency_stay_two_bureaus(tmp_path):
    run_import(str(seed("004")))  # 镇安县医疗保险经办机构
    bureau = seed("003").read_text(encoding="utf-8").replace("高邑县", "镇安县").replace("石家庄市", "商洛市")
    [record], status = run_import(str(_bad_file(tmp_path, "zhenan-bureau.txt", bureau.encode("utf-8"))))
    assert status == 0, record
    names = sorted(Bureau.objects.filter(region__code="611025").values_list("name", flat=True))
    assert names == sorted(["镇安县医疗保障局", "镇安县医疗保险经办机构"])


def test_each_file_imported_moves_the_data_version_the_pages_are_cached_by_once():
    DataVersion.objects.all().delete()  # as in a database no change has been made to yet
    run_import(str(seed("000")))
    assert data_version_get() == 1
    run_import(str(seed("003")), str(seed("002")))
    assert data_version_get() == 3
    run_import(str(seed("003")))  # unchanged: the pages show the same
    assert data_version_get() == 3
