"""What the tests of documents from other counties share: where the files are, and how a record is checked."""

from decimal import Decimal
from pathlib import Path

from .conftest import run_import

UNSEEN = Path(__file__).resolve().parents[1] / "data" / "unseen"
WAN = Decimal(10000)


def path(name: str) -> str:
    return str(UNSEEN / name)


def wan(value: str) -> Decimal:
    return Decimal(value) * WAN


def imported(name: str, *options: str) -> dict:
    [record], status = run_import(path(name), *options)
    assert status == 0, record
    assert record["status"] == "imported", record
    return record


def warnings(record: dict) -> list[dict]:
    return [f for f in record["findings"] if f["severity"] in ("warning", "error")]


def assert_amounts(record: dict, totals: dict[str, Decimal], functional: dict[str, Decimal]) -> None:
    for key, value in totals.items():
        assert Decimal(record["totals"][key]) == value, key
    for code, value in functional.items():
        assert Decimal(record["functional"][code]) == value, code
