"""The data version: one number that changes whenever what the public pages show changes.

`data_version_bump` is called inside the transaction that makes the change (imports, restores, denominators, admin
edits), so the new number is visible exactly when the change is; `data_version_get` is one primary-key read.
"""

from __future__ import annotations

import functools

from django.db import connection, connections

from .models import DataVersion

ROW = 1


def data_version_get() -> int:
    return DataVersion.objects.filter(pk=ROW).values_list("version", flat=True).first() or 0


def data_version_bump() -> None:
    # What DataVersion.objects.filter(pk=ROW).update(version=F("version") + 1) sends, without compiling it: an
    # import bumps the version once per file, and compiling the update cost more than the database's work on it.
    with connection.cursor() as cursor:
        cursor.execute(_bump_sql(connection.alias), [ROW])
        bumped = cursor.rowcount
    if not bumped:
        DataVersion.objects.get_or_create(pk=ROW, defaults={"version": 1})


@functools.cache
def _bump_sql(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    version = quote(DataVersion._meta.get_field("version").column)
    table, pk = quote(DataVersion._meta.db_table), quote(DataVersion._meta.pk.column)
    return f"UPDATE {table} SET {version} = {version} + 1 WHERE {pk} = %s"
