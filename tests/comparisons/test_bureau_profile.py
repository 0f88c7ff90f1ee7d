"""The bureau page as a county profile: each headline indicator's rank, percentile and medians among all counties,
in the province and among the peers (the same size band of insured residents), for the same year and kind; its
meaning; its trend; a bounded number of queries whatever the number of bureaus."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from disclosures.models import Bureau, Region, StatedFigure
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, SourceTableFactory, store_indicators

pytestmark = pytest.mark.django_db

CJK_PUNCTUATION = re.compile(r"[，。：；、（）“”！？]")


def _document(code: str, *, year=2023, kind="budget", contribution: str, insured: str | None, bureau=None):
    """A document whose 2101202 line is `contribution` 元 and which states `insured` insured residents."""
    bureau = bureau or BureauFactory(region=Region.objects.get(code=code))
    document = DisclosureFactory(bureau=bureau, fiscal_year=year, kind=kind)
    BudgetLineFactory(table=SourceTableFactory(disclosure=document), total=Decimal(contribution))
    if insured:
        StatedFigure.objects.create(
            disclosure=document, key="insured_residents", value=Decimal(insured), unit="人", line=5, quote="参保"
        )
    return document


@pytest.fixture
def counties():
    """2023 budgets: three in 河北 (130), one in 河南, one in 陕西 with no insured count; a 2023 final account and a
    2022 budget that the 2023 budgets are never ranked with."""
    shunping = _document("130636", contribution="30000000", insured="250000")  # 120.00 元/人, band 200k–400k
    found = {
        "shunping": shunping,
        "gaoyi": _document("130127", contribution="20000000", insured="100000"),  # 200.00, band 100k–200k
        "xingtang": _document("130125", contribution="24000000", insured="240000"),  # 100.00, band 200k–400k
        "yancheng": _document("411103", contribution="9000000", insured="300000"),  # 30.00, band 200k–400k
        "zhenan": _document("611025", contribution="5000000", insured=None),  # no count: no per-insured value
        "final": _document("510422", kind="final", contribution="90000000", insured="300000"),  # 300.00, final
        "before": _document(
            "130636", year=2022, contribution="20000000", insured="250000", bureau=shunping.bureau
        ),  # 80.00
    }
    store_indicators()
    return found


def _page(client, document, **params) -> str:
    return client.get(reverse("comparisons:bureau_detail", args=[document.bureau_id]), params).content.decode()


def _cells(html: str, key: str) -> dict[str, list[str]]:
    """The standings table of one indicator: {scope: [row header, rank, percentile, median]} as text."""
    table = html.split(f'id="standings-{key}"')[1].split("</table>")[0]
    rows = {}
    for scope, body in re.findall(r'<tr data-scope="(\w+)">(.*?)</tr>', table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body, re.S)
        rows[scope] = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in cells]
    return rows


def test_rank_percentile_and_medians_nationally_in_the_province_and_among_peers(client, counties):
    html = _page(client, counties["shunping"])
    rows = _cells(html, "contribution_per_insured")
    # All 2023 budgets with a value: 200, 120, 100, 30 (元/人); the final account and 2022 are other groups.
    assert rows["national"][1:] == ["2 / 4", "66.7%", "110.00"]
    # 河北: 200, 120, 100.
    assert rows["province"][0] == "河北省" and rows["province"][1:] == ["2 / 3", "50.0%", "120.00"]
    # 200,000–400,000 insured residents: 顺平 120, 行唐 100, 郾城 30 (高邑's 100,000 are another band).
    assert "200,000–400,000" in rows["peers"][0]
    assert rows["peers"][1:] == ["1 / 3", "100.0%", "100.00"]
    assert "250,000" in html  # the count the peers are grouped by is stated


def _median_link(html: str, key: str, scope: str) -> str:
    table = html.split(f'id="standings-{key}"')[1].split("</table>")[0]
    row = table.split(f'<tr data-scope="{scope}">')[1].split("</tr>")[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', row)
    assert len(links) == 1, row
    return links[0][0].replace("&amp;", "&")


def test_a_median_links_to_the_values_it_is_the_median_of(client, counties):
    html = _page(client, counties["shunping"])
    national = _median_link(html, "contribution_per_insured", "national")
    province = _median_link(html, "contribution_per_insured", "province")
    assert national.endswith("#panel-contribution_per_insured") and "province=" not in national
    assert "province=130000" in province
    # The dashboard the link opens lists the group's values (110.00 is the median of 200, 120, 100 and 30), each
    # linked to its document, and finds the county in it.
    listed = client.get(national.split("#")[0]).content.decode()
    assert "2023" in listed and "顺平县" in listed
    for document in ("shunping", "gaoyi", "xingtang", "yancheng"):
        assert f'href="/documents/{counties[document].pk}/' in listed
    in_province = client.get(province.split("#")[0]).content.decode()
    assert f'href="/documents/{counties["gaoyi"].pk}/' in in_province
    assert f'href="/documents/{counties["yancheng"].pk}/' not in in_province
    # The peers' median: the dashboard kept to the same size band (200,000–400,000 insured residents): 顺平 120,
    # 行唐 100, 郾城 30, and not 高邑 (100,000); its median, 100.00, is the one the bureau page gives.
    peers = _median_link(html, "contribution_per_insured", "peers")
    assert "band=200000" in peers and "province=" not in peers
    among_peers = client.get(peers.split("#")[0]).content.decode()
    for document in ("shunping", "xingtang", "yancheng"):
        assert f'href="/documents/{counties[document].pk}/' in among_peers
    assert f'href="/documents/{counties["gaoyi"].pk}/' not in among_peers
    assert "参保居民 200,000–400,000 人中位数 100.00 元/人（3 个单位）" in among_peers
    assert "全国中位数 110.00 元/人（4 个单位）" in among_peers
    # The headline's national median links to the same list.
    assert f'href="{national.replace("&", "&amp;")}"' in html.split('id="headline-numbers"')[1].split("</section>")[0]


def _headlines(html: str) -> str:
    headlines = html.split('id="headline-numbers"')[1].split("</section>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", headlines))


def test_the_headline_numbers_come_first_with_their_rank(client, counties):
    html = _page(client, counties["shunping"])
    headlines = html.split('id="headline-numbers"')[1].split("</section>")[0]
    assert html.index('id="headline-numbers"') < html.index('id="documents-heading"')
    text = _headlines(html)
    # Among 4 units a percentile (66.7%) is the rank said again: the sentence gives the rank alone, and the
    # standings table below still lists the percentile.
    assert "120.00" in text and "在全国 4 个单位中从高到低排第 2 " in text and "%" not in text
    assert "全国中位数 110.00 元/人" in text
    # Each figure links to its document's source line.
    document = counties["shunping"]
    assert f'href="/documents/{document.pk}/#L3"' in headlines


def test_a_small_group_is_told_by_rank_alone_in_both_languages(client):
    first = _document("130636", contribution="30000000", insured="250000")  # 120.00 元/人
    _document("130127", contribution="20000000", insured="250000")  # 80.00
    store_indicators()
    assert "在全国 2 个单位中从高到低排第 1 " in _headlines(_page(client, first))
    with translation.override("en"):
        english = _headlines(_page(client, first))
    assert "Rank 1 of 2 nationally (highest first) " in english
    assert "of the others" not in english and "100.0%" not in english


def test_a_group_of_ten_or_more_gives_the_percentile_in_both_languages(client):
    # Ten 2023 budgets of 河南 (郑州's districts and counties): 10.00, 20.00, …, 100.00 元/人 per insured resident.
    codes = ["410102", "410103", "410104", "410105", "410106", "410108", "410122", "410181", "410182", "410183"]
    documents = [_document(code, contribution=str(100000 * (i + 1)), insured="10000") for i, code in enumerate(codes)]
    store_indicators()
    third = documents[7]  # 80.00: rank 3 of 10, higher than 7 of the 9 others
    assert "在全国 10 个单位中从高到低排第 3，高于其他单位中的 77.8%" in _headlines(_page(client, third))
    with translation.override("en"):
        english = _headlines(_page(client, third))
    assert "Rank 3 of 10 nationally (highest first), higher than 77.8% of the others" in english


def test_a_missing_value_shows_its_reason_and_no_rank(client, counties):
    html = _page(client, counties["zhenan"])
    rows = _cells(html, "contribution_per_insured")
    assert "不排名" in rows["national"][1]
    assert rows["national"][-1] == "110.00"  # the group's median is still shown
    assert "无法确定同规模" in rows["peers"][1]
    measure = html.split('id="measure-contribution_per_insured"')[1].split("</article>")[0]
    assert "缺失" in measure and "参保人数" in measure


def test_each_indicator_has_its_own_small_trend_chart(client, counties):
    html = _page(client, counties["shunping"])
    assert 'data-plotly="trend-contribution_per_insured-data"' in html
    chart = html.split('id="trend-contribution_per_insured-data"')[1].split("</script>")[0]
    assert "80.0" in chart and "120.0" in chart
    # The national median of each year (2022: 80.00 alone; 2023: 110.00) as a dashed line beside it.
    assert "110.0" in chart and "灰色虚线为同一年度、同一类型全部单位的中位数" in html
    assert 'data-plotly="series-data"' not in html  # no longer four amounts on one axis


def test_the_profile_in_english_has_no_chinese_punctuation(client, counties):
    with translation.override("en"):
        html = _page(client, counties["shunping"])
    profile = html.split('id="headline-numbers"')[1].split('id="documents-heading"')[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", profile))
    assert "Rank 2 of 4 nationally" in text and "Median" in text
    assert not CJK_PUNCTUATION.search(text), CJK_PUNCTUATION.findall(text)


def test_the_province_is_named_in_english_to_a_reader_of_english(client, counties):
    with translation.override("en"):
        html = _page(client, counties["shunping"])
    assert _cells(html, "contribution_per_insured")["province"][0] == "Hebei"
    place = html.split('class="bureau-place"')[1].split("</p>")[0]
    assert "Hebei 保定市 顺平县" in place and "河北省" not in html


def _bureaus_with_counts(count: int, start: int = 0) -> Bureau:
    """`count` 2023 budgets in as many counties, of growing size (100,000 insured residents and more)."""
    regions = Region.objects.filter(level=Region.Level.COUNTY).order_by("code")[start : start + count]
    documents = [
        _document(r.code, contribution=str(10_000_000 + 100_000 * i), insured=str(100_000 + 20_000 * i))
        for i, r in enumerate(regions, start=start)
    ]
    store_indicators()
    return documents[0].bureau


def _queries(client, bureau: Bureau) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("comparisons:bureau_detail", args=[bureau.pk])).status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [1, 40])
def test_the_profile_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    bureau = _bureaus_with_counts(count)
    url = reverse("comparisons:bureau_detail", args=[bureau.pk])
    # The first view after a change writes the year's slice summaries (a bounded number of statements: one row per
    # indicator and group, never per bureau); every later view reads them.
    with django_assert_max_num_queries(30):
        first = client.get(url).content.decode()
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    for shown in (first, html):
        assert f"1 / {count}" in shown or f"{count} / {count}" in shown


def test_the_queries_do_not_grow_with_the_bureaus(client):
    bureau = _bureaus_with_counts(1)
    _queries(client, bureau)
    alone = _queries(client, bureau)
    _bureaus_with_counts(30, start=1)
    _queries(client, bureau)
    assert _queries(client, bureau) == alone


def test_the_list_of_documents_links_each_count_of_lines_to_its_tables(client, counties):
    html = _page(client, counties["shunping"])
    listing = html.split("本单位的全部公开文件")[1].split("</table>")[0]
    for document in (counties["shunping"], counties["before"]):
        assert f'<a href="/documents/{document.pk}/#tables-heading">{document.lines.count()}</a>' in listing
