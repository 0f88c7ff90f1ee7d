"""Import one disclosure: validate everything first, then write all of it in one transaction, or nothing.

The rows themselves are built by import_rows.py, where the file is parsed (a worker process with --jobs), and
written by import_writes.py.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import Error, IntegrityError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from disclosures.models import Bureau, BureauAlias, Disclosure, Region
from disclosures.parsing import ParseBudget, parse_disclosure
from disclosures.parsing.bureau_names import body_key
from disclosures.parsing.meta_publisher import is_medical_security_body
from disclosures.parsing.pdf import is_pdf
from disclosures.parsing.reading import read_disclosure
from disclosures.parsing.types import DisclosureError, Kind, ParseResult, Scope, Severity
from disclosures.parsing.wording import phrase, term
from disclosures.selectors.regions import region_places, region_resolve, regions_in_memory
from disclosures.versioning import data_version_bump
from disclosures.vocabulary import ImportStatus

from .bulk import model_rows, plain_fields, plain_select, statements_prepared, written_once_cursor
from .import_rows import DocumentRows, document_rows
from .import_writes import disclosure_write

log = logging.getLogger(__name__)
CURRENT = str(Disclosure.Status.CURRENT)


@dataclass(frozen=True)
class Overrides:
    """What the user states because the text does not (or states wrongly)."""

    region_code: str | None = None
    year: int | None = None
    kind: str | None = None  # budget / final
    scope: str | None = None  # department / unit
    publisher: str | None = None


@dataclass
class Prepared:
    """A parsed, validated document, ready to write: nothing in the database has changed yet."""

    filename: str
    sha256: str
    text: str
    result: ParseResult
    rows: DocumentRows
    region: Region | None  # None only when checking a document whose region cannot be told
    publisher: str
    existing: Disclosure | None = None  # the same bytes, already stored
    current: Disclosure | None = None  # another version for the same bureau, year, kind and scope
    bureau: Bureau | None = None

    @property
    def unchanged(self) -> bool:
        return self.existing is not None and self.existing.status == Disclosure.Status.CURRENT

    @property
    def needs_confirmation(self) -> bool:
        """Saving would replace the current version, or restore an older one."""
        return not self.unchanged and (self.existing is not None or self.current is not None)


@dataclass
class ImportOutcome:
    filename: str
    status: ImportStatus
    disclosure: Disclosure | None = None
    error: str = ""
    line: int | None = None
    prepared: Prepared | None = None
    replaced: list[Disclosure] = field(default_factory=list)
    remedy: str | None = None  # for errors: what the user can do (see disclosures/remedies.py)
    skipped: str = ""  # for skipped: "superseded" (this file, replaced since) or "other_version" (another is current)
    refusal: DisclosureError | None = None  # for errors: the refusal, to word in the reader's language

    @classmethod
    def refused(cls, filename: str, refusal: DisclosureError) -> ImportOutcome:
        """`error` in Chinese for the import record; `refusal` for a page to word in its reader's language."""
        return cls(
            filename,
            ImportStatus.ERROR,
            error=refusal.message,
            line=refusal.line,
            remedy=refusal.remedy,
            refusal=refusal,
        )


class ImportRefused(DisclosureError):
    """A prepared import that may not be written as asked (another version exists and no replace was asked for).
    `remedy` names what the user can do; worded like a DisclosureError."""


def _apply_overrides(result: ParseResult, overrides: Overrides) -> None:
    meta = result.meta
    if overrides.year:
        meta.year = overrides.year
    if overrides.kind:
        meta.kind = Kind(overrides.kind)
    if overrides.scope:
        meta.scope = Scope(overrides.scope)
    if overrides.publisher:
        meta.publisher = overrides.publisher


