"""Many rows written at once: rows_write for rows nothing points at (their primary keys are not read back),
rows_copy for many such rows put into the database's form beforehand (rows_encode: a document's lines, in the
process that parsed it), row_insert for one row with a long text (the document) and the rows that point at it (its
tables), their keys read back.

On PostgreSQL the rows of several models go in one statement, each model's rows as one JSON document the server
reads with json_to_recordset, each INSERT in a data-modifying WITH: a document's lines, figures, checks and
indicator values cost one round trip, and the client encodes them with the json module's C encoder (COPY costs two
round trips per table; arrays of parameters are quoted value by value in Python). The documents are sent apart from
the statement (server-side binding), not quoted into it: neither the client escapes nor the server scans tens of
kilobytes of a literal; and read as json, not jsonb, which the server would build only to take apart. Elsewhere
(SQLite) bulk_create, model by model.

The lines of a document, most of its rows, go by COPY instead: two round trips, but the server reads COPY's text
at half the cost of the JSON (json_to_recordset lexes every character, COPY only splits fields) and stores the rows
several to a page at once (heap_multi_insert), and the text is made where the document was parsed.
"""

from __future__ import annotations

import datetime
import functools
import json
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, connections, models

Rows = tuple[type[models.Model], Sequence[Mapping[str, Any]]]


def rows_write(*writes: Rows, then: tuple[str, Sequence] | None = None) -> int | None:
    """Each (model, rows): rows as {attname: value} as the model's attributes would hold them (`table_id`, Decimal,
    plain JSON); a field left out takes its default. Each model's rows are inserted in their order, in the caller's
    transaction; the models' rows must not point at one another (the WITH parts run in no set order).

    `then`: one more statement (sql, params), an UPDATE of other rows, run with the inserts (on PostgreSQL in the
    same statement: one round trip less); the number of rows it changed is returned."""
    writes = tuple((model, rows) for model, rows in writes if rows)
    if connection.vendor != "postgresql":
        for model, rows in writes:
            model.objects.bulk_create([model(**row) for row in rows])
        if then is None:
            return None
        with connection.cursor() as cursor:
            cursor.execute(*then)
            return cursor.rowcount
    if not writes and then is None:
        return None
    statements, params = [], []
    for model, rows in writes:
        sql, payload = _insert(model, rows)
        statements.append(sql)
        params.append(payload)
    if then is not None:
        statements.append(then[0])
        params.extend(then[1])
    *first, last = statements
    sql = last if not first else "WITH " + ", ".join(f"w{i} AS ({s})" for i, s in enumerate(first)) + " " + last
    with _bound_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount if then is not None else None


@dataclass(frozen=True, slots=True)
class Encoded:
    """Rows of one model in the form the database reads them (rows_encode), but for the `given` columns, which the
    writer fills in (the keys of rows not written yet): on PostgreSQL each row's COPY text, elsewhere the rows."""

    model: type[models.Model]
    given: tuple[str, ...]
    rows: list


def rows_encode(model: type[models.Model], rows: Sequence[Mapping[str, Any]], *, given: tuple[str, ...]) -> Encoded:
    """Rows as rows_write takes them, without the `given` attributes, put into the database's form for rows_copy:
    in the process that parsed the document (no database is read), so that the writing process only adds the keys.
    A field left out takes its default, as in rows_write."""
    rows = _with_defaults(model, rows, given)
    if connection.vendor != "postgresql":
        return Encoded(model, given, list(rows))
    fields = [f for f in _fields(model) if f.attname not in given]
    values = operator.itemgetter(*(f.attname for f in fields))  # a row's values, as a tuple (two fields or more)
    encoders = [_copy_encoder(f) for f in fields]
    text = ["\t".join([encode(v) for encode, v in zip(encoders, values(row), strict=True)]) for row in rows]
    return Encoded(model, given, text)


