"""Writes of the comparisons app. The only thing the public site lets anyone change: staff-entered denominators.

Named <entity>_<action>, keyword-only typed arguments; views call these and nothing else writes.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from disclosures.models import Denominator, Region


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
    return denominator, created


def denominator_delete(*, denominator: Denominator) -> None:
    denominator.delete()
