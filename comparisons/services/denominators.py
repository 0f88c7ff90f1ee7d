"""Staff-entered denominators: the only thing the public site lets anyone change. Each write recomputes the stored
indicator values of the region and year it concerns, in the same transaction."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from disclosures.models import Region
from disclosures.versioning import data_version_bump

from ..models import Denominator, DenominatorChange
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
    user = user if user is not None and user.is_authenticated else None
    before = Denominator.objects.select_for_update().filter(region=region, year=year, kind=kind).first()
    old_value, old_source = (before.value, before.source) if before else (None, "")
    denominator, created = Denominator.objects.update_or_create(
        region=region,
        year=year,
        kind=kind,
        defaults={"value": value, "source": source, "source_url": source_url.strip(), "entered_by": user},
    )
    _record(
        denominator,
        action=DenominatorChange.Action.ENTERED if created else DenominatorChange.Action.CORRECTED,
        old=(old_value, old_source),
        new=(value, source),
        user=user,
    )
    indicator_values_refresh_for_denominator(region=region, year=year)
    return denominator, created


@transaction.atomic
def denominator_delete(*, denominator: Denominator, user: AbstractBaseUser | None) -> None:
    """Delete an entered figure; its history stays, with the value it had. The values that divided by it are
    recomputed."""
    user = user if user is not None and user.is_authenticated else None
    _record(
        denominator,
        action=DenominatorChange.Action.DELETED,
        old=(denominator.value, denominator.source),
        new=(None, ""),
        user=user,
    )
    region, year = denominator.region, denominator.year
    denominator.delete()
    indicator_values_refresh_for_denominator(region=region, year=year)


def _record(denominator: Denominator, *, action: str, old: tuple, new: tuple, user) -> DenominatorChange:
    data_version_bump()  # the pages that divide by it change
    return DenominatorChange.objects.create(
        denominator=denominator,
        region_id=denominator.region_id,
        year=denominator.year,
        kind=denominator.kind,
        action=action,
        old_value=old[0],
        old_source=old[1],
        new_value=new[0],
        new_source=new[1],
        changed_by=user,
    )
