"""Every bad parameter is a 400 or ignored, never a 500: property tests over every page and API parameter.

Hypothesis draws values for all of a page's parameters at once: Unicode digits (², ①, ٣, full-width １２), numbers
far out of range either way, 5,000-digit numbers, export formats the site does not offer, and arbitrary text.
"""

from __future__ import annotations

import re
import warnings

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparisons.api.endpoints import ENDPOINTS
from comparisons.pages.headlines import HEADLINES
from disclosures.models import Bureau, Disclosure, Region
from tests.comparisons.pages_support import import_samples
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²",
    "①",
    "٣",
    "１２",
    "2023²",
    "²" * 6,
    "-1",
    "-100",
    "0",
    "1",
    "2",
    "99999999999999999999999999",
    "9" * 5000,
    "1e3",
    "1.5",
    " ",
    "",
    "json",
    "yaml",
    "ods",
    "latex",
    "xlsx",
    "csv",
    "all",
    "-ind_running_costs",
    "ind_nope",
    "'",
    '"><script>alert(1)</script>',
    "130000",
    "2101202",
]
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12),
)
TABLE = ["sort", "page", "per_page", "_export"]
PREFIXED = [f"{h.slug}-{name}" for h in HEADLINES for name in ("sort", "page", "per_page")]
OK = {200, 302, 400, 404}
EXAMPLES = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def site(db):
    import_samples()
    d = Disclosure.objects.filter(status="current").order_by("pk").first()
    return {"document": d.pk, "bureau": d.bureau_id}


def _pages(site) -> list[tuple[str, list[str]]]:
    return [
        ("/", ["province", "prefecture", "year", "kind", "documents", "_table", *TABLE, *PREFIXED]),
        ("/compare/", ["bureau", "indicator", "kind", "year", *TABLE]),
        (f"/bureaus/{site['bureau']}/", ["document", *TABLE]),
        ("/search/", ["q", *TABLE]),
        ("/methods/", ["q"]),
        (f"/documents/{site['document']}/", ["line", "q"]),
        ("/api/", ["q"]),
        ("/downloads/indicators.csv", ["year"]),
    ]


def _check(client: Client, path: str, params: dict) -> None:
    response = client.get(path, params)
    assert response.status_code in OK, f"{path} {params!r}: {response.status_code}"
    if response.status_code == 200 and response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.parametrize("page", range(8))
def test_no_page_answers_500_to_any_value_of_its_parameters(client, site, page):
    path, names = _pages(site)[page]

    @EXAMPLES
    @given(st.dictionaries(st.sampled_from(names), VALUES | st.lists(VALUES, min_size=2, max_size=3), max_size=6))
    def run(params):
        _check(client, path, params)

    run()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.key for e in ENDPOINTS])
def test_no_api_endpoint_answers_500_to_any_value_of_its_filters(client, site, endpoint):
    path = reverse(
        f"comparisons:api_{endpoint.key}", kwargs={"pk": site["document"]} if "<id>" in endpoint.path else {}
    )
    names = [f.name for f in endpoint.filters] or ["q"]

    @EXAMPLES
    @given(st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)))
    def run(params):
        response = client.get(path, params)
        assert response.status_code in OK, f"{path} {params!r}: {response.status_code}"
        if response.status_code == 400:
            assert response.json()["error"]  # the error says what was wrong

    run()


@pytest.mark.parametrize(
    ("name", "value"),
    [("year", "²"), ("bureau", "①"), ("offset", "١٢"), ("limit", "-1"), ("limit", "9" * 5000), ("bureau", "2" * 40)],
)
def test_unicode_and_huge_numbers_in_api_filters_are_a_400_naming_the_filter(client, name, value):
    response = client.get("/api/documents/", {name: value})
    assert response.status_code == 400
    assert response.json()["field"] == name


@pytest.mark.parametrize("value", ["-1", "-100", "0", "²", "99999999999999999999", "9" * 5000])
def test_a_bad_per_page_is_ignored_and_the_table_shows_its_default(client, site, value):
    response = client.get("/search/", {"q": "县", "per_page": value})
    assert response.status_code == 200
    response = client.get("/", {"contribution-per_page": value, "contribution-page": value})
    assert response.status_code == 200
    assert "顺平县" in response.content.decode()


@pytest.mark.parametrize("value", ["yaml", "json", "ods", "latex", "tsv"])
def test_an_export_format_the_site_does_not_offer_is_ignored(client, site, value):
    for path, extra in (("/", {"_table": "contribution"}), ("/search/", {"q": "县"})):
        response = client.get(path, {"_export": value, **extra})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("value", ["²", "①", "-1", "0", "99999999999999999999999999", "9" * 5000])
def test_a_bureau_to_compare_that_cannot_be_an_id_is_refused_by_the_form(client, site, value):
    response = client.get("/compare/", {"bureau": [site["bureau"], value]})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="error">' in html  # the form says which value it could not take
    assert "请至少选择两个单位。" in html


@pytest.mark.parametrize("value", ["²", "①", "-1", "0", "9" * 40, "9" * 5000, "abc"])
def test_a_bad_denominator_to_edit_is_ignored(client, value):
    client.force_login(StaffFactory())
    response = client.get("/staff/denominators/", {"edit": value})
    assert response.status_code == 200
    assert 'name="region"' in response.content.decode()


def test_the_bureau_page_ignores_a_bad_document(client, site):
    bureau = Bureau.objects.get(pk=site["bureau"])
    for value in ("²", "9" * 40, "-3"):
        response = client.get(f"/bureaus/{bureau.pk}/", {"document": value})
        assert response.status_code == 200
        assert bureau.name in response.content.decode()


def test_regions_exist():
    assert Region.objects.filter(code="130636").exists()


@pytest.mark.parametrize("value", ["1.5", "bureau.name", "__class__.x", "-", ",", "名称", "rank;drop", "a" * 200])
def test_a_sort_that_names_no_column_is_ignored_and_the_table_keeps_its_order(client, site, value):
    """A table's sort value is column names: any other (a dotted path django-tables2 would follow into each row)
    is dropped, so the table shows its rows in the default order, as without it."""
    with warnings.catch_warnings():
        # django-tables2 warns of a dotted accessor before it falls back to following it.
        warnings.simplefilter("error", DeprecationWarning)
        for path, params in (("/", {"contribution-sort": value}), ("/search/", {"q": "县", "sort": value})):
            plain = {k: v for k, v in params.items() if not k.endswith("sort")}
            response = client.get(path, params)
            assert response.status_code == 200
            order = re.findall(r'href="/bureaus/(\d+)/"', response.content.decode())
            assert order and order == re.findall(r'href="/bureaus/(\d+)/"', client.get(path, plain).content.decode())
