"""Many rows of one model written at once: PostgreSQL's COPY where the database is PostgreSQL (no SQL to build per
row, one round trip), bulk_create elsewhere. Primary keys are not read back: for rows nothing points at."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def rows_insert(model: type[models.Model], objects: Sequence[models.Model], *, batch_size: int = 1000) -> None:
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=batch_size)
        return
    from psycopg.types.json import Jsonb

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    # The attribute as the object holds it (COPY adapts str, int, Decimal, bool, datetime and None itself); JSON
    # wrapped for jsonb. Defaults are already on the objects: the models' constructors set them.
    names = [f.attname for f in fields]
    json = {i for i, f in enumerate(fields) if isinstance(f, models.JSONField)}
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            row = [getattr(obj, name) for name in names]
            for i in json:
                row[i] = Jsonb(row[i])
            copy.write_row(row)