def rows_copy(encoded: Encoded, given: Sequence[Sequence[Any]]) -> None:
    """Encoded rows written, each with its `given` values (in the order of encoded.given), in the caller's
    transaction: on PostgreSQL by one COPY."""
    if not encoded.rows:
        return
    model = encoded.model
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [
                model(**dict(zip(encoded.given, values, strict=True)), **row)
                for values, row in zip(given, encoded.rows, strict=True)
            ]
        )
        return
    keys = ("\t".join(map(str, values)) for values in given)  # numbers, written as they are
    data = "".join(f"{key}\t{row}\n" for key, row in zip(keys, encoded.rows, strict=True))
    sql = _copy_sql(model, encoded.given, connection.alias)
    connection.ensure_connection()
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.queries_logged:  # logged as the other statements are (CaptureQueriesContext, DEBUG)
            with cursor.debug_sql(sql), cursor.cursor.copy(sql) as copy:
                copy.write(data)
        else:
            with cursor.cursor.copy(sql) as copy:
                copy.write(data)


@functools.cache
def _copy_sql(model: type[models.Model], given: tuple[str, ...], alias: str) -> str:
    quote = connections[alias].ops.quote_name
    fields = _fields(model)
    ordered = [f for name in given for f in fields if f.attname == name] + [f for f in fields if f.attname not in given]
    return f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in ordered)}) FROM STDIN"


def _copy_encoder(field: models.Field) -> Callable[[Any], str]:
    """How COPY's text format gives a value of the field: one function per column, chosen once (a test of each
    value's type cost as much as the rest of the encoding)."""
    if isinstance(field, models.JSONField):
        encode = _copy_json
    elif isinstance(field, models.BooleanField):
        encode = _copy_bool
    elif isinstance(field, models.DecimalField):
        return _copy_decimal_or_null if field.null else _copy_decimal
    elif isinstance(field, models.IntegerField | models.ForeignKey):
        encode = str
    elif isinstance(field, models.CharField | models.TextField):
        encode = _copy_escaped
    else:
        raise TypeError(f"{type(field).__name__} is not a field rows_encode knows")
    if field.null:
        return functools.partial(_copy_nullable, encode)
    return encode


NULL = "\\N"


def _copy_nullable(encode: Callable[[Any], str], value: Any) -> str:
    return NULL if value is None else encode(value)


def _copy_bool(value: bool) -> str:
    return "t" if value else "f"


def _copy_decimal(value: Decimal) -> str:
    return format(value, "f")


def _copy_decimal_or_null(value: Decimal | None) -> str:
    # Most amount columns of a line are blank: one call, not two.
    return NULL if value is None else format(value, "f")


def _copy_escaped(value: str) -> str:
    """Text with COPY's escapes: a backslash, and the line and field separators."""
    if "\\" in value or "\n" in value or "\r" in value or "\t" in value:
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return value


def _copy_json(value: Any) -> str:
    # Most JSON columns of a line are a list of line numbers or an empty object: written as the encoder would.
    if type(value) is list and all(type(item) is int for item in value):
        return f"[{', '.join(map(str, value))}]"
    if type(value) is dict and not value:
        return "{}"
    return _copy_escaped(_json(value))


def row_insert(obj: models.Model, *, children: Sequence[Mapping[str, Any]] = (), child: Any = None) -> list[int]:
    """One model instance written and given its primary key, as Model.save(force_insert=True) writes it, with its
    values bound on the server: for a row with a long text (a document's), which neither a JSON document nor a
    literal quoted into the statement need then carry. With `children`, rows of the model `child` (a ForeignKey
    field pointing at obj's model, whose `position` orders them) written in the same statement: their keys are
    returned in their order."""
    model = type(obj)
    if connection.vendor != "postgresql":
        obj.save(force_insert=True)
        if not children:
            return []
        objects = child.model.objects.bulk_create([child.model(**{child.attname: obj.pk}, **row) for row in children])
        return [o.pk for o in objects]
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in _fields(model)]
    if children:
        sql = _with_children_sql(model, child, connection.alias)
        params.append(_payload(child.model, children, (child.attname,)))
    else:
        sql = _values_sql(model, connection.alias)
    with _bound_cursor() as cursor:
        cursor.execute(sql, params)
        obj.pk, *keys = cursor.fetchone()
    obj._state.adding, obj._state.db = False, connection.alias
    return keys[0] if keys else []


@functools.cache
def _values_sql(model: type[models.Model], alias: str) -> str:
    quote = connections[alias].ops.quote_name
    fields = _fields(model)
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    return f"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING {pk}"


