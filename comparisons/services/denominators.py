"""Staff-entered denominators: the only thing the public site lets anyone change. Each write recomputes the stored
indicator values of the region and year it concerns, in the same transaction."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from disclosures.models import Denominator, Region

from .indicator_values import indicator_values_refresh_for_denominator


@transaction.atomic
def denominator_set(
    *,
    region: Region,
    year: int,
    kind: str,
    value: int,
    source: str,
    source_url: str = "",
    user: AbstractBaseUser | None,
) -> tuple[Denominator, bool]:
    """Enter, or correct, the figure for a region, year and kind (one per triple); returns it and whether it is new.

    The source is required: a number nobody can trace is not shown as a denominator."""
    source = source.strip()
    if not source:
        raise ValueError("a denominator needs its source")
    if value <= 0:
        raise ValueError("a denominator is a positive number of people")
    if kind not in Denominator.Kind.values:
        raise ValueError(f"unknown denominator kind {kind!r}")
    denominator, created = Denominator.objects.select_for_update().update_or_create(
        region=region,
        year=year,
        kind=kind,
        defaults={
            "value": value,
            "source": source,
            "source_url": source_url.strip(),
            "entered_by": user if user is not None and user.is_authenticated else None,
        },
    )
    indicator_values_refresh_for_denominator(region=region, year=year)
    return denominator, created


@transaction.atomic
def denominator_delete(*, denominator: Denominator) -> None:
    region, year = denominator.region, denominator.year
    denominator.delete()
    indicator_values_refresh_for_denominator(region=region, year=year)


def denominator_changed(*, region: Region, year: int, before: tuple[Region, int] | None = None) -> None:
    """After a denominator was saved or deleted elsewhere (the admin): recompute where it was and where it is now."""
    if before is not None and before != (region, year):
        indicator_values_refresh_for_denominator(region=before[0], year=before[1])
    indicator_values_refresh_for_denominator(region=region, year=year)
