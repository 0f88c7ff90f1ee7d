"""The stable, documented JSON record of one import (one object per file, one per line)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .remedies import for_command
from .services.imports import ImportOutcome
from .summary import decimal_string, money_string

# Stated figures that count people; the others are money in 元.
COUNTS = {"insured_residents", "insured_employees", "staff"}


def outcome_as_json(outcome: ImportOutcome) -> dict[str, Any]:
    record: dict[str, Any] = {"file": outcome.filename, "status": outcome.status}
    if outcome.status == "error":
        record["error"] = for_command(outcome.error, outcome.remedy)
        if outcome.line is not None:
            record["line"] = outcome.line
        return record
    prepared = outcome.prepared
    result, rows = prepared.result, prepared.rows
    summary = rows.summary
    disclosure = outcome.disclosure
    if outcome.status == "checked":
        meta = result.meta
        if disclosure is not None:
            record["document_id"] = disclosure.pk  # the same file, already imported
        if prepared.region is not None:
            record["region_code"] = prepared.region.code
        record.update(
            {"bureau": prepared.publisher, "year": meta.year, "kind": meta.kind.value, "scope": meta.scope.value}
        )
        record["unit"] = meta.unit
    else:
        record.update(
            {
                "document_id": disclosure.pk,
                "region_code": disclosure.bureau.region.code,
                "bureau": disclosure.bureau.name,
                "year": disclosure.fiscal_year,
                "kind": disclosure.kind,
                "scope": disclosure.scope,
                "unit": disclosure.unit,
            }
        )
    titles = {table.key: table.title for table in result.tables}
    record.update(
        {
            "totals": {key: money_string(amount.value) for key, amount in summary.totals.items()},
            "sources": {
                key: {"table": titles.get(amount.table_key, "文字说明"), "lines": list(amount.lines)}
                for key, amount in summary.totals.items()
            },
            "functional": {code: money_string(a.value) for code, a in sorted(summary.functional.items())},
            "figures": {
                key: decimal_string(f.value.quantize(Decimal(1))) if key in COUNTS else money_string(f.value)
                for key, f in summary.figures.items()
            },
            # The findings as their rows store them (a message is worded once, where the file was parsed).
            "findings": [
                {"severity": c["severity"], "code": c["code"], "message": c["message"], "lines": c["lines"]}
                for c in rows.checks
            ],
            "lines": rows.line_count,
        }
    )
    if outcome.skipped:
        record["skipped"] = outcome.skipped
    if outcome.replaced:
        record["replaced_ids"] = [old.pk for old in outcome.replaced]
    return record