def _require_meta(result: ParseResult) -> None:
    meta = result.meta
    if _no_disclosure(result):
        raise DisclosureError(
            gettext_noop(
                "不是预算或决算公开文件：文中没有一张预算或决算表（如“收入支出总表”“支出总表”），也没有写明是哪一年"
                "部门预算或决算的标题。本站导入的是医疗保障部门公开的部门（单位）预算、决算文件，连同其中的表格。"
            )
        )
    # A truncated file explains every other gap, so it is reported first.
    errors = sorted(
        (p for p in result.problems if p.severity == Severity.ERROR), key=lambda p: p.code not in ("truncated",)
    )
    if errors:
        first = errors[0]
        raise DisclosureError.of_problem(first)
    missing = [
        (meta.year is None, gettext_noop("年度"), "year"),
        (meta.kind is None, gettext_noop("预算或决算"), "kind"),
        (meta.scope is None, gettext_noop("部门或单位"), "scope"),
    ]
    absent = [(label, remedy) for gone, label, remedy in missing if gone]
    if absent:
        if not _looks_whole(result):
            raise DisclosureError(
                gettext_noop(
                    "内容不全：这不是一份完整的预决算公开（没有标题或封面说明它是哪一年的预算或决算，"
                    "只读到 %(tables)s 张表）。请导入完整的文件。"
                ),
                {"tables": str(len(result.tables))},
            )
        remedy = absent[0][1] if len(absent) == 1 else "meta"
        raise DisclosureError(
            gettext_noop("从文中无法判断%(what)s。"),
            {"what": [term(label) for label, _ in absent]},
            remedy=remedy,
        )
    if meta.unit not in ("元", "万元"):
        raise DisclosureError(gettext_noop("无法判断金额单位：文中应有“单位：元”或“单位：万元”。"))
    if not 1990 <= meta.year <= 2100:
        raise DisclosureError(
            gettext_noop("年度 %(year)s 不合理：应为 1990 至 2100 之间的年份。"),
            {"year": str(meta.year)},
            line=meta.lines.get("year"),
        )
    _require_storable_amounts(result)
    if not result.lines:
        raise DisclosureError(
            gettext_noop(
                "不是预决算公开文本：没有读到任何预算行（应有“支出总表”等表格，或“（类）（款）（项）……万元”的说明）。"
            ),
            line=_first_table_title(result),
        )


def _no_disclosure(result: ParseResult) -> bool:
    """No budget table, no budget line (a table's row, or a 决算 sentence "（类）（款）（项）……万元"), no title that
    names a budget or final account, and no "单位：万元" (printed above every table, so rows cut from their title
    still have one): whatever the file is (meeting notes, a letter), it is no disclosure, not a piece of one."""
    return not result.tables and not result.lines and not result.meta.title and result.meta.unit is None


def _looks_whole(result: ParseResult) -> bool:
    """A whole disclosure has a title that names it, or several of the standard tables; a piece of one has neither."""
    return bool(result.meta.title) or len({t.key for t in result.tables}) >= 3


def _first_table_title(result: ParseResult) -> int | None:
    """The line of the first table title the parser recognised, when it read no row under it."""
    return result.tables[0].start_line if result.tables else None


# The columns hold 16 digits before the point (numeric(18,2) 元; numeric(20,4) for stated figures).
AMOUNT_LIMIT = Decimal(10) ** 16


def _require_storable_amounts(result: ParseResult) -> None:
    """No county budget line reaches 10^16 元: a longer number is an extraction error, refused with its line."""
    for line in result.lines:
        for value in line.amounts.values():
            if abs(value) >= AMOUNT_LIMIT:
                raise DisclosureError(
                    gettext_noop("金额 %(value)s 位数过多（应小于 10^16 元）：可能是两个单元格被提取成了一个数字。"),
                    {"value": f"{value:f}"},
                    line=min(line.source_lines, default=None),
                )
    for figure in result.figures:
        if abs(figure.value) >= AMOUNT_LIMIT:
            raise DisclosureError(
                gettext_noop("数字 %(value)s 位数过多：可能是提取错误。"),
                {"value": f"{figure.value:f}"},
                line=figure.line,
            )


