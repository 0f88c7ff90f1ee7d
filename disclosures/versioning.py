"""The data version: one number that changes whenever what the public pages show changes.

`data_version_bump` is called inside the transaction that makes the change (imports, restores, denominators, admin
edits), so the new number is visible exactly when the change is; `data_version_get` is one primary-key read.
"""

from __future__ import annotations

from django.db.models import F

from .models import DataVersion

ROW = 1


def data_version_get() -> int:
    return DataVersion.objects.filter(pk=ROW).values_list("version", flat=True).first() or 0


def data_version_bump() -> None:
    if not DataVersion.objects.filter(pk=ROW).update(version=F("version") + 1):
        DataVersion.objects.get_or_create(pk=ROW, defaults={"version": 1})
