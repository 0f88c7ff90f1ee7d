"""Every county-level name of the national division list, placed in the sentences a disclosure's cover and headings
use, reads back whole as the publisher: never cut short because it begins with a word a sentence also uses
(和平区, 本溪县, 将乐县, 对…), never lengthened by the words in front of it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.parsing.readers import meta_of

REGIONS = Path(__file__).resolve().parents[2] / "data" / "regions" / "adcodes.csv"
# Taiwan, Hong Kong and Macao list townships and districts that publish no such documents.
_ELSEWHERE = ("71", "81", "82")


def counties() -> list[tuple[str, str, str]]:
    """(code, name, the prefecture or province it is printed under) of every county-level division."""
    rows = {}
    with REGIONS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["adcode"][:6]] = row["name"]
    out = []
    for code, name in sorted(rows.items()):
        if code.endswith("00") or code[:2] in _ELSEWHERE:
            continue
        parent = rows.get(code[:4] + "00") or rows.get(code[:2] + "0000", "")
        out.append((code, name, "" if parent == name else parent))
    return out


COUNTIES = counties()


def test_the_list_is_the_whole_country():
    assert len(COUNTIES) > 2800


def _cover_document(name: str, parent: str) -> list[str]:
    return [
        f"{parent}{name}医疗保障局",
        "2024年部门预算公开",
        "目录",
        f"一、{name}医疗保障局主要职能",
        f"根据预算法的规定，现将{name}医疗保障局2024年部门预算公开如下：",
        f"{name}医疗保障局是县政府工作部门，和{name}医疗保障局有关的事项由其负责。",
        "2024年部门收支预算总表",
        f"编制部门：{parent}{name}医疗保障局\t单位：万元",
    ]


def _prose_document(name: str, parent: str) -> list[str]:
    return [
        f"根据预算法的规定，现将{parent}{name}医疗保障局2024年部门预算公开如下：",
        f"{name}医疗保障局是政府工作部门。对{name}医疗保障局的预算，本局负责解释。",
        f"和{name}医疗保障局2023年部门预算相比，2024年无变化。",
    ]


def test_every_county_name_on_a_cover_reads_back_whole():
    wrong = []
    for _, name, parent in COUNTIES:
        meta = meta_of(_cover_document(name, parent))
        if meta.publisher != f"{parent}{name}医疗保障局":
            wrong.append((name, meta.publisher))
    assert not wrong, f"{len(wrong)} names read wrong, e.g. {wrong[:10]}"


def test_every_county_name_in_sentences_alone_reads_back_whole():
    wrong = []
    for _, name, parent in COUNTIES:
        meta = meta_of(_prose_document(name, parent))
        if meta.publisher not in (f"{parent}{name}医疗保障局", f"{name}医疗保障局"):
            wrong.append((name, meta.publisher))
    assert not wrong, f"{len(wrong)} names read wrong, e.g. {wrong[:10]}"


@pytest.mark.django_db
def test_every_county_name_resolves_to_its_own_code():
    from disclosures.selectors.regions import region_resolve

    wrong = []
    for code, name, parent in COUNTIES:
        lines = _cover_document(name, parent)
        match = region_resolve(publisher=meta_of(lines).publisher, context="\n".join(lines))
        if match.region is None or match.region.code != code:
            wrong.append((code, name, match.region.code if match.region else [r.code for r in match.candidates]))
    assert not wrong, f"{len(wrong)} names resolved wrong, e.g. {wrong[:10]}"
