"""The five sample documents import with the figures the issue lists (万元 as published, 元 stored)."""

from decimal import Decimal

import pytest

from .conftest import run_import, seed

pytestmark = pytest.mark.django_db

WAN = Decimal(10000)


def yuan(wan: str) -> Decimal:
    return Decimal(wan) * WAN


def d(record_value: str) -> Decimal:
    return Decimal(record_value)


EXPECTED = {
    "000": {
        "region_code": "130636",
        "bureau": "顺平县医疗保障局",
        "year": 2023,
        "kind": "budget",
        "scope": "department",
        "unit": "万元",
        "totals": {"total": "3798.25", "basic": "338.02", "project": "3460.23"},
        "functional": {"2101202": "3200.00", "21013": "140.00", "2101501": "260.22"},
        "figures": {"running_costs": yuan("23.929"), "insured_residents": 250000, "stated_subsidy_per_insured": 128},
    },
    "001": {
        "region_code": "510422",
        "bureau": "盐边县医疗保障局",
        "year": 2022,
        "kind": "final",
        "scope": "department",
        "unit": "万元",
        "totals": {"total": "959.14", "basic": "331.08", "project": "628.06"},
        "functional": {"2101301": "607.27", "2101501": "253.02"},
        "absent": ["2101202"],
        "figures": {"running_costs": yuan("30.67"), "insured_residents": 159600},
    },
    "002": {
        "region_code": "411103",
        "bureau": "漯河市郾城区医疗保障局",
        "year": 2024,
        "kind": "budget",
        "scope": "department",
        "unit": "万元",
        "totals": {"total": "7661.49", "basic": "340.90", "project": "7320.59"},
        "functional": {"2101202": "6984.07", "2101301": "284.52", "2080101": "268.10"},
        "figures": {"running_costs": yuan("14.81")},
        "no_figures": ["insured_residents"],
    },
    "003": {
        "region_code": "130127",
        "bureau": "高邑县医疗保障局",
        "year": 2026,
        "kind": "budget",
        "scope": "department",
        "unit": "万元",
        "totals": {"total": "2654.58", "basic": "243.88", "project": "2410.70"},
        "functional": {"2101202": "2191.00", "21013": "170.00", "2101501": "210.91"},
        "figures": {"running_costs": yuan("40.68"), "insured_residents": 156500, "stated_subsidy_per_insured": 140},
    },
    "004": {
        "region_code": "611025",
        "bureau": "镇安县医疗保险经办机构",
        "year": 2023,
        "kind": "budget",
        "scope": "unit",
        "unit": "元",
        "totals": {"total": "313.17", "basic": "268.17", "project": "45.00"},
        "functional": {"2101550": "247.386"},
        "absent": ["2101202", "21013", "2101301"],
        "figures": {"running_costs": yuan("9.38"), "insured_residents": 249052, "insured_employees": 16500},
    },
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_sample_imports_with_its_published_figures(prefix):
    expected = EXPECTED[prefix]
    [record], status = run_import(str(seed(prefix)))
    assert status == 0, record
    assert record["status"] == "imported"
    for key in ("region_code", "bureau", "year", "kind", "scope", "unit"):
        assert record[key] == expected[key], key
    for key, wan in expected["totals"].items():
        assert d(record["totals"][key]) == yuan(wan), key
    for code, wan in expected["functional"].items():
        assert d(record["functional"][code]) == yuan(wan), code
    for code in expected.get("absent", []):
        assert code not in record["functional"]
    for key, value in expected["figures"].items():
        assert d(record["figures"][key]) == Decimal(value), key
    for key in expected.get("no_figures", []):
        assert key not in record["figures"]
    assert record["lines"] > 0


def findings(prefix: str) -> list[dict]:
    [record], _ = run_import(str(seed(prefix)))
    return record["findings"]


def with_numbers(found: list[dict], *numbers: str) -> list[dict]:
    return [f for f in found if all(n in f["message"] for n in numbers)]


def test_shunping_prose_total_disagrees_with_its_tables():
    hits = with_numbers(findings("000"), "3,798.42万元", "3,798.25万元", "（相差0.17万元）")
    assert hits and hits[0]["severity"] == "warning"
    assert hits[0]["lines"]


def test_shunping_empty_three_public_table_against_its_reception_costs():
    hits = [f for f in findings("000") if "三公" in f["message"] and "接待" in f["message"]]
    assert hits and hits[0]["severity"] == "warning"


def test_yanbian_states_two_project_totals():
    hits = with_numbers(findings("001"), "628.06", "628.07")
    assert hits


def test_yancheng_books_administrative_running_under_208():
    found = findings("002")
    hits = [f for f in found if "2080101" in f["message"] and "行政运行" in f["message"]]
    assert hits and hits[0]["severity"] == "warning"
    rounding = with_numbers(found, "299.84", "299.85")
    assert rounding and all(f["severity"] == "info" for f in rounding)


@pytest.mark.parametrize("prefix, amount", [("003", "2191"), ("000", "3200")])
def test_stated_subsidy_that_agrees_gives_no_finding(prefix, amount):
    assert not [f for f in findings(prefix) if "参保" in f["message"] and amount in f["message"]]
