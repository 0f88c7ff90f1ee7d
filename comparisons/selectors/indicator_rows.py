"""Indicator values of a list of documents, read from the stored rows (comparisons.models.StoredIndicator), and
their change against the same bureau's previous year. A fixed number of queries whatever the number of documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Case, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from comparisons.indicators import BY_KEY, REGISTRY, IndicatorValue
from comparisons.indicators.base import SourceRef, first_source_url, message
from comparisons.models import StoredIndicator
from comparisons.stored import STORED_TEXTS, StoredFields, StoredText, value_exported, value_from_stored
from comparisons.vocabulary import Unit
from disclosures.links import document_url_pattern
from disclosures.models import Disclosure, Region

from .documents import disclosure_previous_map, region_province

NOT_COMPUTED = message(
    "stored.not_computed", gettext_noop("本站尚未计算这一指标（工作人员可运行 manage.py rebuild_indicators）。")
)
# What a page reads of a stored row: everything but the bookkeeping; the JSON columns (STORED_TEXTS) read as text
# and decoded together (stored_values_read).
VALUE_FIELDS = ("disclosure_id", "indicator", "version", "value", "unit", "missing_code")


@dataclass(frozen=True)
class IndicatorChange:
    """One indicator of a document against the same bureau's document of the year before (same kind and scope)."""

    indicator: str
    unit: str
    value: Decimal | None
    previous_value: Decimal | None
    previous_year: int | None
    difference: Decimal | None = None  # value - previous, in the indicator's unit (percentage points for "%")
    percent: Decimal | None = None  # relative change in %, for amounts and per-head figures; None for shares
    missing_reason: str = ""
    # Where the two values were read from: linked by the page that shows the change (years_shown), not for every
    # change computed.
    sources: tuple[SourceRef, ...] = ()
    previous_sources: tuple[SourceRef, ...] = ()

    @property
    def missing(self) -> bool:
        return self.difference is None

    @property
    def years_shown(self) -> tuple[tuple[Decimal | None, str], tuple[Decimal | None, str]]:
        """The year before's value and this year's, each with the address of its source line, in the order a page
        shows them."""
        pattern = document_url_pattern()
        return (
            (self.previous_value, first_source_url(self.previous_sources, pattern)),
            (self.value, first_source_url(self.sources, pattern)),
        )


@dataclass
class IndicatorRow:
    disclosure: Disclosure
    values: dict[str, IndicatorValue]
    # Filled by indicator_rows(..., with_changes=True): the previous year's document and the change per indicator.
    previous: Disclosure | None = None
    changes: dict[str, IndicatorChange] = field(default_factory=dict)

    @property
    def bureau(self):
        return self.disclosure.bureau

    @property
    def region(self):
        return self.disclosure.bureau.region

    @property
    def province(self) -> Region | None:
        return region_province(region=self.region)


def indicator_values_of(*, disclosure_ids: Iterable[int], keys: Iterable[str] | None = None) -> dict[int, dict]:
    """The stored values of these documents: {document id: {indicator key: IndicatorValue}} (one query). An indicator
    the site has not computed for a document is missing with that reason, never 0."""
    keys = list(keys) if keys is not None else [i.key for i in REGISTRY]
    return indicator_values_each(wanted=[(disclosure_ids, keys)])[0]


def indicator_values_each(*, wanted: Sequence[tuple[Iterable[int], Sequence[str]]]) -> list[dict[int, dict]]:
    """indicator_values_of for several lists of documents, each with its own indicators (the tables of one page):
    one query reads exactly the rows they need."""
    wanted = [(list(ids), list(keys)) for ids, keys in wanted]
    matches = [Q(disclosure_id__in=ids, indicator__in=keys) for ids, keys in wanted if ids]
    stored: dict[tuple[int, str], IndicatorValue] = {}
    if matches:
        for row in stored_values_read(StoredIndicator.objects.filter(reduce(or_, matches))):
            stored[row.disclosure_id, row.indicator] = value_from_stored(row)
    answers = []
    for ids, keys in wanted:
        found: dict[int, dict[str, IndicatorValue]] = {}
        for pk in ids:
            # In the registry's order, as the pages list them; missing where not computed.
            found[pk] = {
                key: stored[pk, key] if (pk, key) in stored else BY_KEY[key].missing(NOT_COMPUTED())
                for key in keys
                if (pk, key) in stored or key in BY_KEY
            }
        answers.append(found)
    return answers


