"""The five sample documents, imported as a user would, and their indicator rows keyed by county.

Used by the indicator tests: `from .seeded import seeded_rows` and request the `seeded_rows` fixture.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from comparisons.formatting import format_wan
from comparisons.formatting import format_yuan as yuan
from comparisons.selectors import IndicatorRow, disclosure_list_current, indicator_rows
from disclosures.models import Disclosure

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
# The short name a user searches by -> a word of the publisher's name.
COUNTIES = ("顺平", "盐边", "郾城", "高邑", "镇安")


def import_seeds() -> dict[str, Disclosure]:
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    call_command("import_disclosures", *paths, stdout=StringIO(), stderr=StringIO())
    documents = {}
    for d in disclosure_list_current():
        for county in COUNTIES:
            if county in d.bureau.name:
                documents[county] = d
    assert set(documents) == set(COUNTIES), f"the samples of {set(COUNTIES) - set(documents)} did not import"
    return documents


def rows_by_county() -> dict[str, IndicatorRow]:
    rows = indicator_rows(disclosures=list(disclosure_list_current()))
    return {county: row for row in rows for county in COUNTIES if county in row.bureau.name}


@pytest.fixture
def seeded_rows(db) -> dict[str, IndicatorRow]:
    import_seeds()
    return rows_by_county()


def wan(value) -> str:
    """As the pages show an amount: 万元 with thousands separators and two decimals."""
    return format_wan(value)


def per_head(value) -> str:
    """As the pages show a per-head figure: 元 with two decimals."""
    return yuan(value)


def source_text(disclosure: Disclosure, line: int) -> str:
    """The line of the published text a source link points at."""
    return Disclosure.objects.get(pk=disclosure.pk).source_lines[line - 1]
