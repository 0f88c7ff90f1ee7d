"""Search as people type it: short forms of the body (医保局, 医保中心), county names without 县/区/市, pinyin
initials; an empty result suggests near matches. Bounded queries whatever the number of bureaus."""

import pytest
from django.urls import reverse

from comparisons.initials import initials
from comparisons.pages.search import bureau_search
from comparisons.search_terms import edit_distance, search_terms
from disclosures.models import Bureau

from .pages_support import import_samples

pytestmark = pytest.mark.django_db

SHUNPING = "顺平县医疗保障局"
ZHENAN = "镇安县医疗保险经办机构"


@pytest.fixture
def samples():
    import_samples()


def names(query: str) -> list[str]:
    return [b.name for b in bureau_search(query=query).bureaus]


@pytest.mark.parametrize(
    "query",
    ["顺平县医保局", "顺平 医保", "顺平", "顺平县", "顺平医保局", "顺平县医疗保障局", "保定市顺平县医保局", "  顺平  "],
)
def test_a_bureau_is_found_however_its_name_is_shortened(samples, query):
    assert names(query) == [SHUNPING]


@pytest.mark.parametrize(
    "query", ["镇安医保中心", "镇安 经办", "镇安县医保经办机构", "镇安医疗保险服务中心", "镇安 医保"]
)
def test_an_agency_is_found_by_its_short_forms(samples, query):
    assert names(query) == [ZHENAN]


def test_the_kind_of_body_asked_for_narrows_the_county(samples):
    # 顺平 has a 医疗保障局 and no 经办中心: asking for the centre finds nothing, and suggests the bureau there.
    result = bureau_search(query="顺平医保中心")
    assert list(result.bureaus) == []
    assert [b.name for b in result.suggestions] == [SHUNPING]


def test_a_county_whose_name_ends_another_is_not_mixed_up(samples):
    # 行唐县 ends with 唐县: a search for 行唐县医保局 names 行唐, not 唐县 (neither has a bureau here).
    result = bureau_search(query="行唐县医保局")
    assert [r.name for r in result.regions_without_documents] == ["行唐县"]


def test_a_typo_in_the_county_name_suggests_the_near_one(samples):
    result = bureau_search(query="顺坪县医保局")
    assert list(result.bureaus) == []
    assert SHUNPING in [b.name for b in result.suggestions]


def test_pinyin_initials_find_the_county(samples):
    assert SHUNPING in names("spx")
    assert SHUNPING in names("SP")
    assert initials("顺平县") == "spx" and initials("高邑县") == "gyx"
    assert initials("郾城区") is None  # 郾 is not among the common characters ordered by pinyin


@pytest.mark.parametrize("query", ["河北 医保局", "河北省医保局", "保定 医保局"])
def test_a_province_or_prefecture_with_the_body_finds_the_bureaus_of_its_counties(samples, query):
    assert SHUNPING in names(query) and ZHENAN not in names(query)


def test_codes_and_full_names_still_work(samples):
    assert names("130636") == [SHUNPING]
    assert names("1306") == [SHUNPING]
    assert ZHENAN in names("镇安县医疗保险经办机构")


def test_search_terms_and_edit_distance():
    terms = search_terms("顺平 医保局")
    assert (terms.place, terms.kinds) == ("顺平", (Bureau.Kind.BUREAU,))
    assert search_terms("医保中心").kinds == (Bureau.Kind.AGENCY,) and search_terms("医保中心").place == ""
    assert edit_distance("顺平", "顺坪", limit=2) == 1 and edit_distance("顺平", "高邑县", limit=1) == 2


def test_the_page_shows_suggestions_when_nothing_is_found(client, samples):
    html = client.get(reverse("comparisons:search"), {"q": "顺坪县医保局"}).content.decode()
    assert 'id="suggestions"' in html and SHUNPING in html
    html = client.get(reverse("comparisons:search"), {"q": "顺平县医保局"}).content.decode()
    assert 'id="suggestions"' not in html and SHUNPING in html


def test_nothing_near_suggests_nothing(client, samples):
    result = bureau_search(query="完全不存在的地方")
    assert list(result.bureaus) == [] and result.suggestions == []


@pytest.mark.parametrize("query", ["顺平县医保局", "spx", "顺坪县医保局", "医保局", "130636"])
def test_search_runs_a_bounded_number_of_queries(client, samples, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(14):
        assert client.get(reverse("comparisons:search"), {"q": query}).status_code == 200


def test_an_english_reader_finds_the_county_in_its_province_named_in_english(client, samples):
    html = client.get("/en/search/", {"q": "顺平"}).content.decode()
    assert "Hebei 保定市 顺平县" in html and "河北省" not in html
    document = Bureau.objects.get(name=SHUNPING).disclosures.get()
    assert "Hebei 保定市 顺平县" in client.get(f"/en/documents/{document.pk}/").content.decode()


@pytest.mark.parametrize("query", ["Hebei", "hebei", "HEBEI 医保局", "  Hebei  "])
def test_a_province_named_in_english_finds_its_bureaus(client, samples, query):
    assert SHUNPING in names(query)
    assert "Hebei 保定市 顺平县" in client.get("/en/search/", {"q": query}).content.decode()


def test_english_province_names_are_read_as_people_type_them():
    assert search_terms("Inner Mongolia").place == "内蒙古自治区"
    assert search_terms("tibet").place == search_terms("Xizang").place == "西藏自治区"
    assert search_terms("Shaanxi").place == "陕西省" and search_terms("Shanxi").place == "山西省"
    assert search_terms("Hebei 医保局").kinds == (Bureau.Kind.BUREAU,)
    assert search_terms("Hebei 医保局").place == "河北省"
    # Not a province: left as typed (pinyin initials, see test_pinyin_initials_find_the_county).
    assert search_terms("spx").place == "spx"