@functools.cache
def _with_children_sql(model: type[models.Model], child: models.ForeignKey, alias: str) -> str:
    """The row, then its children given its key (the parent's CTE read as the `given` value), the keys of both
    read back: (parent key, [children's keys by position])."""
    quote = connections[alias].ops.quote_name
    pk, child_pk = quote(model._meta.pk.column), quote(child.model._meta.pk.column)
    position = quote(child.model._meta.get_field("position").column)
    children = _insert_sql(child.model, alias, child.attname)
    return (
        f"WITH parent AS ({_values_sql(model, alias)}), children AS ({children} RETURNING {child_pk}, {position}) "
        f"SELECT {pk}, ARRAY(SELECT {child_pk} FROM children ORDER BY {position}) FROM parent"
    )


@functools.cache
def plain_select(
    model: type[models.Model],
    alias: str,
    *,
    equal: tuple[str, ...],
    null: tuple[str, ...] = (),
    either: tuple[tuple[str, ...], ...] = (),
    order_by: str = "",
    defer: tuple[str, ...] = (),
    lock: bool = False,
) -> tuple[list[str], str]:
    """(field names, SQL) of a query for a model's rows whose `equal` fields equal the parameters (%s each, in that
    order) and whose `null` fields are null, and, with `either`, whose fields of one of its groups equal the
    parameters that follow (one group or another: `(("a",), ("b", "c"))` is a = %s OR (b = %s AND c = %s)), to read
    with model_rows: for a query run for each imported file, written once rather than compiled by the ORM each time.
    Only the columns the database returns as the model holds them are read (no converter: text, numbers, keys), and
    not the `defer` fields; the others (times; on SQLite booleans and decimals) are left deferred, loaded as the ORM
    loads them if asked for. With `lock`, the rows are locked until the transaction ends (FOR UPDATE, where the
    database has it). Written once per model, database and conditions."""
    db = connections[alias]
    meta = model._meta
    fields = plain_fields(model, alias, defer)
    quote = db.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    def all_equal(names: tuple[str, ...]) -> list[str]:
        return [f"{column(name)} = %s" for name in names]

    conditions = all_equal(equal) + [f"{column(name)} IS NULL" for name in null]
    if either:
        conditions.append("(" + " OR ".join(f"({' AND '.join(all_equal(group))})" for group in either) + ")")
    sql = f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(meta.db_table)}"
    sql += f" WHERE {' AND '.join(conditions)}"
    if order_by:
        sql += f" ORDER BY {column(order_by)}"
    if lock and db.features.has_select_for_update:
        sql += " FOR UPDATE"
    return [f.attname for f in fields], sql


def plain_fields(model: type[models.Model], alias: str, defer: tuple[str, ...] = ()) -> list[models.Field]:
    """The fields plain_select reads: the key, and those the database returns as the model holds them, but `defer`."""
    db = connections[alias]
    meta = model._meta
    return [
        f
        for f in meta.concrete_fields
        if f.primary_key
        or (f.name not in defer and not (f.get_db_converters(db) or db.ops.get_db_converters(f.get_col(meta.db_table))))
    ]


def model_rows(model: type[models.Model], select: tuple[list, str], params: Sequence) -> list:
    """The model instances plain_select's query reads (as the ORM builds them: Model.from_db)."""
    names, sql = select
    with written_once_cursor() as cursor:
        cursor.execute(sql, params)
        return [model.from_db(connection.alias, names, row) for row in cursor.fetchall()]


# Whether the statements written once are prepared on the server (statements_prepared).
_prepared = False


@contextmanager
def statements_prepared() -> Iterator[None]:
    """For a batch of imports on one connection: each statement written once (plain_select, row_insert,
    rows_write) is parsed and planned by PostgreSQL once, then only executed, which spared the server about an
    eighth of its work per imported file. Django leaves statements unprepared so that a connection pooler (one
    server connection per transaction) keeps working; an import batch already sets its own session
    (synchronous_commit) on the connection it holds for its length, and only within the batch are they prepared."""
    global _prepared
    previous, _prepared = _prepared, connection.vendor == "postgresql"
    try:
        yield
    finally:
        _prepared = previous
        raw = connection.connection
        if not previous and raw is not None and getattr(raw, "prepare_threshold", None) == _BY_REQUEST_ONLY:
            raw.prepare_threshold = None  # as Django made it