def indicator_rows_stored(
    *, disclosures: Iterable[Disclosure], keys: Sequence[str]
) -> list[tuple[Disclosure, dict[str, StoredFields | IndicatorValue]]]:
    """indicator_rows for an answer that writes the stored rows as they are (the indicators API): each document
    (with its bureau and region) and its `keys` as StoredFields, without the IndicatorValue of each; a value not
    computed is the IndicatorValue missing for that reason, as in indicator_values_of. One query."""
    disclosures = list(disclosures)
    loaded = _with_bureau(disclosures)
    keys = list(keys)
    stored: dict[tuple[int, str], StoredFields] = {}
    if disclosures:
        wanted = StoredIndicator.objects.filter(disclosure_id__in=list(loaded), indicator__in=keys)
        stored = {(row.disclosure_id, row.indicator): row for row in stored_values_read(wanted)}
    answers = []
    for d in disclosures:
        values = {}
        for key in keys:
            row = stored.get((d.pk, key))
            if row is not None:
                values[key] = row
            elif key in BY_KEY:
                values[key] = BY_KEY[key].missing(NOT_COMPUTED())
        answers.append((loaded[d.pk], values))
    return answers


def stored_values_read(queryset: QuerySet[StoredIndicator]) -> list[StoredFields]:
    """The rows of `queryset` as StoredFields, their JSON columns read as text and decoded by one json.loads for all
    of them: the same values as the JSONFields give, without a decoder call (and the field's converter) for each of
    the four columns of every row, which was most of the Python a page of values cost."""
    texts = {f"{name}_text": Cast(name, TextField()) for name in STORED_TEXTS}
    rows = list(queryset.annotate(**texts).values_list(*VALUE_FIELDS, *texts))
    width = len(VALUE_FIELDS)
    decoded = json.loads("[" + ",".join(text for row in rows for text in row[width:]) + "]")
    n = len(STORED_TEXTS)
    return [StoredFields(*row[:width], *decoded[i * n : i * n + n]) for i, row in enumerate(rows)]


def indicator_values_exported(
    *, disclosure_ids: Iterable[int], keys: Iterable[str], rows: QuerySet[StoredIndicator], detailed: Iterable[str] = ()
) -> dict[int, dict]:
    """The stored values of these documents as a table export writes them (stored.value_exported: the JSON columns
    read as text and decoded only where the export shows something; the details of the `detailed` indicators
    only): {document id: {indicator key: IndicatorValue}}, one query, missing as in indicator_values_of.

    `rows` are the stored rows of the `keys` of these documents, as a query (a ranked table's: its slice of each
    key, read from the index of ranked values; thousands of ids in the SQL, or a subquery of them, were slower)."""
    ids = list(disclosure_ids)
    keys = list(keys)
    detailed = set(detailed)
    found: dict[int, dict[str, IndicatorValue]] = {pk: {} for pk in ids}
    if ids:
        texts = {f"{name}_text": Cast(name, TextField()) for name in ("missing_params", "notes")}
        # The sources only where one may be outside the documents (its "document" is null): the others stay in the
        # database (most of the bytes of a row), and are not even turned into text where the database can look
        # inside JSON (PostgreSQL; SQLite looks for "null" in the text).
        if connection.features.supports_json_field_contains:
            outside = Q(sources__contains=[{"document": None}])
        else:
            outside = Q(sources_json__contains="null")
        texts["sources_text"] = Case(
            When(outside, then=Cast("sources", TextField())), default=Value(""), output_field=TextField()
        )
        # The details only of the indicators the export shows details of.
        texts["details_text"] = Case(
            When(indicator__in=detailed, then=Cast("details", TextField())), default=Value(""), output_field=TextField()
        )
        rows = (
            rows.alias(sources_json=Cast("sources", TextField()))
            .annotate(**texts)
            .values_list(
                "disclosure_id", "indicator", "value", "unit", "missing_code", *(f"{n}_text" for n in STORED_TEXTS)
            )
            .order_by()
        )
        decoded: dict = {}
        for row in rows:
            values = found.get(row[0])
            if values is not None:
                values[row[1]] = value_exported(StoredText(*row), details=row[1] in detailed, decoded=decoded)
    for values in found.values():
        for key in keys:
            if key not in values and key in BY_KEY:
                values[key] = BY_KEY[key].missing(NOT_COMPUTED())
    return found