def _region_for(result: ParseResult, overrides: Overrides, text: str) -> Region:
    if overrides.region_code:
        try:
            return Region.objects.select_related("parent__parent").get(code=overrides.region_code)
        except Region.DoesNotExist:
            raise DisclosureError(
                gettext_noop("区划代码 %(code)s 不在全国行政区划表中。"),
                {"code": overrides.region_code},
                remedy="region",
            ) from None
    publisher = result.meta.publisher
    if not publisher:
        raise DisclosureError(
            gettext_noop("无法从文中判断发布单位（封面、“编制部门：”或标题中的单位全称）。"), remedy="publisher"
        )
    match = region_resolve(publisher=publisher, context=text[:20000])
    if match.region is None:
        if match.candidates:
            raise DisclosureError(
                gettext_noop("“%(place)s”对应多个地区：%(options)s。"),
                {"place": match.place, "options": [f"{r.full_name} {r.code}" for r in match.candidates]},
                line=result.meta.lines.get("publisher"),
                remedy="region",
            )
        raise DisclosureError(
            gettext_noop("在全国行政区划表中找不到“%(place)s”。"),
            {"place": match.place or publisher},
            line=result.meta.lines.get("publisher"),
            remedy="region",
        )
    return match.region


def _find_bureau(region: Region, names: list[str]) -> Bureau | None:
    """The county's bureau that a name stands for, however it is spelled (with or without its prefecture, 医保局 for
    医疗保障局, full-width or half-width); the 局 and its 经办中心 are two bureaus."""
    places = region_places(region=region)
    wanted = {body_key(name, places) for name in names}
    for bureau, aliases in _bureaus_of(region):
        if any(body_key(spelling, places) in wanted for spelling in (bureau.name, *aliases)):
            bureau.region = region  # its own: what the import record and the pages read of it
            return bureau
    return None


def _bureaus_of(region: Region) -> list[tuple[Bureau, list[str]]]:
    """The region's bureaus (not merged into another), by key, each with the other names it is known by: one
    statement written once, for what the ORM compiled as two queries (the bureaus, then their aliases) for each file,
    at a cost greater than the database's work on them."""
    names, sql = _bureaus_sql(connection.alias)
    bureaus: dict[int, tuple[Bureau, list[str]]] = {}
    with written_once_cursor() as cursor:
        cursor.execute(sql, [region.pk])
        for *values, alias in cursor.fetchall():
            key = values[0]
            if key not in bureaus:
                bureaus[key] = (Bureau.from_db(connection.alias, names, values), [])
            if alias is not None:
                bureaus[key][1].append(alias)
    return list(bureaus.values())


@functools.cache
def _bureaus_sql(alias: str) -> tuple[list[str], str]:
    """The bureaus of a region (%s) not merged into another, by key, each row with one of its aliases' names (a
    bureau without one: a row with NULL); the bureau columns as bulk.plain_select reads them."""
    quote = connections[alias].ops.quote_name
    fields = plain_fields(Bureau, alias)
    bureaus, aliases = quote(Bureau._meta.db_table), quote(BureauAlias._meta.db_table)

    def column(table: str, model: type, name: str) -> str:
        return f"{table}.{quote(model._meta.get_field(name).column)}"

    sql = (
        f"SELECT {', '.join(f'{bureaus}.{quote(f.column)}' for f in fields)}, {column(aliases, BureauAlias, 'name')}"
        f" FROM {bureaus} LEFT JOIN {aliases}"
        f" ON {column(aliases, BureauAlias, 'bureau')} = {column(bureaus, Bureau, 'id')}"
        f" WHERE {column(bureaus, Bureau, 'region')} = %s AND {column(bureaus, Bureau, 'merged_into')} IS NULL"
        f" ORDER BY {column(bureaus, Bureau, 'id')}, {column(aliases, BureauAlias, 'id')}"
    )
    return [f.attname for f in fields], sql


