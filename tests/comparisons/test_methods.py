"""The methods page is generated from the indicator declarations and the national reference table."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from comparisons.indicators import REGISTRY
from comparisons.reference import NATIONAL_MINIMUM_SOURCES, NATIONAL_MINIMUM_SUBSIDY

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("comparisons:methods"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_url():
    assert reverse("comparisons:methods") == "/methods/"


def test_every_indicator_with_its_definition_formula_codes_and_caveats(page):
    for indicator in REGISTRY:
        assert f'id="indicator-{indicator.key}"' in page
        assert escape(indicator.title) in page
        assert escape(str(indicator.definition)) in page
        assert escape(str(indicator.formula)) in page
        for figure in indicator.figures:
            assert figure in page
        for code in indicator.codes:
            assert code in page
        for caveat in indicator.caveats:
            assert escape(str(caveat)) in page


def test_the_general_caveats(page):
    for topic in ("预算与决算", "不同年度", "单位", "分母"):
        assert f"<dt>{topic}</dt>" in page
    assert "从不相加" in page


def test_the_national_reference_table_with_its_sources(page):
    table = page[page.index('id="reference-table"') :]
    for year, amount in NATIONAL_MINIMUM_SUBSIDY.items():
        assert f'<th scope="row" class="pin">{year}</th>' in table
        assert f'<td class="num">{amount}</td>' in table
        assert escape(NATIONAL_MINIMUM_SOURCES[year]) in table
    assert "待确认" in table  # 2026: 700 + the 24 announced


def test_the_page_in_english_names_the_indicators_in_english(client):
    response = client.get("/en/methods/")
    page = response.content.decode()
    for indicator in REGISTRY:
        with translation.override("en"):
            assert escape(indicator.name) in page and indicator.name.isascii()
