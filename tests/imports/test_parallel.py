"""Several processes (`--jobs`) read and parse the files; what is stored and what each file's record says are those of
one process: same rows, same values, same records in the same order, errors and repeats included."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from comparisons.models import StoredIndicator
from disclosures.models import BudgetLine, Bureau, CheckResult, Disclosure, Region, SourceTable, StatedFigure
from disclosures.parallel import MOST_JOBS, jobs_for
from disclosures.services.demo import SEEDS
from disclosures.services.regions import region_load_csv

from .conftest import run_import
from .unseen import UNSEEN

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="--jobs is for PostgreSQL; SQLite imports in one"),
]


def _files(tmp_path) -> list[str]:
    unreadable = tmp_path / "gone.txt"  # named, never written: its record says it cannot be read
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    unseen = sorted(str(p) for p in UNSEEN.glob("*.txt"))
    # The first sample again: unchanged, whatever process parsed it.
    return [*seeds, str(unreadable), *unseen, seeds[0]]


def _stored() -> list:
    """Every stored row of the imported documents, by document in import order, without keys or times."""
    rows = []
    for document in Disclosure.objects.select_related("bureau__region").order_by("pk"):
        rows.append(
            (
                document.bureau.name,
                document.bureau.region.code,
                document.fiscal_year,
                document.kind,
                document.scope,
                document.sha256,
                document.status,
                document.unit,
                document.title,
            )
        )
        rows.append(
            list(
                SourceTable.objects.filter(disclosure=document)
                .order_by("position")
                .values_list("position", "key", "title", "unit", "start_line", "end_line", "declared_empty")
            )
        )
        rows.append(
            list(
                BudgetLine.objects.filter(disclosure=document)
                .order_by("position")
                .values_list(
                    "table__position",
                    "position",
                    "classification",
                    "code",
                    "name",
                    "published_name",
                    "row_kind",
                    "total",
                    "basic",
                    "project",
                    "personnel",
                    "public",
                    "other_amounts",
                    "source_lines",
                    "first_line",
                    "from_narrative",
                )
            )
        )
        rows.append(
            list(
                StatedFigure.objects.filter(disclosure=document)
                .order_by("pk")
                .values_list("key", "label", "value", "unit", "line", "quote", "year", "table_key")
            )
        )
        rows.append(
            list(
                CheckResult.objects.filter(disclosure=document)
                .order_by("pk")
                .values_list("severity", "code", "finding", "params", "message", "lines")
            )
        )
        rows.append(
            list(
                StoredIndicator.objects.filter(disclosure=document)
                .order_by("indicator")
                .values_list(
                    "indicator",
                    "version",
                    "value",
                    "unit",
                    "missing_code",
                    "missing_params",
                    "notes",
                    "details",
                    "fiscal_year",
                    "kind",
                    "region_code",
                    "ranked",
                )
            )
        )
    return rows


def _without_ids(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in ("document_id", "imported_at", "replaced_ids")} for r in records]


def test_two_jobs_store_and_report_what_one_job_does(tmp_path):
    if not Region.objects.exists():  # a transactional test starts from the flushed database
        region_load_csv()
    files = _files(tmp_path)
    one, status_one = run_import(*files, "--jobs", "1")
    stored_one = _stored()
    Disclosure.objects.update(superseded_by=None)
    Disclosure.objects.all().delete()
    Bureau.objects.all().delete()

    two, status_two = run_import(*files, "--jobs", "2")

    assert status_two == status_one == 1  # the unreadable file
    assert _without_ids(two) == _without_ids(one)
    assert [r["file"] for r in two] == files
    assert two[-1]["status"] == "unchanged" and two[-1]["document_id"] == two[0]["document_id"]
    assert "无法读取文件" in next(r for r in two if r["file"].endswith("gone.txt"))["error"]
    assert _stored() == stored_one


def test_by_default_several_files_are_parsed_by_the_processors_up_to_a_few(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(64)))
    assert jobs_for(asked=None, items=22_800, vendor="postgresql") == MOST_JOBS == 4  # one writer: no more helps
    assert jobs_for(asked=None, items=3, vendor="postgresql") == 3
    assert jobs_for(asked=None, items=1, vendor="postgresql") == 1  # one file: no worker to start
    assert jobs_for(asked=8, items=22_800, vendor="postgresql") == 8  # as asked
    assert jobs_for(asked=0, items=22_800, vendor="postgresql") == 1
    assert jobs_for(asked=None, items=22_800, vendor="sqlite") == jobs_for(asked=4, items=9, vendor="sqlite") == 1
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    assert jobs_for(asked=None, items=22_800, vendor="postgresql") == 2


def test_generate_demo_with_two_jobs_imports_what_one_job_does():
    if not Region.objects.exists():
        region_load_csv()

    def generate(jobs: str) -> list:
        out = StringIO()
        call_command(
            "generate_demo",
            "--counties",
            "6",
            "--years",
            "2025-2026",
            "--seed",
            "4",
            "--jobs",
            jobs,
            stdout=out,
            stderr=StringIO(),
        )
        assert "导入 12 份" in out.getvalue()
        return _stored()

    one = generate("1")
    call_command("remove_demo", stdout=StringIO())
    assert generate("2") == one