def disclosure_read(*, data: bytes) -> tuple[str, str]:
    """(the text the parsers read, the document's fingerprint). A PDF is its bytes; a text file is its text, so the
    same text saved as GBK or UTF-8, with CRLF or LF line ends, is the same document."""
    text = read_disclosure(
        data, max_bytes=settings.DISCLOSURE_MAX_BYTES, max_pdf_bytes=settings.DISCLOSURE_MAX_PDF_BYTES
    )
    fingerprint = hashlib.sha256(data if is_pdf(data) else text.encode("utf-8")).hexdigest()
    return text, fingerprint


def _current_locked(bureau: Bureau, *, year: int, kind: str, scope: str) -> Disclosure | None:
    """The bureau's current version for a year, kind and scope, its row locked until commit."""
    select = plain_select(
        Disclosure,
        connection.alias,
        equal=("bureau", "fiscal_year", "kind", "scope", "status"),
        defer=("source_text",),
        lock=True,
    )
    [current] = _versions(bureau, select, [year, kind, scope, CURRENT]) or [None]
    return current


def _look_up(prepared: Prepared) -> None:
    """Find the bureau, the same file already stored, and the current version: again before each save attempt."""
    meta = prepared.result.meta
    bureau = _find_bureau(prepared.region, [prepared.publisher, *meta.other_names])
    existing = current = None
    if bureau is not None:
        # The same bytes (the first stored), and the current version of the year, kind and scope: one query.
        select = plain_select(
            Disclosure,
            connection.alias,
            equal=("bureau",),
            either=(("sha256",), ("fiscal_year", "kind", "scope", "status")),
            order_by="id",
            defer=("source_text",),
        )
        year, kind, scope = meta.year, meta.kind.value, meta.scope.value
        versions = _versions(bureau, select, [prepared.sha256, year, kind, scope, CURRENT])
        existing = next((d for d in versions if d.sha256 == prepared.sha256), None)
        wanted = (year, kind, scope, CURRENT)
        current = next((d for d in versions if (d.fiscal_year, d.kind, d.scope, d.status) == wanted), None)
    prepared.bureau, prepared.existing, prepared.current = bureau, existing, current


def _versions(bureau: Bureau, select: tuple[list[str], str], params: list) -> list[Disclosure]:
    """The bureau's documents a plain_select of Disclosure (its first condition the bureau) reads, each holding the
    bureau (and its region) in hand; their texts are not read."""
    versions = model_rows(Disclosure, select, [bureau.pk, *params])
    for version in versions:
        version.bureau = bureau
    return versions


def disclosure_look_up(*, prepared: Prepared) -> None:
    """Look the bureau, the same file and the current version up again (another import may have written since)."""
    _look_up(prepared)


@dataclass
class Parsed:
    """A file read, parsed and checked for what its text alone tells (year, kind, unit, storable amounts), and the
    rows it would write: no database yet, so a worker process can make it (disclosure_parse) and the importer go on
    from it."""

    filename: str
    sha256: str
    text: str
    result: ParseResult
    rows: DocumentRows


def disclosure_parse(*, data: bytes, filename: str, overrides: Overrides | None = None) -> Parsed:
    """The part of disclosure_prepare that reads no database. Raises DisclosureError with the line where one
    applies."""
    text, fingerprint = disclosure_read(data=data)
    return _parse_text(text=text, sha256=fingerprint, filename=filename, overrides=overrides or Overrides())


def _parse_text(*, text: str, sha256: str, filename: str, overrides: Overrides) -> Parsed:
    result = parse_disclosure(text, budget=ParseBudget(settings.DISCLOSURE_PARSE_SECONDS))
    _apply_overrides(result, overrides)
    _require_meta(result)
    return Parsed(filename=filename, sha256=sha256, text=text, result=result, rows=document_rows(result))


