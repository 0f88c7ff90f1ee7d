"""Models and indicator values as JSON: money as decimal strings in 元, every figure with its source."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from comparisons.indicators import BY_KEY, IndicatorValue, SourceRef
from comparisons.indicators.base import Message
from comparisons.stored import DECIMAL, MESSAGE, StoredFields
from disclosures.links import document_url_pattern, object_url_pattern, source_line_url
from disclosures.models import AMOUNT_COLUMNS, BudgetLine, Bureau, Disclosure, Region
from disclosures.summary import decimal_string

# --- serialising ---


def jsonable(value: Any) -> Any:
    # The commonest first (an indicator's details: a dict of decimals and text), tuples rather than unions for
    # isinstance: a page of values calls this thousands of times.
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return decimal_string(value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    return str(value)


def absolute_url(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url) if url.startswith("/") else url


def _once(request: HttpRequest, key, make):
    """What `make()` gives, made once per request (a list of a hundred documents asks for the same each time)."""
    found = request.__dict__.setdefault("_serializer_once", {})
    if key not in found:
        found[key] = make()
    return found[key]


def _absolute_object_url(request: HttpRequest, name: str, pk: int) -> str:
    """absolute_url(request, reverse(name, args=[pk])), the reversing and the host read once per request and name."""
    pattern = _once(request, ("url", name), lambda: _host(request) + object_url_pattern(name))
    return pattern.format(int(pk))


def _host(request: HttpRequest) -> str:
    """The site's address (scheme and host) that the API's absolute links begin with."""
    return request.build_absolute_uri("/").removesuffix("/")


def _label(request: HttpRequest, choices, value) -> str:
    """A choice's label in words (get_FOO_display), once per request and value."""
    return _once(request, (choices, value), lambda: str(dict(choices.choices).get(value, value)))


def region_json(region: Region) -> dict:
    return {
        "code": region.code,
        "name": region.name,
        "full_name": region.full_name,
        "level": region.level,
        "level_label": str(region.get_level_display()),
        "parent": region.parent.code if region.parent_id else None,
    }


def _region_brief(region: Region) -> dict:
    return {"code": region.code, "name": region.name, "full_name": region.full_name}


def bureau_json(request: HttpRequest, bureau: Bureau) -> dict:
    return {
        "id": bureau.pk,
        "name": bureau.name,
        "kind": bureau.kind,
        "kind_label": str(bureau.get_kind_display()),
        "budget_code": bureau.budget_code,
        "aliases": [a.name for a in bureau.aliases.all()],
        "region": _region_brief(bureau.region),
        "document_count": bureau.document_count,
        "url": absolute_url(request, reverse("comparisons:bureau_detail", args=[bureau.pk])),
        "documents_url": absolute_url(request, reverse("comparisons:api_documents") + f"?bureau={bureau.pk}"),
    }


def document_json(request: HttpRequest, d: Disclosure) -> dict:
    return {
        "id": d.pk,
        "bureau": {"id": d.bureau_id, "name": d.bureau.name},
        "region": _region_brief(d.bureau.region),
        "fiscal_year": d.fiscal_year,
        "kind": d.kind,
        "kind_label": _label(request, Disclosure.Kind, d.kind),
        "scope": d.scope,
        "scope_label": _label(request, Disclosure.Scope, d.scope),
        "title": d.title,
        "published_unit": d.unit,
        "status": d.status,
        "superseded_by": d.superseded_by_id,
        "source_filename": d.source_filename,
        "sha256": d.sha256,
        # In the site's time zone (+08:00), as every page shows it.
        "imported_at": timezone.localtime(d.imported_at).isoformat() if d.imported_at else None,
        "line_count": getattr(d, "line_count", None),
        "demo": d.demo,
        "url": _absolute_object_url(request, "disclosures:disclosure_detail", d.pk),
        "lines_url": _absolute_object_url(request, "comparisons:api_document_lines", d.pk),
    }


def document_detail_json(request: HttpRequest, d: Disclosure) -> dict:
    """One document with its tables, stated figures and check findings."""
    return document_json(request, d) | {
        "tables": [
            {
                "position": t.position,
                "key": t.key,
                "title": t.title,
                "published_unit": t.unit,
                "start_line": t.start_line,
                "end_line": t.end_line,
                "declared_empty": t.declared_empty,
            }
            for t in d.tables.all()
        ],
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "value": decimal_string(f.value.normalize()),
                "unit": f.unit,
                "year": f.year,
                "line": f.line,
                "quote": f.quote,
                "url": absolute_url(request, source_line_url(d.pk, f.line)),
            }
            for f in d.figures.all()
        ],
        "checks": [
            {"severity": c.severity, "code": c.code, "message": c.message, "lines": c.lines} for c in d.checks.all()
        ],
    }


def document_brief(request: HttpRequest, d: Disclosure) -> dict:
    return {
        "id": d.pk,
        "bureau": {"id": d.bureau_id, "name": d.bureau.name},
        "region_code": d.bureau.region.code,
        "region": d.bureau.region.full_name,
        "fiscal_year": d.fiscal_year,
        "kind": d.kind,
        "scope": d.scope,
        "demo": d.demo,
        "url": absolute_url(request, source_line_url(d.pk)),
    }