# A connection's prepare_threshold while statements are prepared: psycopg prepares none while it is None, whatever a
# cursor asks; this count of executions is never reached, so only the cursors that ask prepare (_preparing_cursor).
_BY_REQUEST_ONLY = 2**31


def written_once_cursor():
    """The cursor for a statement written once: in an import batch on PostgreSQL, one that binds its parameters
    on the server and prepares the statement (statements_prepared); else Django's own."""
    return _bound_cursor() if _prepared else connection.cursor()


@contextmanager
def _bound_cursor() -> Iterator:
    """A cursor of Django's connection (its errors translated, its queries logged as any other) that binds the
    parameters on the server (Django's own cursors quote them into the statement); in an import batch, one that
    prepares its statements too."""
    connection.ensure_connection()
    if _prepared and connection.connection.prepare_threshold is None:
        connection.connection.prepare_threshold = _BY_REQUEST_ONLY
    raw = (_preparing_cursor() if _prepared else _server_binding_cursor())(connection.connection)
    cursor = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    try:
        yield cursor
    finally:
        cursor.close()


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


@functools.cache
def _attnames(model: type[models.Model]) -> frozenset[str]:
    return frozenset(f.attname for f in _fields(model))


def _with_defaults(
    model: type[models.Model], rows: Sequence[Mapping[str, Any]], given: tuple[str, ...] = ()
) -> Sequence[Mapping[str, Any]]:
    """The rows with a default for each field left out of any row but the `given` ones (compared as sets, in C: most
    rows have every field)."""
    names = _attnames(model).difference(given)
    absent = set().union(*(names - row.keys() for row in rows if not names <= row.keys()))
    missing = [f for f in _fields(model) if f.attname in absent]
    if missing:
        rows = [{f.attname: f.get_default() for f in missing} | dict(row) for row in rows]
    return rows


def _insert(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    return _insert_sql(model, connection.alias), _payload(model, rows)


def _payload(model: type[models.Model], rows: Sequence[Mapping[str, Any]], given: tuple[str, ...] = ()) -> str:
    return _json(_with_defaults(model, rows, given))


@functools.cache
def _insert_sql(model: type[models.Model], alias: str, parent: str = "") -> str:
    """The INSERT of rows read from one JSON parameter; with `parent` (a foreign key's attribute name), that column
    is left out of the rows and read from a row named `parent`, the one it points at (its key)."""
    db = connections[alias]
    quote = db.ops.quote_name
    fields = [f for f in _fields(model) if f.attname != parent]
    names = ", ".join(quote(f.attname) for f in fields)
    # Each value as its column's own type reads it from JSON text: a Decimal from its exact digits, jsonb as is.
    record = ", ".join(f"{quote(f.attname)} {f.db_type(db)}" for f in fields)
    source = f"json_to_recordset(%s::json) AS r({record})"
    if parent:
        key = model._meta.get_field(parent)
        fields.insert(0, key)
        names = f"parent.{quote(key.target_field.column)}, {names}"
        source = f"parent, {source}"
    columns = ", ".join(quote(f.column) for f in fields)
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT {names} FROM {source}"


def _json_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):  # and datetime: ISO 8601, with its offset
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value rows_write knows")


# One encoder for every value: json.dumps with options builds a new one each call, which cost more than the encoding
# of a line's small JSON columns.
_json = json.JSONEncoder(default=_json_value, ensure_ascii=False).encode


def _server_binding_cursor() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor

    return ServerBindingCursor


@functools.cache  # one class, made when first asked for (the module is imported where psycopg may be absent)
def _preparing_cursor() -> type:
    class PreparingCursor(_server_binding_cursor()):
        """Prepares every statement it executes (Django's connections prepare none: prepare_threshold None)."""

        def execute(self, query, params=None, *, prepare=None, **kwargs):
            return super().execute(query, params, prepare=True if prepare is None else prepare, **kwargs)

    return PreparingCursor
