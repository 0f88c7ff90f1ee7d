"""Write and remove the demo documents: texts made from the samples (disclosures/demo/texts.py) for real county
codes, imported one by one through the importer, and marked `demo` in the same transaction, so that no page ever
shows one unmarked. Removal deletes the demo documents and the bureaus only they had."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from disclosures.demo.texts import County, Template, demo_text, template_of
from disclosures.models import Bureau, Disclosure, Region
from disclosures.parallel import in_workers
from disclosures.versioning import data_version_bump
from disclosures.vocabulary import ImportStatus

from .imports import (
    ImportOutcome,
    Overrides,
    Parsed,
    disclosure_file_parse,
    disclosure_import,
    disclosure_import_batch,
)

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"
# The budget samples a demo document is made from, with the names of their places as the text writes them.
TEMPLATES = {
    "000": ("顺平县", "保定市", "河北省"),
    "002": ("漯河市郾城区", "郾城区", "漯河市", "河南省"),
    "003": ("高邑县", "石家庄市", "河北省"),
}
# The national minimum subsidy per insured resident (all levels of government) the per-head figures are drawn around.
MINIMUM = {2019: 520, 2020: 550, 2021: 580, 2022: 610, 2023: 640, 2024: 670, 2025: 700, 2026: 724}


def demo_templates() -> list[Template]:
    return [template_of(next(SEEDS.glob(f"{prefix}_*.txt")), places=places) for prefix, places in TEMPLATES.items()]


def demo_counties(*, count: int) -> list[County]:
    """The first `count` county-level divisions of the national list, by code, with their prefecture and province."""
    regions = Region.objects.filter(level=Region.Level.COUNTY).select_related("parent__parent").order_by("code")
    counties = []
    for region in regions[:count]:
        parent = region.parent
        prefecture = parent.name if parent and parent.level == Region.Level.PREFECTURE else ""
        province = parent.parent.name if prefecture and parent.parent else (parent.name if parent else "")
        counties.append(County(region.code, region.name, prefecture, province))
    return counties


@dataclass(frozen=True)
class DemoDocument:
    """One demo document as drawn; its text is written when asked for (in a worker process, with several)."""

    county: County
    year: int
    template: Template
    factor: Decimal
    per_head: int

    @property
    def text(self) -> str:
        text, _insured = demo_text(
            self.template, county=self.county, year=self.year, factor=self.factor, per_head=self.per_head
        )
        return text

    @property
    def filename(self) -> str:
        return f"demo-{self.county.code}-{self.year}.txt"

    @property
    def overrides(self) -> Overrides:
        return Overrides(
            region_code=self.county.code,
            year=self.year,
            kind="budget",
            scope="department",
            publisher=f"{self.county.name}医疗保障局",
        )


def demo_documents(*, counties: list[County], years: range, seed: int) -> Iterator[DemoDocument]:
    """One budget per county and year: the county keeps its sample and its size (a factor drawn once) and grows a
    few percent a year; its per-head subsidy is its province's share of the national minimum of that year."""
    templates = demo_templates()
    for county in counties:
        rng = random.Random(f"{seed}-{county.code}")
        template = rng.choice(templates)
        size = Decimal(str(round(10 ** rng.uniform(-0.6, 0.6), 2)))
        growth = 1 + rng.uniform(0.0, 0.06)
        share = rng.uniform(0.06, 0.22)
        for year in years:
            factor = max(Decimal("0.05"), (size * Decimal(str(growth ** (year - 2023)))).quantize(Decimal("0.01")))
            per_head = round(MINIMUM.get(year, 700) * share)
            yield DemoDocument(county, year, template, factor, per_head)


@dataclass
class DemoOutcome:
    imported: int = 0
    skipped: int = 0  # the county already has a document of that year and kind
    errors: int = 0
    first_error: str = ""


def demo_import(
    *,
    documents: Iterable[DemoDocument],
    batch: int = 100,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> DemoOutcome:
    """Import through the importer, `batch` documents per transaction, each marked demo before it commits, as one
    import batch (disclosure_import_batch). With `jobs` > 1 the texts are written and parsed in worker processes,
    and imported here in the same order."""
    outcome = DemoOutcome()
    with in_workers(_demo_parse, documents, jobs=jobs) as parsed_documents, disclosure_import_batch() as imports:
        while True:
            done = 0
            with transaction.atomic():
                ids = []
                for doc, parsed in islice(parsed_documents, batch):
                    done += 1
                    result = disclosure_import(parsed=parsed, filename=doc.filename, overrides=doc.overrides)
                    imports.file_done(result)
                    if result.status == ImportStatus.IMPORTED:
                        ids.append(result.disclosure.pk)
                    elif (
                        result.status == ImportStatus.ERROR and result.remedy == "replace"
                    ):  # another version is current
                        outcome.skipped += 1
                    elif result.status != ImportStatus.UNCHANGED:
                        outcome.errors += 1
                        outcome.first_error = outcome.first_error or f"{doc.county.code} {doc.year}: {result.error}"
                Disclosure.objects.filter(pk__in=ids).update(demo=True)
            imports.between_transactions()
            if not done:
                return outcome
            outcome.imported += len(ids)
            if progress is not None:
                progress(outcome.imported + outcome.skipped + outcome.errors)


def _demo_parse(doc: DemoDocument) -> Parsed | ImportOutcome:
    return disclosure_file_parse(data=doc.text.encode(), filename=doc.filename, overrides=doc.overrides)


@transaction.atomic
def demo_remove() -> tuple[int, int]:
    """Delete every demo document (with its lines, figures, checks and indicator values), then the bureaus left with
    no document: only the demo created those. Returns (documents, bureaus) deleted."""
    documents = Disclosure.objects.filter(demo=True)
    count = documents.count()
    # Versions that replaced one another point at each other; unlink them first.
    documents.update(superseded_by=None)
    documents.delete()
    # Bureaus the demo made and left empty; never one staff merged (nor one merged into).
    orphans = Bureau.objects.annotate(n=Count("disclosures")).filter(n=0, merged_into__isnull=True, merged__isnull=True)
    bureaus = orphans.count()
    orphans.delete()
    from comparisons.services import indicator_values_rank  # a real unit document may now be its bureau's only one

    indicator_values_rank()
    data_version_bump()  # the pages no longer show them
    return count, bureaus
