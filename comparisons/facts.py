"""Everything the indicators read about one document, fetched for many documents in a bounded number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_noop

from comparisons.vocabulary import PROSE, Origin, Unit
from disclosures.models import BudgetLine, Disclosure, Region, StatedFigure
from disclosures.parsing.codes import standard_name
from disclosures.services.bulk import model_rows, plain_select
from disclosures.summary import Amount, DocumentSummary, summarise

from .indicators.base import Message, SourceRef, as_text, headcount, message
from .models import Denominator

STATED_INSURED = message("facts.stated_insured", gettext_noop("城乡居民参保人数 %(n)s 人"), amounts={"n": Unit.COUNT})
ENTERED_INSURED = message(
    "facts.entered_insured",
    gettext_noop("工作人员录入的参保人数 %(n)s 人（%(region)s %(year)s年）"),
    amounts={"n": Unit.COUNT},
)
STAFF = message("facts.staff", gettext_noop("%(label)s %(n)s 人"), amounts={"n": Unit.COUNT})
STAFF_UNLABELLED = message("facts.staff_unlabelled", gettext_noop("人数 %(n)s 人"), amounts={"n": Unit.COUNT})


@dataclass(frozen=True)
class Headcount:
    """A number of people an indicator divides by, and where it comes from."""

    value: Decimal
    ref: SourceRef
    origin: Origin
    label: str  # what the document called it ("实有人数", "编制人数" ...), as printed; "" where staff entered it


@dataclass
class DocumentFacts:
    disclosure: Disclosure
    summary: DocumentSummary
    lines: list[BudgetLine]  # or the importer's StoredLine, read the same way
    figures: list[StatedFigure]
    denominators: dict[str, Denominator] = field(default_factory=dict)  # kind -> staff-entered figure

    def functional(self, code: str) -> Amount | None:
        return self.summary.functional.get(code)

    def stated(self, key: str) -> list[StatedFigure]:
        """Figures about the document's own year, first stated first."""
        return [f for f in self.figures if f.key == key and f.year in (None, self.disclosure.fiscal_year)]

    def line_ref(self, label: Message | str, amount: Amount) -> SourceRef:
        return SourceRef(
            text=as_text(label), disclosure_id=self.disclosure.pk, lines=amount.lines, table=amount.table_key
        )

    def figure_ref(self, label: Message | str, figure: StatedFigure) -> SourceRef:
        return SourceRef(
            text=as_text(label),
            disclosure_id=self.disclosure.pk,
            lines=(figure.line,),
            note=figure.quote,
            table=PROSE,
            figure=figure.key,
        )

    def first_stated(self, key: str) -> StatedFigure | None:
        stated = self.stated(key)
        return stated[0] if stated else None

    def total(self, key: str) -> Amount | None:
        """A document total: "total", "basic", "project", "personnel" or "public"."""
        return self.summary.totals.get(key)

    def functional_items(self, prefix: str) -> dict[str, Amount]:
        """The 项 (7-digit codes) under a 类 or 款, as the document lists them, in code order."""
        return {
            code: amount
            for code, amount in sorted(self.summary.functional.items())
            if len(code) == 7 and code.startswith(prefix) and code != prefix
        }

    def line_name(self, code: str) -> str:
        """The name the document gives a functional code, else its standard name, else ""."""
        for line in self.lines:
            if line.code == code and line.classification == BudgetLine.Classification.FUNCTIONAL and line.name:
                return line.name
        return standard_name(code) or ""

    def code_label(self, code: str) -> str:
        return f"{code} {self.line_name(code)}".strip()

    def insured_residents(self) -> Headcount | None:
        """城乡居民参保人数: as the document states it, else as staff entered it for the region and year."""
        figure = self.first_stated("insured_residents")
        if figure is not None:
            label = STATED_INSURED(n=figure.value)
            return Headcount(headcount(figure.value), self.figure_ref(label, figure), Origin.STATED, figure.label)
        entered = self.denominators.get(Denominator.Kind.INSURED_RESIDENTS)
        if entered is not None:
            label = ENTERED_INSURED(n=entered.value, region=entered.region.name, year=entered.year)
            ref = SourceRef(text=label, note=entered.source, href=entered.source_url, figure=entered.kind)
            return Headcount(Decimal(entered.value), ref, Origin.ENTERED, "")
        return None

    def staff(self) -> Headcount | None:
        """The bureau's headcount as stated: 实有人数 (people in post) first, else 编制人数 (approved posts)."""
        stated = self.stated("staff")
        if not stated:
            return None
        actual = [f for f in stated if "实有" in (f.label or "") or "在职" in (f.label or "")]
        figure = (actual or stated)[0]
        n = figure.value
        ref = self.figure_ref(STAFF(label=figure.label, n=n) if figure.label else STAFF_UNLABELLED(n=n), figure)
        return Headcount(headcount(figure.value), ref, Origin.STATED, figure.label or "人数")


