"""Writes the slice summaries (comparisons.models.SliceSummary) of a data version: every indicator of a year and kind,
over every county, each province and each size band of insured residents, from one read of its ranked values in
the database's order. Called by comparisons.selectors.summaries the first time a page needs a year and kind after a
change, and by `warm_pages`; older data versions' rows are deleted in the same transaction."""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable

from django.db import connection, connections, transaction
from django.db.models import BigIntegerField, F
from django.db.models.functions import Cast, Round

from comparisons.indicators import BY_KEY
from comparisons.models import SliceSummary, StoredIndicator
from comparisons.selectors.bands import band_group, documents_bands
from comparisons.selectors.rankings import FEN, FenValues, fen_bytes, histogram_of, median_of
from disclosures.models import DataVersion
from disclosures.versioning import ROW

NATIONAL = ""


def _summaries(year: int, kind: str, version: int) -> list[SliceSummary]:
    bands = {document: band_group(band) for document, band in documents_bands(year=year, kind=kind).items()}
    rows = (
        StoredIndicator.objects.filter(fiscal_year=year, kind=kind, ranked=True)
        # In fen, rounded (SQLite's numbers are floats): whole numbers, exact, with no Decimal made of each.
        .annotate(fen=Cast(Round(F("value") * 100), BigIntegerField()))
        # Missing values last: each group's values come out in ascending order, as the database sorts them.
        .order_by("indicator", F("value").asc(nulls_last=True))
        .values_list("indicator", "region_code", "disclosure_id", "fen")
    )
    counts: dict[tuple[str, str], int] = {}
    ordered: dict[tuple[str, str], array] = {}
    # Read by the cursor: the ORM's converters for each of tens of thousands of rows were a fifth of the time.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, region_code, document, fen in cursor:
            band = bands.get(document)
            for group in (NATIONAL, region_code[:2], band) if band else (NATIONAL, region_code[:2]):
                counts[key, group] = counts.get((key, group), 0) + 1
                if fen is not None:
                    found = ordered.get((key, group))
                    if found is None:
                        found = ordered[key, group] = array(FEN)
                    found.append(fen)
    found = []
    for (key, group), count in counts.items():
        fen = ordered.get((key, group), array(FEN))
        values = FenValues(fen)
        bins = []
        if group == NATIONAL and key in BY_KEY:
            bins = [[str(b.low), str(b.high), b.count] for b in histogram_of(values=values, unit=BY_KEY[key].unit)]
        found.append(
            SliceSummary(
                data_version=version,
                group=group,
                indicator=key,
                fiscal_year=year,
                kind=kind,
                count=count,
                present=len(fen),
                median=median_of(values),
                values=fen_bytes(fen),
                bins=bins,
            )
        )
    return found


def slice_summaries_write(*, periods: Iterable[tuple[int, str]], version: int) -> None:
    """The summaries of these years and kinds as of data version `version` (one read of each period's values, one
    insert); a period another request has written meanwhile is left as it is."""
    rows = [row for year, kind in sorted(set(periods)) for row in _summaries(year, kind, version)]
    with transaction.atomic():
        SliceSummary.objects.filter(data_version__lt=version).delete()
        SliceSummary.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


def slice_summaries_carry(*, year: int, kind: str) -> None:
    """After a change to one year and kind alone (a document imported or restored), in its transaction and after the
    data version's bump: every other year and kind's summaries still hold, and are carried to the new version (one
    statement) instead of being written again by the next page that needs them. Without it, every import made the
    next bureau page write the summaries of each of its years again, about 2 s at national scale."""
    with connection.cursor() as cursor:
        cursor.execute(_carry_sql(connection.alias), [ROW, year, kind])


@functools.cache
def _carry_sql(alias: str) -> str:
    # Written out once: the ORM's compiling of the UPDATE, once per imported document, cost more than running it.
    quote = connections[alias].ops.quote_name
    summary, version = SliceSummary._meta, DataVersion._meta
    column = {name: quote(summary.get_field(name).column) for name in ("data_version", "fiscal_year", "kind")}
    current = (
        f"SELECT {quote(version.get_field('version').column)} FROM {quote(version.db_table)} "
        f"WHERE {quote(version.pk.column)} = %s"
    )
    return (
        f"UPDATE {quote(summary.db_table)} SET {column['data_version']} = {column['data_version']} + 1 "
        f"WHERE {column['data_version']} = ({current}) - 1 "
        f"AND NOT ({column['fiscal_year']} = %s AND {column['kind']} = %s)"
    )