BLANK_CELL = gettext_lazy("原文此栏空白，或该表没有此列（不是 0）。")


def line_json(request: HttpRequest, line: BudgetLine) -> dict:
    amounts = {column: decimal_string(getattr(line, column)) for column in AMOUNT_COLUMNS}
    return {
        "id": line.pk,
        "document": document_brief(request, line.disclosure),
        "table": {
            "position": line.table.position,
            "key": line.table.key,
            "title": line.table.title,
            "published_unit": line.table.unit,
        },
        "position": line.position,
        "classification": line.classification,
        "code": line.code,
        "name": line.name,
        "published_name": line.published_name,
        "row_kind": line.row_kind,
        "amounts": amounts,
        "missing_reasons": {column: str(BLANK_CELL) for column, value in amounts.items() if value is None},
        "other_amounts": {k: decimal_string(Decimal(v)) for k, v in line.other_amounts.items()},
        "from_narrative": line.from_narrative,
        "source_lines": list(line.source_lines),
        "url": absolute_url(request, source_line_url(line.disclosure_id, line.first_line)),
    }


class IndicatorValuesJson:
    """The indicator values of one answer as JSON.

    What a page of values repeats is written once per answer: each indicator's names in `indicators()` (not in each
    of its values), the site's address and the document link pattern, each source label in words (the same line is
    cited by several indicators of a document)."""

    def __init__(self, request: HttpRequest):
        self.host = _host(request)
        self.document_url = self.host + document_url_pattern()
        self.words: dict[Message, str] = {}
        self.stored_words: dict[tuple, str] = {}

    def indicators(self, keys: list[str]) -> dict:
        """The names and unit of each indicator of the answer: the Chinese name and the English one."""
        with override("en"):
            english = {key: BY_KEY[key].name for key in keys}
        return {key: {"name": BY_KEY[key].title, "name_en": english[key], "unit": BY_KEY[key].unit} for key in keys}

    def value(self, value: IndicatorValue) -> dict:
        reason = None
        if value.value is None:
            reason = (self._words(value.reason) if value.reason is not None else "") or _("未说明原因。")
        return {
            "unit": value.unit,
            "value": decimal_string(value.value),
            "missing_reason": reason,
            "note": " ".join(self._words(n) for n in value.notes),
            "sources": [self._source(ref) for ref in value.sources],
            "details": jsonable(value.details),
        }

    def stored(self, value: StoredFields | IndicatorValue) -> dict:
        """`value` of a stored row as read (indicator_rows_stored), its messages and sources written from their
        stored form without making the IndicatorValue first: the same JSON, for an answer of thousands of values."""
        if isinstance(value, IndicatorValue):
            return self.value(value)
        reason = None
        if value.value is None:
            reason = (self._said(value.missing_code, value.missing_params) if value.missing_code else "") or _(
                "未说明原因。"
            )
        return {
            "unit": value.unit,
            "value": decimal_string(value.value),
            "missing_reason": reason,
            "note": " ".join(self._said(code, params) for code, params in value.notes),
            "sources": [self._stored_source(source) for source in value.sources],
            "details": self._stored_details(value.details),
        }

    def _stored_details(self, value: Any) -> Any:
        """jsonable(stored.decode(value)) in one walk: a stored decimal as its plain string, a message in words."""
        if isinstance(value, dict):
            if DECIMAL in value:
                return decimal_string(Decimal(value[DECIMAL]))
            if MESSAGE in value:
                return self._said(value[MESSAGE], value.get("p"))
            return {str(k): self._stored_details(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._stored_details(v) for v in value]
        if value is None or isinstance(value, (bool, int, str)):
            return value
        return str(value)  # a float, as jsonable writes it

    def _said(self, code: str, params: dict | None) -> str:
        """A stored message (its code and parameters) in words, once per answer: stored._message's key."""
        key = (code, tuple(sorted(params.items())) if params else ())
        words = self.stored_words.get(key)
        if words is None:
            words = self.stored_words[key] = str(Message(*key))
        return words

    def _stored_source(self, source: dict) -> dict:
        """`_source` of a source as stored (stored.stored_from_value)."""
        document, lines, href = source["document"], source["lines"], source["href"]
        if document is None:
            url = (self.host + href if href.startswith("/") else href) or None
        else:
            line = lines[0] if lines else None
            url = self.document_url.format(int(document)) + (f"#L{line}" if line else "")
        return {
            "label": self._said(*source["label"]),
            "document": document,
            "lines": list(lines),
            "note": str(source["note"]),
            "url": url,
        }

    def _words(self, message: Message) -> str:
        words = self.words.get(message)
        if words is None:
            words = self.words[message] = str(message)
        return words

    def _source(self, ref: SourceRef) -> dict:
        if ref.disclosure_id is None:
            url = (self.host + ref.href if ref.href.startswith("/") else ref.href) or None
        else:
            line = ref.lines[0] if ref.lines else None
            url = self.document_url.format(int(ref.disclosure_id)) + (f"#L{line}" if line else "")
        return {
            "label": self._words(ref.text),
            "document": ref.disclosure_id,
            "lines": list(ref.lines),
            "note": str(ref.note),
            "url": url,
        }
