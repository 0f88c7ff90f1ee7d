"""Many rows written at once: rows_write for rows nothing points at (their primary keys are not read back),
rows_insert_returning for the few that others point at (a document's tables), row_insert for one row with a long
text (the document).

On PostgreSQL the rows of several models go in one statement, each model's rows as one JSON document the server
reads with json_to_recordset, each INSERT in a data-modifying WITH: a document's lines, figures, checks and
indicator values cost one round trip, and the client encodes them with the json module's C encoder (COPY costs two
round trips per table; arrays of parameters are quoted value by value in Python). The documents are sent apart from
the statement (server-side binding), not quoted into it: neither the client escapes nor the server scans tens of
kilobytes of a literal; and read as json, not jsonb, which the server would build only to take apart. Elsewhere
(SQLite) bulk_create, model by model.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db import connection, connections, models

Rows = tuple[type[models.Model], Sequence[Mapping[str, Any]]]


def rows_write(*writes: Rows) -> None:
    """Each (model, rows): rows as {attname: value} as the model's attributes would hold them (`table_id`, Decimal,
    plain JSON); a field left out takes its default. Each model's rows are inserted in their order, in the caller's
    transaction; the models' rows must not point at one another (the WITH parts run in no set order)."""
    writes = tuple((model, rows) for model, rows in writes if rows)
    if not writes:
        return
    if connection.vendor != "postgresql":
        for model, rows in writes:
            model.objects.bulk_create([model(**row) for row in rows])
        return
    statements, params = zip(*(_insert(model, rows) for model, rows in writes), strict=True)
    *first, last = statements
    sql = last if not first else "WITH " + ", ".join(f"w{i} AS ({s})" for i, s in enumerate(first)) + " " + last
    with _bound_cursor() as cursor:
        cursor.execute(sql, params)


def rows_insert_returning(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Model instances of one model written in one statement, each given its primary key, for rows others point at
    (on PostgreSQL RETURNING gives the keys in the order of the rows, as Django's bulk_create reads them too)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects)
        return
    sql, payload = _insert(model, rows_of(model, objects))
    with _bound_cursor() as cursor:
        cursor.execute(f"{sql} RETURNING {connection.ops.quote_name(model._meta.pk.column)}", [payload])
        keys = [key for (key,) in cursor.fetchall()]
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding, obj._state.db = False, connection.alias


def row_insert(obj: models.Model) -> None:
    """One model instance written and given its primary key, as Model.save(force_insert=True) writes it, with its
    values bound on the server: for a row with a long text (a document's), which neither a JSON document nor a
    literal quoted into the statement need then carry."""
    model = type(obj)
    if connection.vendor != "postgresql":
        obj.save(force_insert=True)
        return
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in _fields(model)]
    with _bound_cursor() as cursor:
        cursor.execute(_values_sql(model, connection.alias), params)
        (obj.pk,) = cursor.fetchone()
    obj._state.adding, obj._state.db = False, connection.alias


@functools.cache
def _values_sql(model: type[models.Model], alias: str) -> str:
    quote = connections[alias].ops.quote_name
    fields = _fields(model)
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    return f"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING {pk}"


@functools.cache
def plain_select(
    model: type[models.Model], alias: str, *, equal: tuple[str, ...], null: tuple[str, ...] = (), order_by: str = ""
) -> tuple[list[str], str]:
    """(field names, SQL) of a query for a model's rows whose `equal` fields equal the parameters (%s each, in that
    order) and whose `null` fields are null, to read with model_rows: for a query run for each imported file, written
    once rather than compiled by the ORM each time. Only the columns the database returns as the model holds them are
    read (no converter: text, numbers, keys); the others (times; on SQLite booleans and decimals) are left deferred,
    loaded as the ORM loads them if asked for. Written once per model, database and conditions."""
    db = connections[alias]
    meta = model._meta
    fields = [
        f
        for f in meta.concrete_fields
        if f.primary_key or not (f.get_db_converters(db) or db.ops.get_db_converters(f.get_col(meta.db_table)))
    ]
    quote = db.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    conditions = [f"{column(name)} = %s" for name in equal] + [f"{column(name)} IS NULL" for name in null]
    sql = f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(meta.db_table)}"
    sql += f" WHERE {' AND '.join(conditions)}"
    if order_by:
        sql += f" ORDER BY {column(order_by)}"
    return [f.attname for f in fields], sql


def model_rows(model: type[models.Model], select: tuple[list, str], params: Sequence) -> list:
    """The model instances plain_select's query reads (as the ORM builds them: Model.from_db)."""
    names, sql = select
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [model.from_db(connection.alias, names, row) for row in cursor.fetchall()]


@contextmanager
def _bound_cursor() -> Iterator:
    """A cursor of Django's connection (its errors translated, its queries logged as any other) that binds the
    parameters on the server (Django's own cursors quote them into the statement)."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = ServerBindingCursor(connection.connection)
    cursor = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    try:
        yield cursor
    finally:
        cursor.close()


def rows_of(model: type[models.Model], objects: Sequence[models.Model]) -> list[dict[str, Any]]:
    """Model instances as rows_write's rows (their constructors have set the defaults)."""
    fields = _fields(model)
    return [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objects]


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


@functools.cache
def _attnames(model: type[models.Model]) -> frozenset[str]:
    return frozenset(f.attname for f in _fields(model))


def _insert(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    fields = _fields(model)
    names = _attnames(model)
    # A field left out of any row (compared as sets, in C: most rows have every field).
    absent = set().union(*(names - row.keys() for row in rows if not names <= row.keys()))
    missing = [f for f in fields if f.attname in absent]
    if missing:
        rows = [{f.attname: f.get_default() for f in missing} | dict(row) for row in rows]
    return _insert_sql(model, connection.alias), json.dumps(rows, default=_json_value, ensure_ascii=False)


@functools.cache
def _insert_sql(model: type[models.Model], alias: str) -> str:
    db = connections[alias]
    fields = _fields(model)
    names = ", ".join(db.ops.quote_name(f.attname) for f in fields)
    # Each value as its column's own type reads it from JSON text: a Decimal from its exact digits, jsonb as is.
    record = ", ".join(f"{db.ops.quote_name(f.attname)} {f.db_type(db)}" for f in fields)
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    table = db.ops.quote_name(model._meta.db_table)
    return f"INSERT INTO {table} ({columns}) SELECT {names} FROM json_to_recordset(%s::json) AS r({record})"


def _json_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):  # and datetime: ISO 8601, with its offset
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value rows_write knows")