def _feeds_indicators(line) -> bool:
    # Indicators read functional lines and table totals; the economic and project rows, most of a document, never.
    return line.classification == BudgetLine.Classification.FUNCTIONAL or line.row_kind == "total"


def facts_of(
    *, disclosure: Disclosure, lines: Iterable[BudgetLine], figures: Iterable[StatedFigure], denominators: dict
) -> DocumentFacts:
    """One document's facts from rows in hand (the importer's, just written): no query."""
    lines = [line for line in lines if _feeds_indicators(line)]
    figures = sorted(figures, key=lambda f: f.line)
    return DocumentFacts(
        disclosure=disclosure,
        summary=summarise(lines, figures),
        lines=lines,
        figures=figures,
        denominators=denominators,
    )


def denominators_of(*, region: Region, year: int) -> dict[str, Denominator]:
    """The staff-entered figures of one region and year, by kind (one query, for each imported file). Each points at
    the region given rather than one joined in, and the query is written out, not compiled by the ORM, which cost
    the importer more than the database's work on it."""
    select = plain_select(Denominator, connection.alias, equal=("region", "year"))
    rows = model_rows(Denominator, select, [region.pk, year])
    denominators = {d.kind: d for d in rows}
    for denominator in denominators.values():
        denominator.region = region
    return denominators


def indicator_lines() -> QuerySet[BudgetLine]:
    """The lines the indicators read, with their tables, in the document's order: functional lines and table totals;
    the economic and project rows, most of a document, stay in the database."""
    return (
        BudgetLine.objects.filter(Q(classification="functional") | Q(row_kind="total"))
        .select_related("table")
        .order_by("position")
    )


def facts_for(disclosures: Iterable[Disclosure]) -> list[DocumentFacts]:
    """Four queries for any number of documents: documents (with bureau and region), lines (with tables), figures,
    denominators. The caller's objects are kept where they already hold their bureau."""
    disclosures = list(disclosures)
    if not disclosures:
        return []
    ids = [d.pk for d in disclosures]
    with_rows = (
        Disclosure.objects.filter(pk__in=ids)
        .select_related("bureau__region__parent__parent")
        .defer("source_text")
        .prefetch_related(
            Prefetch("lines", queryset=indicator_lines()),  # the dashboard reads every bureau's latest document
            Prefetch("figures", queryset=StatedFigure.objects.order_by("line", "id")),
        )
    )
    rows = {d.pk: d for d in with_rows}
    documents = [d if Disclosure.bureau.is_cached(d) else rows[d.pk] for d in disclosures]
    wanted = {(rows[d.pk].bureau.region_id, d.fiscal_year) for d in documents}
    denominators: dict[tuple[int, int], dict[str, Denominator]] = defaultdict(dict)
    region_ids = {region for region, _year in wanted}
    for den in Denominator.objects.filter(region_id__in=region_ids).select_related("region"):
        if (den.region_id, den.year) in wanted:
            denominators[(den.region_id, den.year)][den.kind] = den
    return [
        facts_of(
            disclosure=d,
            lines=rows[d.pk].lines.all(),
            figures=rows[d.pk].figures.all(),
            denominators=denominators.get((rows[d.pk].bureau.region_id, d.fiscal_year), {}),
        )
        for d in documents
    ]
