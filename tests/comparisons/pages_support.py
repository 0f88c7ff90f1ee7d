"""Shared by the page tests: the five sample documents, and many bureaus made with factories."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from disclosures.models import CheckResult, Disclosure, Region
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, store_indicators

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def import_samples() -> None:
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    call_command("import_disclosures", *paths, stdout=StringIO(), stderr=StringIO())


def document_of(region_name: str) -> Disclosure:
    return Disclosure.objects.get(bureau__region__name=region_name, status=Disclosure.Status.CURRENT)


def make_bureaus(count: int, *, years: tuple[int, ...] = (2023,)) -> list[Disclosure]:
    """`count` bureaus in different counties, each with a document per year holding 2101202 and 2101301 lines."""
    documents = []
    for region in Region.objects.filter(level=Region.Level.COUNTY).order_by("code")[:count]:
        bureau = BureauFactory(region=region)
        for year in years:
            line = BudgetLineFactory(table__disclosure__bureau=bureau, table__disclosure__fiscal_year=year)
            BudgetLineFactory(
                table=line.table, code="2101301", name="城乡医疗救助", total=Decimal("1400000.00"), source_lines=[4]
            )
            CheckResult.objects.create(
                disclosure=line.disclosure, severity=CheckResult.Severity.INFO, code="note", message="提示", lines=[3]
            )
            documents.append(line.disclosure)
    store_indicators()
    return documents


__all__ = ["DisclosureFactory", "document_of", "import_samples", "make_bureaus"]
