"""The dashboard kept to one size band of insured residents (the bureau page's peers), and a filtered group's median
named for the group the filter chose."""

import csv
import io

import pytest

from .test_bureau_profile import counties  # noqa: F401  (the fixture: 2023 budgets with and without a count)

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_size_bands(client, counties):  # noqa: F811
    html = client.get("/", {"year": 2023, "kind": "budget"}).content.decode()
    select = html.split('name="band"')[1].split("</select>")[0]
    assert "全部规模" in select and "参保居民 200,000–400,000 人" in select and "参保居民 800,000 人及以上" in select


def test_a_band_keeps_the_tables_and_their_export_to_its_counties(client, counties):  # noqa: F811
    params = {"year": 2023, "kind": "budget", "band": "200000"}
    html = client.get("/", params).content.decode()
    # Three of the five 2023 budgets: the ranks and medians are of these three.
    assert "2023年预算：参保居民 200,000–400,000 人，3 份（全国共 5 份）。排名、中位数和分布只在这 3 份之间计算" in html
    table = html.split('id="table-contribution"')[1].split("</table>")[0]
    assert "顺平县" in table and "行唐县" in table and "郾城区" in table
    assert "高邑县" not in table and "镇安县" not in table  # 100,000 insured; no count stated
    response = client.get("/", {**params, "_export": "csv", "_table": "contribution"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(r[1] for r in rows[1:] if r) == sorted(["顺平县医疗保障局", "行唐县医疗保障局", "郾城区医疗保障局"])


def test_an_unknown_band_is_the_whole_country(client, counties):  # noqa: F811
    html = client.get("/", {"year": 2023, "kind": "budget", "band": "12345"}).content.decode()
    table = html.split('id="table-contribution"')[1].split("</table>")[0]
    assert "高邑县" in table and "郾城区" in table


def test_a_prefecture_s_median_is_named_for_the_prefecture(client, counties):  # noqa: F811
    # 石家庄市 (1301): 高邑 200.00 and 行唐 100.00 元/人; 顺平 is in 保定市.
    html = client.get("/", {"year": 2023, "kind": "budget", "province": "130000", "prefecture": "130100"})
    assert "石家庄市中位数 150.00 元/人（2 个单位）" in html.content.decode()
