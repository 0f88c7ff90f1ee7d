"""Two bureaus found to be one body: staff merge them; documents, versions and spellings move; nothing is deleted."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from comparisons.models import StoredIndicator
from disclosures.models import BudgetLine, Bureau, Disclosure
from tests.factories import StaffFactory

from .conftest import run_import, seed

pytestmark = pytest.mark.django_db


def two_spellings(tmp_path) -> tuple[Bureau, Bureau]:
    """郾城 imported under its own name, then a document the importer could not match (a typo in the name), which
    made a second bureau in the same county."""
    run_import(str(seed("002")))
    text = seed("002").read_text(encoding="utf-8").replace("漯河市郾城区医疗保障局", "郾城区医疗保證局")
    path = tmp_path / "typo.txt"
    path.write_text(text.replace("2024", "2023").replace("2025", "2024"), encoding="utf-8")
    run_import(str(path), "--region", "411103", "--publisher", "郾城区医疗保障局（旧称）")
    first, second = Bureau.objects.filter(region__code="411103").order_by("pk")
    return first, second


def test_the_staff_list_shows_the_pair_and_merges_it(client, tmp_path):
    keep, other = two_spellings(tmp_path)
    lines_before = BudgetLine.objects.count()
    client.force_login(StaffFactory())
    page = client.get(reverse("disclosures:bureau_duplicates")).content.decode()
    assert keep.name in page and other.name in page
    response = client.post(reverse("disclosures:bureau_merge"), {"keep": keep.pk, "other": other.pk}, follow=True)
    assert "已将“郾城区医疗保障局（旧称）”并入“漯河市郾城区医疗保障局”" in response.content.decode()
    other.refresh_from_db()
    assert other.merged_into == keep
    assert Disclosure.objects.filter(bureau=keep).count() == 2 and BudgetLine.objects.count() == lines_before
    assert set(keep.aliases.values_list("name", flat=True)) >= {other.name}
    assert keep.name not in client.get(reverse("disclosures:bureau_duplicates")).content.decode()
    # The merged bureau's page is the kept one's; search finds the kept one by the other's spelling.
    moved = client.get(reverse("comparisons:bureau_detail", args=[other.pk]))
    assert moved.status_code == 301 and moved["Location"] == reverse("comparisons:bureau_detail", args=[keep.pk])
    found = client.get(reverse("comparisons:search"), {"q": "旧称"}).content.decode()
    assert reverse("comparisons:bureau_detail", args=[keep.pk]) in found
    assert reverse("comparisons:bureau_detail", args=[other.pk]) not in found


def test_two_current_versions_of_one_document_keep_the_later(tmp_path):
    run_import(str(seed("002")))
    text = seed("002").read_text(encoding="utf-8") + "\n（更正版）\n"
    path = tmp_path / "corrected.txt"
    path.write_text(text, encoding="utf-8")
    run_import(str(path), "--region", "411103", "--publisher", "郾城区医疗保障局（旧称）")
    keep, other = Bureau.objects.filter(region__code="411103").order_by("pk")
    call_command("merge_bureaus", str(keep.pk), str(other.pk), stdout=None)
    old, new = Disclosure.objects.order_by("pk")
    assert (old.status, new.status) == ("superseded", "current") and old.superseded_by == new
    assert {old.bureau, new.bureau} == {keep}
    # Comparisons rank the bureau by its current version only.
    ranked = set(StoredIndicator.objects.filter(ranked=True).values_list("disclosure_id", flat=True))
    assert ranked == {new.pk}


def test_merging_needs_staff_and_csrf(client, tmp_path):
    keep, other = two_spellings(tmp_path)
    response = client.post(reverse("disclosures:bureau_merge"), {"keep": keep.pk, "other": other.pk})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(StaffFactory())
    assert strict.post(reverse("disclosures:bureau_merge"), {"keep": keep.pk, "other": other.pk}).status_code == 403
    other.refresh_from_db()
    assert other.merged_into is None


def test_bureaus_of_two_counties_are_never_merged(tmp_path):
    run_import(str(seed("000")), str(seed("003")))
    a, b = Bureau.objects.order_by("pk")
    with pytest.raises(CommandError, match="不在同一地区"):
        call_command("merge_bureaus", str(a.pk), str(b.pk))
