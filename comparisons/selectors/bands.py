"""Size bands of insured residents: a county's peers are the counties whose insured residents fall in its band (each
band doubles the one before). A document's band is known from the insured residents its per-insured indicators
divided by."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.utils.translation import gettext as _

from comparisons.models import StoredIndicator

# Peers are the counties whose insured residents fall in the same band; each band doubles the one before.
PEER_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 100_000),
    (100_000, 200_000),
    (200_000, 400_000),
    (400_000, 800_000),
    (800_000, None),
)
# The per-insured indicators whose details hold the insured residents they divided by (stated, or entered by staff).
INSURED_FROM = ("contribution_per_insured", "medical_assistance_per_insured")


@dataclass(frozen=True)
class Band:
    """A size band of insured residents: low <= count < high (no upper bound when high is None)."""

    low: int
    high: int | None = None

    def holds(self, insured: Decimal) -> bool:
        return insured >= self.low and (self.high is None or insured < self.high)

    @property
    def label(self) -> str:
        """The band in words ("参保居民 200,000–400,000 人")."""
        if self.high is None:
            return _("参保居民 %(low)s 人及以上") % {"low": f"{self.low:,}"}
        return _("参保居民 %(low)s–%(high)s 人") % {"low": f"{self.low:,}", "high": f"{self.high:,}"}


BANDS: tuple[Band, ...] = tuple(Band(low, high) for low, high in PEER_BANDS)


def band_from(raw: str | None) -> Band | None:
    """The band a query string names by its lower bound ("200000"), or None for anything else."""
    return next((band for band in BANDS if str(band.low) == (raw or "").strip()), None)


def band_of(*, insured: Decimal | None) -> Band | None:
    """The size band of a count of insured residents; None when the count is not known."""
    if insured is None or insured <= 0:
        return None
    return next(band for band in BANDS if band.holds(insured))


def _ranked(*, year: int, kind: str, keys: list[str]) -> QuerySet[StoredIndicator]:
    """The ranked stored values of the keys in the year and kind."""
    return StoredIndicator.objects.filter(indicator__in=keys, fiscal_year=year, kind=kind, ranked=True)


def documents_bands(*, year: int, kind: str) -> dict[int, Band]:
    """The size band of each ranked document of the year and kind whose insured residents are known (one query).

    Read once here, not joined into the aggregates: each of their filtered counts would extract the count from the
    JSON details again for every row."""
    count = KeyTextTransform("$d", KeyTransform("insured_residents", "details"))
    rows = (
        _ranked(year=year, kind=kind, keys=list(INSURED_FROM))
        .annotate(insured=count)
        .values_list("disclosure_id", "indicator", "insured")
    )
    insured: dict[int, dict[str, str]] = {}
    for document, key, value in rows:
        if value is not None:
            insured.setdefault(document, {})[key] = value
    # The first per-insured indicator that knows the count, in INSURED_FROM's order.
    counts = {d: Decimal(next(found[k] for k in INSURED_FROM if k in found)) for d, found in insured.items()}
    return {d: band for d, n in counts.items() if (band := band_of(insured=n)) is not None}


def band_documents(*, year: int, kind: str, band: Band) -> list[int]:
    """The ranked documents of the year and kind whose insured residents fall in the band (one query): the peers
    of every document of that band."""
    return sorted(d for d, found in documents_bands(year=year, kind=kind).items() if found == band)


def band_group(band: Band) -> str:
    """The band as a slice summary's group ("b200000")."""
    return f"b{band.low}"
