"""`import_disclosures --skip-existing` (what `make run` imports the samples with): a sample staff have replaced, or
one whose bureau, year and kind have another current version, is skipped; a file that cannot be read still fails."""

import pytest

from disclosures.models import Disclosure

from .conftest import run_import, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def replaced_sample(tmp_path):
    """高邑 2026 as the sample (superseded) and as staff corrected it (current)."""
    corrected = tmp_path / "gaoyi-corrected.txt"
    corrected.write_text(seed("003").read_text(encoding="utf-8") + "\n（更正版）\n", encoding="utf-8")
    run_import(str(seed("003")))
    run_import(str(corrected), "--replace")
    return corrected


def test_without_the_option_a_replaced_sample_is_refused(replaced_sample):
    [record], status = run_import(str(seed("003")))
    assert (status, record["status"]) == (1, "error")


def test_a_replaced_sample_is_skipped_and_the_correction_stays_current(replaced_sample):
    records, status = run_import("--skip-existing", str(seed("003")), str(seed("000")))
    assert status == 0
    assert [r["status"] for r in records] == ["skipped", "imported"]
    assert records[0]["skipped"] == "superseded"
    current = Disclosure.objects.get(bureau__region__code="130127", status="current")
    assert current.source_filename == replaced_sample.name
    assert records[0]["document_id"] == Disclosure.objects.get(source_filename=seed("003").name).pk


def test_a_sample_whose_bureau_has_another_current_version_is_skipped(tmp_path):
    corrected = tmp_path / "gaoyi-corrected.txt"
    corrected.write_text(seed("003").read_text(encoding="utf-8") + "\n（更正版）\n", encoding="utf-8")
    run_import(str(corrected))
    [record], status = run_import("--skip-existing", str(seed("003")))
    assert (status, record["status"], record["skipped"]) == (0, "skipped", "other_version")
    assert Disclosure.objects.count() == 1


def test_samples_already_there_are_unchanged_and_real_errors_still_fail(tmp_path):
    run_import(str(seed("000")))
    broken = tmp_path / "broken.txt"
    broken.write_text("这不是预决算公开。\n", encoding="utf-8")
    records, status = run_import("--skip-existing", str(seed("000")), str(broken))
    assert [r["status"] for r in records] == ["unchanged", "error"]
    assert status == 1


def test_skip_existing_and_replace_cannot_be_given_together():
    records, status = run_import("--skip-existing", "--replace", str(seed("000")))
    assert status == 1 and records == []
    assert Disclosure.objects.count() == 0
