"""The API with the five sample documents loaded: the figures issue 4 lists, each traced to its published line."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from disclosures.models import Disclosure

from .seeded import import_seeds, per_head, wan

pytestmark = pytest.mark.django_db

KEYS = "contribution_per_insured,county_contribution,medical_assistance,running_costs,administrative_operation"


@pytest.fixture
def values(client) -> dict[str, dict]:
    import_seeds()
    body = client.get("/api/indicators/", {"indicator": KEYS, "latest": 1}).json()
    assert body["count"] == 5
    return {
        county: row["values"]
        for row in body["results"]
        for county in ("顺平", "盐边", "郾城", "高邑", "镇安")
        if county in row["document"]["bureau"]["name"]
    }


def published_line(client, url: str) -> str:
    """The line of the published text a source URL points at (/documents/<id>/#L<n>)."""
    parts = urlsplit(url)
    assert client.get(parts.path).status_code == 200  # the document page exists
    pk = int(parts.path.strip("/").split("/")[-1])
    line = int(parts.fragment.removeprefix("L"))
    return Disclosure.objects.get(pk=pk).source_lines[line - 1]


def test_contribution_per_insured_resident(values, client):
    shunping = values["顺平"]["contribution_per_insured"]
    assert per_head(Decimal(shunping["value"])) == "128.00"
    assert shunping["details"]["share_of_national_minimum"] == "20.0"
    assert "3200.00" in published_line(client, shunping["sources"][0]["url"])
    assert "250000" in published_line(client, shunping["sources"][1]["url"])
    gaoyi = values["高邑"]["contribution_per_insured"]
    assert per_head(Decimal(gaoyi["value"])) == "140.00"
    assert gaoyi["details"]["share_of_national_minimum"] == "19.3"
    assert "156500" in published_line(client, gaoyi["sources"][1]["url"])


def test_yancheng_shows_its_contribution_and_a_missing_per_head_with_the_reason(values, client):
    assert wan(Decimal(values["郾城"]["county_contribution"]["value"])) == "6,984.07"
    per_insured = values["郾城"]["contribution_per_insured"]
    assert per_insured["value"] is None
    assert "参保人数" in per_insured["missing_reason"]
    assert "6,984.07" in published_line(client, per_insured["sources"][0]["url"])


@pytest.mark.parametrize("county", ["盐边", "镇安"])
def test_no_2101202_line_is_said_so(values, county):
    value = values[county]["county_contribution"]
    assert value["value"] is None
    assert "2101202" in value["missing_reason"]


def test_medical_assistance(values, client):
    shown = {c: v["medical_assistance"]["value"] for c, v in values.items()}
    assert {c: wan(Decimal(v)) for c, v in shown.items() if v} == {
        "顺平": "140.00",
        "盐边": "607.27",
        "郾城": "284.52",
        "高邑": "170.00",
    }
    assert shown["镇安"] is None
    assert values["镇安"]["medical_assistance"]["missing_reason"]
    split = values["盐边"]["medical_assistance"]["details"]
    assert [wan(Decimal(split[p])) for p in ("central", "provincial", "county")] == ["376.76", "80.51", "150.00"]
    assert "607.27" in published_line(client, values["盐边"]["medical_assistance"]["sources"][0]["url"])


def test_running_costs_and_administrative_operation(values):
    running = {c: wan(Decimal(v["running_costs"]["value"])) for c, v in values.items()}
    assert running == {"顺平": "23.93", "盐边": "30.67", "郾城": "14.81", "高邑": "40.68", "镇安": "9.38"}
    operation = {c: wan(Decimal(v["administrative_operation"]["value"])) for c, v in values.items()}
    assert operation == {"顺平": "260.22", "盐边": "253.02", "郾城": "268.10", "高邑": "210.91", "镇安": "247.39"}
    assert "2080101" in values["郾城"]["administrative_operation"]["note"]


def test_lines_of_2101202_across_the_sample_documents(client):
    import_seeds()
    body = client.get("/api/lines/", {"code": "2101202", "classification": "functional", "limit": 500}).json()
    seen = {(row["document"]["region_code"], row["amounts"]["total"]) for row in body["results"]}
    assert ("130636", "32000000.00") in seen
    assert ("411103", "69840700.00") in seen
    assert ("130127", "21910000.00") in seen
    for row in body["results"]:
        assert row["source_lines"]
        assert row["url"].endswith(f"#L{row['source_lines'][0]}")
