"""Merging two bureaus that staff found to be one body (a name the importer could not match): the documents, their
versions and the other spellings move to the one kept; the other is marked as merged into it. Nothing is deleted."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from disclosures.models import Bureau, BureauAlias, Disclosure
from disclosures.versioning import data_version_bump


class MergeRefused(Exception):
    pass


@dataclass(frozen=True)
class MergeSummary:
    moved: int  # documents that now belong to the bureau kept
    superseded: int  # of those, versions that another current version of the same year and kind now replaces
    duplicates: int  # the same file stored under both: left with the merged bureau, superseded by the kept copy


@transaction.atomic
def bureau_merge(*, keep: Bureau, other: Bureau) -> MergeSummary:
    keep, other = (Bureau.objects.select_for_update().get(pk=b.pk) for b in (keep, other))
    if keep.pk == other.pk:
        raise MergeRefused("不能把一个单位并入它自己。")
    if keep.region_id != other.region_id:
        raise MergeRefused(f"“{keep.name}”和“{other.name}”不在同一地区：不同县的单位不能合并。")
    if keep.merged_into_id or other.merged_into_id:
        raise MergeRefused("其中一个单位已经并入别的单位。")
    now = timezone.now()
    kept = list(Disclosure.objects.select_for_update().filter(bureau=keep))
    by_sha = {d.sha256: d for d in kept}
    moved = superseded = duplicates = 0
    for doc in Disclosure.objects.select_for_update().filter(bureau=other).order_by("imported_at", "pk"):
        twin = by_sha.get(doc.sha256)
        if twin is not None:
            if doc.status == Disclosure.Status.CURRENT:
                _supersede(doc, by=twin, at=now)
            duplicates += 1
            continue
        rival = next(
            (
                d
                for d in kept
                if d.status == Disclosure.Status.CURRENT
                and (d.fiscal_year, d.kind, d.scope) == (doc.fiscal_year, doc.kind, doc.scope)
            ),
            None,
        )
        if doc.status == Disclosure.Status.CURRENT and rival is not None:
            # Two current versions of one document: the one imported last stays current, as a replace would have it.
            older, newer = sorted((doc, rival), key=lambda d: (d.imported_at, d.pk))
            _supersede(older, by=newer, at=now)
            superseded += 1
        doc.bureau = keep
        doc.save(update_fields=["bureau"])
        kept.append(doc)
        moved += 1
    names = {keep.name, *keep.aliases.values_list("name", flat=True)}
    for name in [other.name, *other.aliases.values_list("name", flat=True)]:
        if name not in names:
            BureauAlias.objects.create(bureau=keep, name=name)
            names.add(name)
    other.merged_into, other.merged_at = keep, now
    other.save(update_fields=["merged_into", "merged_at"])
    from comparisons.services import indicator_values_rank  # the comparisons app builds on this one

    for year, kind in {(d.fiscal_year, d.kind) for d in kept}:
        indicator_values_rank(bureau_id=keep.pk, year=year, kind=kind)
    data_version_bump()  # the pages show the bureau's documents, names and ranks
    return MergeSummary(moved=moved, superseded=superseded, duplicates=duplicates)


def _supersede(old: Disclosure, *, by: Disclosure, at) -> None:
    old.status, old.superseded_at, old.superseded_by = Disclosure.Status.SUPERSEDED, at, by
    old.save(update_fields=["status", "superseded_at", "superseded_by"])
