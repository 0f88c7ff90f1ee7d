"""The methods page is generated from the indicator declarations and the national reference table."""

import re

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


def test_an_english_reader_reads_the_codes_an_indicator_uses_in_english(client):
    html = client.get("/en/methods/").content.decode()
    operation = html.split('id="indicator-administrative_operation"')[1].split("</article>")[0]
    assert "Administrative operation (2101501)" in operation and "Institutional operation (2101550)" in operation
    assistance = html.split('id="indicator-medical_assistance"')[1].split("</article>")[0]
    assert "Medical assistance (21013)" in assistance and "Urban and rural medical assistance (2101301)" in assistance
    codes = re.findall(r"<dt>Items used</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert codes and not [c for c in codes if re.search(r"[\u4e00-\u9fff]", c)]
    chinese = client.get("/methods/").content.decode()
    assert "2101501 行政运行" in chinese.split('id="indicator-administrative_operation"')[1].split("</article>")[0]


def test_every_standard_functional_name_has_its_english():
    """The list of English names is the standard list of parsing/codes.py, code for code and name for name."""
    from disclosures.code_names import ENGLISH_NAMED
    from disclosures.parsing.codes import FUNCTIONAL

    assert set(ENGLISH_NAMED) == set(FUNCTIONAL)
    with translation.override("zh-hans"):
        assert {code: str(name) for code, name in ENGLISH_NAMED.items()} == FUNCTIONAL
    with translation.override("en"):
        english = {code: str(name) for code, name in ENGLISH_NAMED.items()}
    assert not [e for e in english.values() if re.search(r"[\u3000-\u9fff\uff00-\uffef]", e)]
    assert english["2101506"] == "Medical security agency services" and english["210"] == "Health"