def disclosure_prepare(*, data: bytes, filename: str, overrides: Overrides, check: bool) -> Prepared:
    """Read, parse and validate a file without writing. Raises DisclosureError with the line where one applies.
    With `check`, any department's disclosure is read and checked, its region only where it can be told."""
    parsed = disclosure_parse(data=data, filename=filename, overrides=overrides)
    return _prepare(parsed, overrides=overrides, check=check)


def disclosure_prepare_text(*, text: str, sha256: str, filename: str, overrides: Overrides) -> Prepared:
    """disclosure_prepare for a text already read (the upload page keeps the text between preview and save), to be
    saved: a file only checked is never saved."""
    parsed = _parse_text(text=text, sha256=sha256, filename=filename, overrides=overrides)
    return _prepare(parsed, overrides=overrides, check=False)


def _prepare(parsed: Parsed, *, overrides: Overrides, check: bool) -> Prepared:
    """What the database tells of a parsed file: its region, its bureau, the same file or another version."""
    result, text = parsed.result, parsed.text
    publisher = result.meta.publisher
    if check:
        try:
            region = _region_for(result, overrides, text)
        except DisclosureError:
            region = None
        return _prepared(parsed, region=region, publisher=publisher or "")
    if publisher and not is_medical_security_body(publisher):
        raise DisclosureError(
            gettext_noop(
                "发布单位是“%(publisher)s”，不是医疗保障部门（医疗保障局、医保经办或服务中心等）：本站只收医疗保障部门的"
                "预决算公开，没有导入。"
            ),
            {"publisher": publisher},
            line=result.meta.lines.get("publisher"),
            remedy="check",
        )
    region = _region_for(result, overrides, text)
    if not publisher:
        raise DisclosureError(
            gettext_noop("无法从文中判断发布单位（封面、“编制部门：”或标题中的单位全称）。"), remedy="publisher"
        )
    prepared = _prepared(parsed, region=region, publisher=publisher)
    _look_up(prepared)
    return prepared


def _prepared(parsed: Parsed, *, region: Region | None, publisher: str) -> Prepared:
    """The parsed file with its region and publisher, for checking or for the look-up that follows."""
    return Prepared(
        filename=parsed.filename,
        sha256=parsed.sha256,
        text=parsed.text,
        result=parsed.result,
        rows=parsed.rows,
        region=region,
        publisher=publisher,
    )


def _supersede(
    current: Disclosure | None, *, successor: Callable[[], Disclosure]
) -> tuple[Disclosure, list[Disclosure]]:
    """The current version (if any) superseded, then `successor` made current, then the old one pointed at it:
    in that order, since only one version of a bureau's year, kind and scope may be current at a time."""
    replaced = []
    if current is not None:
        current.status, current.superseded_at = Disclosure.Status.SUPERSEDED, timezone.now()
        current.save(update_fields=["status", "superseded_at"])
        replaced.append(current)
    disclosure = successor()
    for version in replaced:
        version.superseded_by = disclosure
        version.save(update_fields=["superseded_by"])
    return disclosure, replaced


def _restore(prepared: Prepared) -> ImportOutcome:
    """The file is an older, superseded version: make it current again and supersede the one that replaced it.

    The stored version keeps what it was stored as (bureau, year, kind, scope): the version it takes over from is
    the current one of that stored identity, locked, whatever the options given this time say."""
    old = Disclosure.objects.select_for_update().select_related("bureau__region").get(pk=prepared.existing.pk)
    if old.status == Disclosure.Status.CURRENT:  # restored meanwhile by another import
        return ImportOutcome(prepared.filename, ImportStatus.UNCHANGED, disclosure=old, prepared=prepared)
    current = _current_locked(old.bureau, year=old.fiscal_year, kind=old.kind, scope=old.scope)

    def revive() -> Disclosure:
        old.status, old.superseded_at, old.superseded_by = Disclosure.Status.CURRENT, None, None
        old.save(update_fields=["status", "superseded_at", "superseded_by"])
        return old

    _, replaced = _supersede(current, successor=revive)
    data_version_bump()
    _comparisons_follow(old)
    return ImportOutcome(prepared.filename, ImportStatus.REPLACED, disclosure=old, prepared=prepared, replaced=replaced)


