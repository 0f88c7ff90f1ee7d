"""Many rows written at once, for rows nothing points at (their primary keys are not read back).

On PostgreSQL the rows of several models go in one statement: one INSERT … SELECT FROM unnest(…) per model, each in
a data-modifying WITH, so a document's lines, figures, checks and indicator values cost one round trip, and the
server parses one array per column rather than one literal per value. Elsewhere (SQLite) bulk_create, model by model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models

Rows = tuple[type[models.Model], Sequence[Mapping[str, Any]]]

# Rows per statement: client-side binding (Django's default) has no limit on parameters, but a statement stays a
# size the server parses without a second thought.
BATCH = 2000


def rows_write(*writes: Rows) -> None:
    """Each (model, rows): rows as {attname: value} as the model's attributes would hold them (`table_id`, Decimal,
    plain JSON); a field left out takes its default. Written in the order given, in the caller's transaction."""
    writes = tuple((model, rows) for model, rows in writes if rows)
    if not writes:
        return
    if connection.vendor != "postgresql":
        for model, rows in writes:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        return
    statements, params = [], []
    for model, rows in writes:
        for start in range(0, len(rows), BATCH):
            sql, values = _insert(model, rows[start : start + BATCH])
            statements.append(sql)
            params.extend(values)
    *first, last = statements
    sql = last if not first else "WITH " + ", ".join(f"w{i} AS ({s})" for i, s in enumerate(first)) + " " + last
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def rows_insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Model instances of one model, written as rows_write writes rows."""
    rows_write((model, rows_of(model, objects)))


def rows_of(model: type[models.Model], objects: Sequence[models.Model]) -> list[dict[str, Any]]:
    """Model instances as rows_write's rows (their constructors have set the defaults)."""
    fields = _fields(model)
    return [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objects]


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _insert(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> tuple[str, list]:
    from psycopg.types.json import Jsonb

    quote = connection.ops.quote_name
    columns, arrays, types = [], [], []
    for field in _fields(model):
        name = field.attname
        default = field.get_default() if any(name not in row for row in rows) else None
        values = [row.get(name, default) for row in rows]
        if isinstance(field, models.JSONField):
            values = [None if v is None else Jsonb(v) for v in values]
        columns.append(quote(field.column))
        arrays.append(values)
        # The column's own type (a foreign key's is its target's): unnest then hands each value over unchanged.
        types.append(f"%s::{field.rel_db_type(connection) if field.is_relation else field.db_type(connection)}[]")
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) SELECT * FROM unnest({', '.join(types)})"
    return sql, arrays
