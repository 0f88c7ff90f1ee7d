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
    with connection.cursor() as cursor:
        cursor.execute(*data_version_bump_statement())
        data_version_bumped(rows=cursor.rowcount)


def data_version_bump_statement() -> tuple[str, list]:
    """The bump as one statement, (sql, params), for a writer that sends it with its own rows (the importer's last
    statement); it then hands the number of rows the statement changed to data_version_bumped. What
    DataVersion.objects.filter(pk=ROW).update(version=F("version") + 1) sends, without compiling it: an import bumps
    the version once per file, and compiling the update cost more than the database's work on it."""
    return _bump_sql(connection.alias), [ROW]


def data_version_bumped(*, rows: int) -> None:
    """After the bump statement: the row made where there was none (a new database) to bump."""
    if not rows:
        DataVersion.objects.get_or_create(pk=ROW, defaults={"version": 1})


@functools.cache
def _bump_sql(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    version = quote(DataVersion._meta.get_field("version").column)
    table, pk = quote(DataVersion._meta.db_table), quote(DataVersion._meta.pk.column)
    return f"UPDATE {table} SET {version} = {version} + 1 WHERE {pk} = %s"