def _comparisons_follow(disclosure: Disclosure) -> None:
    """After the version's change and the data version's bump: the comparison pages rank the current version (the
    flag on the stored indicator values), and only its year and kind's slice summaries are to be written again."""
    from comparisons.services import indicator_values_rank, slice_summaries_carry

    indicator_values_rank(bureau_id=disclosure.bureau_id, year=disclosure.fiscal_year, kind=disclosure.kind)
    slice_summaries_carry(year=disclosure.fiscal_year, kind=disclosure.kind)


def _save_once(prepared: Prepared, *, replace: bool, user) -> ImportOutcome:
    """One attempt, in one transaction, deciding on what the database holds now (the current version locked)."""
    with transaction.atomic():
        existing = prepared.existing
        if existing is not None:
            existing.refresh_from_db(fields=["status"])
        if existing is not None and existing.status == Disclosure.Status.CURRENT:
            return ImportOutcome(prepared.filename, ImportStatus.UNCHANGED, disclosure=existing, prepared=prepared)
        if existing is not None:
            if not replace:
                raise ImportRefused(
                    gettext_noop("这是 %(document)s 已被替换的旧版本（%(when)s 导入）。"),
                    _version_params(existing),
                    remedy="restore",
                )
            return _restore(prepared)
        meta = prepared.result.meta
        current = None
        if prepared.bureau is not None:
            current = _current_locked(prepared.bureau, year=meta.year, kind=meta.kind.value, scope=meta.scope.value)
        if current is not None and not replace:
            raise ImportRefused(
                gettext_noop("%(document)s 已有另一版本（%(when)s 导入）。"), _version_params(current), remedy="replace"
            )
        disclosure, replaced = _supersede(current, successor=lambda: disclosure_write(prepared, user=user))
    status = ImportStatus.REPLACED if replaced else ImportStatus.IMPORTED
    return ImportOutcome(prepared.filename, status, disclosure=disclosure, prepared=prepared, replaced=replaced)


def disclosure_save(*, prepared: Prepared, replace: bool = False, user=None) -> ImportOutcome:
    """Write a prepared document. The same bytes again: unchanged. Another version: replaced only with replace=True.

    The bytes of a superseded version are that version: with replace=True it becomes current again (nothing is
    stored twice); without, the user is told which version is current. Another import that commits between the
    look-up and the write (the same file, or another version) makes the write fail on a unique constraint: the
    look-up and the save are then tried once more, so the same file racing itself ends `unchanged`.
    """
    for attempt in (1, 2):
        try:
            return _save_once(prepared, replace=replace, user=user)
        except IntegrityError as exc:
            if attempt == 2:
                raise ImportRefused(
                    gettext_noop("同一文件或同一版本刚被另一次导入写入，本次没有写入任何数据；请稍后再试。")
                ) from exc
            _look_up(prepared)
        except Error as exc:
            raise ImportRefused(*_database_message(exc)) from exc
    raise AssertionError("unreachable")


def _when(moment) -> str:
    """A stored time as the pages show it: in the site's time zone (Asia/Shanghai), never UTC."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _version_params(version: Disclosure) -> dict:
    """A stored version named as a refusal names it: the bureau, then its year and kind in the reader's words."""
    with translation.override(settings.LANGUAGE_CODE):  # the Chinese label is the msgid the reader's words come from
        kind = str(version.kind_label)
    label = phrase("document.year_kind", year=str(version.fiscal_year), kind=term(kind))
    return {
        "document": phrase("document.named", bureau=version.bureau.name, label=label),
        "when": _when(version.imported_at),
    }


