"""Indicator values are computed once, stored with the document in the import transaction, kept in step with staff
denominators, and rebuilt in batches after a definition changes; the pages read what was stored."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from comparisons.facts import facts_for
from comparisons.indicators import REGISTRY
from comparisons.models import StoredIndicator
from comparisons.selectors import indicator_rows
from comparisons.services import denominator_delete, denominator_set
from disclosures.models import Disclosure, Region
from tests.factories import StaffFactory
from tests.imports.conftest import run_import

from .pages_support import SEEDS, document_of, import_samples

pytestmark = pytest.mark.django_db


def test_an_import_stores_every_indicator_of_the_document_as_computed_from_its_lines():
    import_samples()
    for d in Disclosure.objects.all():
        stored = {r.indicator: r for r in StoredIndicator.objects.filter(disclosure=d)}
        assert set(stored) == {i.key for i in REGISTRY}
        [facts] = facts_for([d])
        for indicator in REGISTRY:
            computed = indicator.value(facts)
            row = stored[indicator.key]
            assert row.value == computed.value, (d, indicator.key)
            assert row.version == indicator.version
            assert (row.fiscal_year, row.kind, row.region_code) == (d.fiscal_year, d.kind, d.bureau.region.code)
            read = indicator_rows(disclosures=[d])[0].values[indicator.key]
            assert read.missing_reason == computed.missing_reason
            assert read.note == computed.note
            assert [s.url for s in read.sources] == [s.url for s in computed.sources]
            assert read.details == computed.details


def test_a_missing_value_is_stored_as_a_reason_code_with_its_parameters_and_shown_in_the_readers_language(client):
    import_samples()
    row = StoredIndicator.objects.get(disclosure=document_of("郾城区"), indicator="contribution_per_insured")
    assert row.value is None
    assert row.missing_code == "ratios.no_insured"
    running = StoredIndicator.objects.get(disclosure=document_of("郾城区"), indicator="administrative_operation")
    assert running.notes == [["administrative_operation.elsewhere", {"codes": "2080101 行政运行"}]]
    assert running.sources[0]["table"] and running.sources[0]["lines"]
    html = client.get("/en/", {"year": 2024}).content.decode()
    assert "参保人数" not in html.split('id="table-contribution"')[1].split("</table>")[0].split("<tbody")[1]


def test_a_failed_import_stores_nothing():
    records, status = run_import(__file__)  # not a disclosure
    assert status == 1 and records[0]["status"] == "error"
    assert not StoredIndicator.objects.exists()


def test_a_staff_denominator_updates_the_stored_values_of_its_region_and_year():
    import_samples()
    yancheng = document_of("郾城区")
    region = Region.objects.get(code="411103")
    denominator, _ = denominator_set(
        region=region, year=2024, kind="insured_residents", value=400000, source="s", user=None
    )
    value = StoredIndicator.objects.get(disclosure=yancheng, indicator="contribution_per_insured").value
    assert value == Decimal("174.60")
    denominator_delete(denominator=denominator, user=None)
    assert StoredIndicator.objects.get(disclosure=yancheng, indicator="contribution_per_insured").value is None


def test_a_denominator_changed_in_the_admin_updates_the_stored_values(client):
    import_samples()
    client.force_login(StaffFactory(is_superuser=True))
    region = Region.objects.get(code="411103")
    response = client.post(
        reverse("admin:comparisons_denominator_add"),
        {
            "region": region.pk,
            "year": 2024,
            "kind": "insured_residents",
            "value": 400000,
            "source": "统计",
            # The form of the figure's history shown under it (read-only, nothing to add).
            "changes-TOTAL_FORMS": 0,
            "changes-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    stored = StoredIndicator.objects.get(disclosure=document_of("郾城区"), indicator="contribution_per_insured")
    assert stored.value == Decimal("174.60")


def test_rebuild_recomputes_only_older_versions_in_batches(monkeypatch):
    import_samples()
    StoredIndicator.objects.filter(indicator="total_budget").update(value=Decimal(1))  # as if computed long ago
    out, err = StringIO(), StringIO()
    call_command("rebuild_indicators", stdout=out, stderr=err)
    assert "重算 0 份文件" in out.getvalue()  # every row is of the current version: nothing to do
    next_version = next(i.version for i in REGISTRY if i.key == "total_budget") + 1
    newer = tuple(replace(i, version=next_version) if i.key == "total_budget" else i for i in REGISTRY)
    monkeypatch.setattr("comparisons.services.indicator_values.REGISTRY", newer)
    call_command("rebuild_indicators", "--batch-size", "2", stdout=out, stderr=err)
    assert "重算 5 份文件" in out.getvalue()
    assert "5/5" in err.getvalue()  # the progress bar
    rows = StoredIndicator.objects.filter(indicator="total_budget")
    assert {r.version for r in rows} == {next_version}
    assert Decimal(1) not in {r.value for r in rows}


def test_only_the_current_version_is_ranked_after_a_replacement_and_a_restore(tmp_path):
    sample = next(SEEDS.glob("000_*.txt"))
    changed = tmp_path / "shunping-corrected.txt"
    changed.write_text(sample.read_text(encoding="utf-8").replace("3200.00", "3300.00"), encoding="utf-8")

    def ranked() -> set[int]:
        return set(StoredIndicator.objects.filter(ranked=True).values_list("disclosure_id", flat=True))

    [first], _ = run_import(str(sample))
    assert ranked() == {first["document_id"]}
    [second], _ = run_import(str(changed), "--replace")
    assert second["status"] == "replaced" and ranked() == {second["document_id"]}
    [restored], _ = run_import(str(sample), "--replace")
    assert restored["document_id"] == first["document_id"] and ranked() == {first["document_id"]}
