"""Versions without crashes: restore and replace decide on what the database holds at the time of writing.

Each race is played out in order: the second import was prepared (read and looked up) before the first one wrote.
Whatever happens, every file gets one JSON record, the batch goes on, and a bureau has one current version.
"""

import threading

import pytest
from django.db import OperationalError, connection

from disclosures.management.commands import import_disclosures
from disclosures.models import Disclosure, Region
from disclosures.services.imports import Overrides, disclosure_prepare, disclosure_save
from disclosures.services.regions import region_load_csv

from .conftest import run_import, seed

pytestmark = pytest.mark.django_db


def versions(year: int = 2026) -> list[tuple[int, str]]:
    return list(
        Disclosure.objects.filter(bureau__region__code="130127", fiscal_year=year)
        .order_by("pk")
        .values_list("pk", "status")
    )


def current_count() -> int:
    return Disclosure.objects.filter(bureau__region__code="130127", status="current").count()


@pytest.fixture
def two_versions(tmp_path):
    """高邑 2026 as published (v1, superseded) and corrected (v2, current)."""
    changed = tmp_path / "gaoyi-v2.txt"
    changed.write_text(seed("003").read_text(encoding="utf-8") + "\n（更正版）\n", encoding="utf-8")
    run_import(str(seed("003")))
    run_import(str(changed), "--replace")
    return tmp_path


def _prepare(path) -> object:
    return disclosure_prepare(data=path.read_bytes(), filename=path.name, overrides=Overrides(), check=False)


def test_restoring_with_other_metadata_restores_the_stored_version_in_one_record(two_versions):
    [record], status = run_import(str(seed("003")), "--replace", "--year", "2025")
    assert status == 0 and record["status"] == "replaced"
    assert record["year"] == 2026  # the stored bytes keep what they were stored as
    v1, v2 = versions()
    assert (v1[1], v2[1]) == ("current", "superseded")
    assert record["replaced_ids"] == [v2[0]]
    assert current_count() == 1


def test_a_restore_racing_a_new_version_supersedes_whatever_is_current_when_it_writes(two_versions):
    third = two_versions / "gaoyi-v3.txt"
    third.write_text(seed("003").read_text(encoding="utf-8") + "\n（第三版）\n", encoding="utf-8")
    restore = _prepare(seed("003"))  # looked up while v2 was current
    outcome = disclosure_save(prepared=_prepare(third), replace=True)
    assert outcome.status == "replaced"
    v3 = outcome.disclosure

    outcome = disclosure_save(prepared=restore, replace=True)
    assert outcome.status == "replaced"
    assert [d.pk for d in outcome.replaced] == [v3.pk]
    assert [status for _pk, status in versions()] == ["current", "superseded", "superseded"]
    assert current_count() == 1


def test_the_same_new_file_racing_itself_is_unchanged_the_second_time():
    first, second = _prepare(seed("003")), _prepare(seed("003"))  # neither sees a bureau yet
    assert disclosure_save(prepared=first).status == "imported"
    outcome = disclosure_save(prepared=second)
    assert outcome.status == "unchanged"
    assert outcome.disclosure.pk == Disclosure.objects.get().pk


def test_two_new_versions_racing_refuse_the_second_without_replace(tmp_path):
    other = tmp_path / "gaoyi-other.txt"
    other.write_text(seed("003").read_text(encoding="utf-8") + "\n（另一版）\n", encoding="utf-8")
    first, second = _prepare(seed("003")), _prepare(other)
    disclosure_save(prepared=first)
    [record], status = run_import(str(other))
    assert status == 1 and "已有另一版本" in record["error"]
    with pytest.raises(Exception, match="已有另一版本"):
        disclosure_save(prepared=second)
    assert current_count() == 1


def _unreachable(execute, sql, params, many, context):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_the_database_unreachable_gives_one_clear_record_per_file():
    with connection.execute_wrapper(_unreachable):
        records, status = run_import(str(seed("000")), str(seed("003")))
    assert status == 1
    assert [r["file"] for r in records] == [str(seed("000")), str(seed("003"))]
    assert all(r["status"] == "error" and "数据库无法访问" in r["error"] for r in records)


def test_an_unexpected_failure_is_one_record_and_the_batch_goes_on(monkeypatch):
    real = import_disclosures.disclosure_import

    def failing_first(*, filename, **kwargs):
        if "000_" in filename:
            raise RuntimeError("boom")
        return real(filename=filename, **kwargs)

    monkeypatch.setattr(import_disclosures, "disclosure_import", failing_first)
    records, status = run_import(str(seed("000")), str(seed("003")))
    assert status == 1
    assert records[0]["status"] == "error" and "内部错误（RuntimeError）" in records[0]["error"]
    assert records[1]["status"] == "imported"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL")
def test_the_same_file_imported_by_two_writers_at_once_is_imported_once():
    if not Region.objects.exists():  # a transactional test starts from the flushed database
        region_load_csv()
    data = seed("003").read_bytes()
    barrier = threading.Barrier(2)
    outcomes = []

    def writer():
        try:
            prepared = disclosure_prepare(data=data, filename="gaoyi.txt", overrides=Overrides(), check=False)
            barrier.wait()
            outcomes.append(disclosure_save(prepared=prepared).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["imported", "unchanged"]
    assert Disclosure.objects.count() == 1