def _database_message(exc: Exception) -> tuple[str, dict]:
    return (
        gettext_noop("数据库无法访问或拒绝了写入（%(error)s），本次没有写入任何数据；请稍后再试。"),
        {"error": type(exc).__name__},
    )


def _already_present(prepared: Prepared) -> ImportOutcome | None:
    """A file that only a replace could save; the same file, current, is simply unchanged."""
    if prepared.unchanged:
        return None
    for stored, reason in ((prepared.existing, "superseded"), (prepared.current, "other_version")):
        if stored is not None:
            return ImportOutcome(
                prepared.filename, ImportStatus.SKIPPED, disclosure=stored, prepared=prepared, skipped=reason
            )
    return None


def disclosure_import(
    *,
    data: bytes | None = None,
    filename: str,
    overrides: Overrides | None = None,
    replace: bool = False,
    check: bool = False,
    skip_existing: bool = False,
    user=None,
    parsed: Parsed | ImportOutcome | None = None,
) -> ImportOutcome:
    """Prepare and save one file (with `check`, prepare only: status "checked"); every failure becomes an outcome
    with status "error" and nothing written, an unexpected one too (its detail goes to the log).

    With `skip_existing` (never with `replace`), a file stored before and superseded since, or one whose bureau,
    year, kind and scope have another current version, is "skipped": nothing is written, and that is no error.

    `parsed`, instead of `data`: what disclosure_file_parse made of the file (in a worker process), the file's own
    outcome when that failed."""
    if isinstance(parsed, ImportOutcome):
        return parsed
    try:
        if parsed is None:
            parsed = disclosure_parse(data=data, filename=filename, overrides=overrides)
        prepared = _prepare(parsed, overrides=overrides or Overrides(), check=check)
        if check:
            return ImportOutcome(filename, ImportStatus.CHECKED, prepared=prepared, disclosure=prepared.existing)
        if skip_existing and not replace and (skipped := _already_present(prepared)):
            return skipped
        return disclosure_save(prepared=prepared, replace=replace, user=user)
    except DisclosureError as exc:  # ImportRefused too
        return ImportOutcome.refused(filename, exc)
    except Error as exc:  # the database is unreachable while the file is looked up: one message, no traceback
        return ImportOutcome.refused(filename, DisclosureError(*_database_message(exc)))
    except Exception:
        return _failed(filename)


def disclosure_file_parse(*, data: bytes, filename: str, overrides: Overrides | None = None) -> Parsed | ImportOutcome:
    """disclosure_parse without raising, for a worker process: a file that cannot be imported whatever the database
    holds comes back as its outcome, the one disclosure_import would give it."""
    try:
        parsed = disclosure_parse(data=data, filename=filename, overrides=overrides)
    except DisclosureError as exc:
        return ImportOutcome.refused(filename, exc)
    except Exception:
        return _failed(filename)
    # The prose passages and the totals kept for the checks are the parser's working state, which nothing after
    # parse_disclosure reads: left behind, they are half of what a worker would send back. The lines go back as the
    # rows they write (parsed.rows: their count and summary too), which cost the writing process a tenth of the
    # parsed lines to receive.
    parsed.result.passages, parsed.result.decided_totals, parsed.result.lines = [], None, []
    return parsed


