"""Everything the indicators read about one document, fetched for many documents in a bounded number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from disclosures.models import BudgetLine, Denominator, Disclosure, StatedFigure
from disclosures.summary import Amount, DocumentSummary, summarise

from .indicators.base import SourceRef


@dataclass
class DocumentFacts:
    disclosure: Disclosure
    summary: DocumentSummary
    lines: list[BudgetLine]
    figures: list[StatedFigure]
    denominators: dict[str, Denominator] = field(default_factory=dict)  # kind -> staff-entered figure

    def functional(self, code: str) -> Amount | None:
        return self.summary.functional.get(code)

    def stated(self, key: str) -> list[StatedFigure]:
        """Figures about the document's own year, first stated first."""
        return [f for f in self.figures if f.key == key and f.year in (None, self.disclosure.fiscal_year)]

    def line_ref(self, label: str, amount: Amount) -> SourceRef:
        return SourceRef(label=label, disclosure_id=self.disclosure.pk, lines=amount.lines)

    def figure_ref(self, label: str, figure: StatedFigure) -> SourceRef:
        return SourceRef(label=label, disclosure_id=self.disclosure.pk, lines=(figure.line,), note=figure.quote)


def facts_for(disclosures: Iterable[Disclosure]) -> list[DocumentFacts]:
    """Three queries for any number of documents: lines (with tables), figures, denominators."""
    disclosures = list(disclosures)
    if not disclosures:
        return []
    ids = [d.pk for d in disclosures]
    with_rows = Disclosure.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("lines", queryset=BudgetLine.objects.select_related("table").order_by("position")),
        Prefetch("figures", queryset=StatedFigure.objects.order_by("line")),
    )
    rows = {d.pk: d for d in with_rows}
    wanted = {(d.bureau.region_id, d.fiscal_year) for d in disclosures}
    denominators: dict[tuple[int, int], dict[str, Denominator]] = defaultdict(dict)
    region_ids = {region for region, _ in wanted}
    for den in Denominator.objects.filter(region_id__in=region_ids):
        if (den.region_id, den.year) in wanted:
            denominators[(den.region_id, den.year)][den.kind] = den
    facts = []
    for d in disclosures:
        lines = list(rows[d.pk].lines.all())
        figures = list(rows[d.pk].figures.all())
        facts.append(
            DocumentFacts(
                disclosure=d,
                summary=summarise(lines, figures),
                lines=lines,
                figures=figures,
                denominators=denominators.get((d.bureau.region_id, d.fiscal_year), {}),
            )
        )
    return facts