def _with_bureau(disclosures: list[Disclosure]) -> dict[int, Disclosure]:
    """The caller's documents where they hold their bureau and region, else loaded with them (one query)."""
    loaded = {d.pk: d for d in disclosures if Disclosure.bureau.is_cached(d)}
    missing = [d.pk for d in disclosures if d.pk not in loaded]
    if missing:
        rows = Disclosure.objects.filter(pk__in=missing).select_related("bureau__region__parent__parent")
        loaded |= {d.pk: d for d in rows.defer("source_text")}
    return loaded


def indicator_rows(
    *, disclosures: Iterable[Disclosure], with_changes: bool = False, keys: Iterable[str] | None = None
) -> list[IndicatorRow]:
    """The stored indicator values of these documents (`keys`, else all), in a bounded number of queries.

    With `with_changes`, each row also holds the previous year's document of the same bureau, kind and scope and
    the change of every indicator against it (one more query for the documents; their values come in the same
    query as the others)."""
    disclosures = list(disclosures)
    previous = disclosure_previous_map(disclosures=disclosures) if with_changes else {}
    loaded = _with_bureau(disclosures)
    ids = {d.pk for d in disclosures} | {p.pk for p in previous.values()}
    values = indicator_values_of(disclosure_ids=ids, keys=keys)
    rows = []
    for d in disclosures:
        row = IndicatorRow(disclosure=loaded[d.pk], values=values[d.pk])
        before = previous.get(d.pk)
        if before is not None:
            row.previous = before
        if with_changes:
            row.changes = {
                key: indicator_change(current=value, previous=values[before.pk][key] if before else None, year=before)
                for key, value in row.values.items()
            }
        rows.append(row)
    return rows


def indicator_change(
    *, current: IndicatorValue, previous: IndicatorValue | None, year: Disclosure | None = None
) -> IndicatorChange:
    """The change of one indicator between two documents of consecutive years (same bureau, kind, scope)."""
    previous_year = year.fiscal_year if year is not None else None
    base = {
        "indicator": current.indicator,
        "unit": current.unit,
        "value": current.value,
        "previous_value": previous.value if previous else None,
        "previous_year": previous_year,
        "sources": current.sources,
        "previous_sources": previous.sources if previous else (),
    }
    if previous is None:
        return IndicatorChange(**base, missing_reason=_("没有该单位上一年度同类文件。"))
    if current.value is None or previous.value is None:
        if current.value is None:
            reason = _("本年缺少此项，无法比较。")
        else:
            reason = _("%(year)s年缺少此项，无法比较。") % {"year": previous_year}
        return IndicatorChange(**base, missing_reason=reason)
    difference = (current.value - previous.value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    percent = None
    if current.unit != Unit.PERCENT and previous.value != 0:
        percent = ((current.value - previous.value) * 100 / abs(previous.value)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    return IndicatorChange(**base, difference=difference, percent=percent)