class ImportBatch:
    """What a batch knows of itself: how many documents it has written, and whether the server's statistics of the
    tables it writes still describe them (refresh_statistics)."""

    # Checked at 100 documents written, then at each doubling: a handful of cheap reads in any batch.
    FIRST_CHECK = 100

    def __init__(self) -> None:
        self.imported = 0
        self._next_check = self.FIRST_CHECK

    def file_done(self, outcome: ImportOutcome) -> None:
        """Called after each file of the batch. Inside a transaction of several files (generate_demo's) the file is
        only counted: the check waits for between_transactions."""
        if outcome.status == ImportStatus.IMPORTED:
            self.imported += 1
        self.between_transactions()

    def between_transactions(self) -> None:
        """The statistics checked (refresh_statistics) once the batch has written 100 documents, then at each
        doubling; never inside a transaction, whose own rows the statistics would not count yet."""
        if self.imported < self._next_check or connection.in_atomic_block:
            return
        while self._next_check <= self.imported:
            self._next_check *= 2
        self.refresh_statistics()

    def refresh_statistics(self) -> None:
        """ANALYZE the tables an import writes when the server's statistics count fewer documents than this batch
        alone has written. PostgreSQL plans the foreign-key checks of every row written once per connection, from
        those statistics: tables analyzed while empty (a new database vacuumed, or one emptied by remove_demo), they
        are read whole for each check (the plan made while they held nothing), and a batch of 600 documents was
        imported at half the speed (bench_import). A new ANALYZE has every plan made again. With autovacuum on, the
        server does this by itself, later."""
        if connection.vendor != "postgresql":
            return
        from comparisons.models import StoredIndicator
        from disclosures.models import BudgetLine, CheckResult, SourceTable, StatedFigure

        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Disclosure._meta.db_table])
                (counted,) = cursor.fetchone()
                # -1: never analyzed. The planner then takes an empty table for ten pages, and its plans look rows
                # up by their keys: nothing to mend.
                if counted < 0 or counted >= self.imported:
                    return
                models = (Bureau, Disclosure, SourceTable, BudgetLine, StatedFigure, CheckResult, StoredIndicator)
                cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models))
        except Error:  # not the tables' owner: the import goes on, only slower
            log.warning("could not refresh the statistics of the imported tables", exc_info=True)


@contextmanager
def disclosure_import_batch() -> Iterator[ImportBatch]:
    """Several files imported one after the other (import_disclosures), each reported to the batch it yields
    (ImportBatch.file_done). The regions are read once (selectors.regions.regions_in_memory: the national list does
    not change during a batch). On PostgreSQL a file's commit does not wait for the server to write it to disk
    (synchronous_commit off on this connection); the batch waits once, at its end, for all of them. Each file is
    still all or nothing and what other sessions read is the same; only a crash of the database server itself could
    lose the files committed in its last moment (the server writes its log at least every 0.6 s, and a commit that
    waits flushes every earlier one), and the batch then ends in an error: run again, it imports them, the others
    being unchanged.

    What the batch keeps for its length (the modules, the regions) is frozen out of the collector's full passes
    (gc.freeze, as config/gunicorn.py does for a web worker): each walked it all, two tenths of a millisecond per
    file imported. The statements each file runs are prepared on the server for the batch
    (bulk.statements_prepared): planned once, not for each file."""
    with ExitStack() as stack:
        try:
            stack.enter_context(regions_in_memory())
            stack.enter_context(_frozen())
            stack.enter_context(statements_prepared())
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET synchronous_commit = off")
                stack.callback(_flush)
        except Error:  # the database is unreachable: each file says so in its own record
            pass
        yield ImportBatch()


@contextmanager
def _frozen() -> Iterator[None]:
    # Without a collection first (a full pass, the cost of a hundred files): what garbage is frozen with the rest is
    # collected after the batch.
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _flush() -> None:
    """Every commit of this connection on disk: a commit that waits for the disk waits for all written before it."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = on")
    with transaction.atomic(), connection.cursor() as cursor:
        # A transaction's commit waits for the log (and all before it) to be on disk only when the transaction wrote
        # to the log: a message no reader asks for (logical decoding's), which changes no data, is such a write.
        cursor.execute("SELECT pg_logical_emit_message(true, 'yibao_import_batch', '')")


def _failed(filename: str) -> ImportOutcome:
    log.exception("import of %s failed", filename)
    return ImportOutcome.refused(
        filename, DisclosureError(gettext_noop("导入时发生内部错误，没有写入任何数据；错误已记入日志。"))
    )
