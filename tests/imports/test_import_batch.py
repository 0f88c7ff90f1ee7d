"""A batch of imports (import_disclosures, disclosure_import_batch): the regions read once, and on PostgreSQL commits
that do not wait for the disk one by one, the batch waiting once, at its end, for all of them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, transaction

from disclosures.models import DataVersion, Region
from disclosures.selectors.regions import region_resolve, regions_in_memory
from disclosures.services import imports
from disclosures.services.demo import demo_counties, demo_documents, demo_import
from disclosures.services.imports import disclosure_import_batch
from disclosures.services.regions import region_load_csv
from disclosures.versioning import data_version_bump

from .conftest import seed

# (publisher, context): one county, ambiguous names (candidates in code order), a parent in the name or the context
# breaking the tie, a name within another (唐县, 行唐县), another department's name, a placeholder.
CASES = [
    ("唐县医疗保障局", ""),
    ("河东区医疗保障局", ""),
    ("临沂市河东区医疗保障局", ""),
    ("朝阳区医疗保障局", "北京市"),
    ("朝阳区医疗保障局", ""),
    ("鼓楼区医疗保障局", "江苏省南京市"),
    ("上海市普陀区司法局", ""),
    ("某某县医疗保障局", ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("publisher", "context"), CASES)
def test_regions_held_in_memory_resolve_as_the_database_does(publisher, context):
    asked = region_resolve(publisher=publisher, context=context)
    with regions_in_memory():
        held = region_resolve(publisher=publisher, context=context)
    assert held == asked  # the region, the candidates in the same order, the place
    # Each with its parents, as the query's select_related reads them (the pages and the records name them).
    assert [r.full_name for r in held.candidates] == [r.full_name for r in asked.candidates]
    assert region_resolve(publisher=publisher, context=context) == asked  # the database again after the block


def _setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def _lsn(function: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}() - '0/0'::pg_lsn")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's")
def test_a_batch_commits_without_waiting_for_the_disk_and_waits_once_at_its_end():
    if not Region.objects.exists():  # a transactional test starts from the flushed database
        region_load_csv()
    assert _setting() == "on"
    with disclosure_import_batch():
        assert _setting() == "off"
        with transaction.atomic():  # a file's transaction: committed without waiting
            data_version_bump()
            written = _lsn("pg_current_wal_insert_lsn")  # the log before its commit record
    # Every commit of the batch on disk, and the connection back to waiting for each commit.
    assert _lsn("pg_current_wal_flush_lsn") >= written
    assert _setting() == "on"
    assert DataVersion.objects.get().version >= 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's")
def test_a_batch_that_cannot_wait_for_its_commits_says_so(monkeypatch):
    def unreachable():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(imports, "_flush", unreachable)
    with pytest.raises(CommandError, match="最后写入的文件可能没有保存"):
        call_command("import_disclosures", str(seed("000")), "--json", stdout=StringIO(), stderr=StringIO())


def _counted_documents() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'disclosures_disclosure'::regclass")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's statistics are PostgreSQL's")
def test_a_batch_refreshes_statistics_taken_while_the_tables_were_empty(monkeypatch):
    if not Region.objects.exists():  # a transactional test starts from the flushed database
        region_load_csv()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE disclosures_disclosure")  # no document: the plans made now would read tables whole
    assert _counted_documents() == 0
    monkeypatch.setattr(imports.ImportBatch, "FIRST_CHECK", 2)  # 100 in a real batch
    with disclosure_import_batch() as batch:
        for prefix in ("000", "001", "002"):
            path = seed(prefix)
            outcome = imports.disclosure_import(data=path.read_bytes(), filename=path.name)
            assert outcome.status == "imported", outcome.error
            batch.file_done(outcome)
            if batch.imported == 1:
                assert _counted_documents() == 0  # before the first check: the statistics as they were
    assert _counted_documents() == 2  # analyzed after the second document, the batch's first check


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's statistics are PostgreSQL's")
def test_generate_demo_refreshes_them_between_its_transactions(monkeypatch):
    if not Region.objects.exists():
        region_load_csv()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE disclosures_disclosure")
    monkeypatch.setattr(imports.ImportBatch, "FIRST_CHECK", 2)
    documents = demo_documents(counties=demo_counties(count=3), years=range(2026, 2027), seed=8)
    outcome = demo_import(documents=documents, batch=2)
    assert outcome.imported == 3, outcome.first_error
    # Analyzed after the first transaction (2 documents), not inside it; the second (1 more) reaches no new check.
    assert _counted_documents() == 2
