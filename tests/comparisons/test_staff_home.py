"""The staff home: what needs fixing, each a short list linking to the page that fixes it."""

import re

import pytest
from django.urls import reverse

from comparisons.models import StoredIndicator
from comparisons.pages.staff_home import staff_home_get
from comparisons.services import denominator_set
from disclosures.models import Disclosure, Region
from tests.factories import StaffFactory

from .pages_support import import_samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def samples():
    import_samples()


def test_only_staff_reach_the_staff_home(client, django_user_model):
    assert reverse("login") in client.get(reverse("comparisons:staff_home"))["Location"]
    client.force_login(django_user_model.objects.create_user("citizen", password="a-long-password-1"))
    assert client.get(reverse("comparisons:staff_home")).status_code == 302


def test_documents_with_inconsistencies_link_to_their_findings(staff_client, samples):
    flagged = Disclosure.objects.filter(checks__severity="warning").distinct()
    assert flagged.exists()
    html = staff_client.get(reverse("comparisons:staff_home")).content.decode()
    section = html.split('id="findings"')[1].split("</section>")[0]
    for document in flagged:
        assert f'href="/documents/{document.pk}/#checks-heading"' in section
    clean = Disclosure.objects.exclude(pk__in=flagged)
    for document in clean:
        assert f"/documents/{document.pk}/" not in section


def test_a_missing_denominator_is_listed_until_staff_enter_one(staff_client, samples):
    missing = StoredIndicator.objects.filter(
        indicator="contribution_per_insured", ranked=True, missing_code="ratios.no_insured"
    ).select_related("disclosure__bureau__region")
    row = missing.first()
    assert row is not None, "a sample states no insured residents"
    year, region = row.fiscal_year, row.disclosure.bureau.region
    html = staff_client.get(reverse("comparisons:staff_home"), {"year": year}).content.decode()
    link = f"/staff/denominators/?region={region.code}&amp;year={year}#form-heading"
    assert link in html
    # The link fills the denominator form with the region and year.
    form = staff_client.get(f"/staff/denominators/?region={region.code}&year={year}").content.decode()
    assert f'value="{region.code}"' in form and f'value="{year}"' in form

    denominator_set(region=region, year=year, kind="insured_residents", value=150000, source="通报", user=None)
    html = staff_client.get(reverse("comparisons:staff_home"), {"year": year}).content.decode()
    assert link not in html


def test_counties_without_a_document_for_the_year(staff_client, samples):
    hebei = Region.objects.get(code="130000")
    counties = Region.objects.filter(level="county", code__startswith="13").count()
    html = staff_client.get(reverse("comparisons:staff_home"), {"year": 2026, "province": "130000"}).content.decode()
    section = html.split('id="counties"')[1].split("</section>")[0]
    # 高邑 (130127) published for 2026: every other county of 河北 is listed as missing.
    assert f"（{counties - 1} 个）" in section
    home = staff_home_get(year=2026, province="130000")
    assert home.province == hebei and home.counties_without_documents.total == counties - 1
    assert "130127" not in [r.code for r in home.counties_without_documents.items]
    assert "?q=130102" in section  # each links to the search for it


def test_an_english_reader_chooses_and_reads_the_province_in_english(staff_client, samples):
    html = staff_client.get("/en/staff/", {"year": 2026, "province": "610000"}).content.decode()
    options = html.split('id="staff-province"')[1].split("</select>")[0]
    assert re.search(r'<option value="610000"\s+selected>Shaanxi</option>', options)
    assert ">Inner Mongolia</option>" in options and not re.search(r"[\u4e00-\u9fff]", options)
    heading = html.split('id="counties-heading"')[1].split("</h2>")[0]
    assert "Counties of Shaanxi without a document for 2026" in heading


def test_recent_imports_are_the_latest_first_in_beijing_time(staff_client, samples):
    latest = Disclosure.objects.order_by("-imported_at", "-pk").first()
    html = staff_client.get(reverse("comparisons:staff_home")).content.decode()
    section = html.split('id="recent"')[1].split("</section>")[0]
    assert re.search(r'href="/documents/(\d+)/"', section).group(1) == str(latest.pk)
    from django.utils import timezone

    assert timezone.localtime(latest.imported_at).strftime("%Y-%m-%d %H:%M") in section


def test_bad_parameters_fall_back_to_the_defaults(staff_client, samples):
    for params in ({"year": "abc"}, {"year": "1800"}, {"province": "999999"}, {"province": "\u00b2"}):
        assert staff_client.get(reverse("comparisons:staff_home"), params).status_code == 200


def test_the_staff_home_runs_a_bounded_number_of_queries(staff_client, samples, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        staff_client.get(reverse("comparisons:staff_home"))


def test_the_denominator_form_offers_only_what_an_indicator_divides_by(staff_client):
    html = staff_client.get(reverse("comparisons:denominators")).content.decode()
    assert 'value="insured_residents"' in html and 'value="population"' not in html
    region = Region.objects.get(code="411103")
    response = staff_client.post(
        reverse("comparisons:denominators"),
        {"region": "411103", "year": 2024, "kind": "population", "value": 1000, "source": "统计公报"},
    )
    assert response.status_code == 200 and not region.denominators.exists()
