"""Bulk CSV downloads: every budget line of every current document, and every indicator value.

UTF-8 with a byte-order mark so Excel opens the Chinese correctly. Amounts are exact decimals in 元; a blank is a
blank, never 0, and an indicator's missing value has its reason in the note column. Every row carries the URL of its
source line on the document page. Text cells are formula-safe (exports.py).

A download never lies about being whole:
- the lines are read through a server-side cursor (`iterator(chunk_size=...)`) as plain tuples and written in chunks
  of CHUNK_ROWS rows, so memory stays flat and the rows stream at well over 50,000 a second (`bench_downloads`);
- the first chunk, and with it the query, is made before the response starts: a database error then is a 503 with
  a message, not a 200 with a header only;
- the last line is `# rows: N`. A stream that fails midway raises inside the generator, so the server aborts the
  chunked response (no final empty chunk): clients see a broken transfer, and the file has no `# rows:` line.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import chain, islice

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from disclosures.links import source_line_url
from disclosures.models import AMOUNT_COLUMNS, BudgetLine, Disclosure, Region
from disclosures.summary import decimal_string

from .api import jsonable
from .data_selectors import disclosure_values_for_download, line_values_for_download
from .download_files import stored_download
from .exports import BOM, FIRST_CHARACTERS, formula_safe, formula_safe_row
from .formatting import listed
from .indicators import BY_KEY, REGISTRY
from .selectors import disclosure_list_current, indicator_rows

logger = logging.getLogger(__name__)

# Documents whose stored indicator values are read together: two queries per batch, a bounded amount of memory.
INDICATOR_BATCH = 200
LINE_CHUNK = 5000  # rows fetched from the server-side cursor at a time
CHUNK_ROWS = 1000  # rows written to the client at a time
TRAILER = "# rows: {count}\r\n"


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _places(region: Region) -> tuple[str, str, str]:
    """(province, prefecture, county) names; a county directly under its province has no prefecture."""
    names = {Region.Level.PROVINCE: "", Region.Level.PREFECTURE: "", Region.Level.COUNTY: ""}
    while region is not None:
        names[region.level] = region.name
        region = region.parent
    return names[Region.Level.PROVINCE], names[Region.Level.PREFECTURE], names[Region.Level.COUNTY]


def _document_url(request: HttpRequest, disclosure_id: int) -> str:
    return request.build_absolute_uri(source_line_url(disclosure_id))


def _document_columns(request: HttpRequest, d: Disclosure) -> list:
    province, prefecture, county = _places(d.bureau.region)
    return [
        d.bureau.region.code,
        province,
        prefecture,
        county,
        d.bureau.name,
        d.pk,
        d.fiscal_year,
        d.get_kind_display(),
        d.get_scope_display(),
        _("是") if d.demo else "",
    ]


def _document_headers() -> list[str]:
    headers = [
        _("区划代码"),
        _("省"),
        _("地市"),
        _("县（区）"),
        _("单位名称"),
        _("文件编号"),
        _("年度"),
        _("类型"),
        _("范围"),
    ]
    return [*headers, _("演示数据")]


AMOUNT_HEADERS = {
    "total": gettext_lazy("合计（元）"),
    "basic": gettext_lazy("基本支出（元）"),
    "project": gettext_lazy("项目支出（元）"),
    "personnel": gettext_lazy("人员经费（元）"),
    "public": gettext_lazy("公用经费（元）"),
}


def line_headers() -> list[str]:
    return [
        *_document_headers(),
        _("表序号"),
        _("表名"),
        _("行序号"),
        _("分类"),
        _("科目编码"),
        _("科目名称"),
        _("原文名称"),
        *(str(AMOUNT_HEADERS[column]) for column in AMOUNT_COLUMNS),
        _("其他列（元）"),
        _("取自文字说明"),
        _("原文行号"),
        _("原文链接"),
    ]


def _other_amounts(text: str | None) -> str:
    """The extra columns of a line ('{"上年结转": "12.3"}' as stored) as exact decimals; most lines have none."""
    if not text or text == "{}":
        return ""
    other = json.loads(text)
    return json.dumps({k: decimal_string(Decimal(v)) for k, v in other.items()}, ensure_ascii=False)


def _document_row(request: HttpRequest, values: tuple, kinds: dict, scopes: dict) -> tuple[list, str]:
    """A document's columns from a `disclosure_values_for_download` tuple, and the URL its lines' links start with."""
    pk, code, name, level, parent_name, parent_level, grand_name, grand_level, bureau, year, kind, scope, demo = values
    names = {level: name, parent_level: parent_name, grand_level: grand_name}
    places = [names.get(at, "") for at in (Region.Level.PROVINCE, Region.Level.PREFECTURE, Region.Level.COUNTY)]
    document = [
        code,
        *places,
        formula_safe(bureau),
        pk,
        year,
        kinds.get(kind, kind),
        scopes.get(scope, scope),
        _("是") if demo else "",
    ]
    return document, _document_url(request, pk) + "#L"


def line_rows(request: HttpRequest, documents: Iterable[tuple], values: Iterable[tuple]) -> Iterator[list]:
    """The CSV rows of `line_values_for_download` tuples, each with the columns of its document (from
    `disclosure_values_for_download`). Labels are read when the first row is made, so in the language active while
    the stream is written."""
    kinds = {key: str(label) for key, label in Disclosure.Kind.choices}
    scopes = {key: str(label) for key, label in Disclosure.Scope.choices}
    columns = {document[0]: _document_row(request, document, kinds, scopes) for document in documents}

    def document_of(pk: int) -> tuple[list, str]:
        # A document imported between the two queries: read it now rather than drop its lines.
        if pk not in columns:
            columns[pk] = _document_row(request, disclosure_values_for_download().get(pk=pk), kinds, scopes)
        return columns[pk]

    classification = {key: str(label) for key, label in BudgetLine.Classification.choices}
    narrative = _("是")
    separator = str(_("、"))  # between a line's source line numbers: "4、5", "4, 5"
    safe, first_characters = formula_safe, FIRST_CHARACTERS  # local names: this loop runs for every line
    for (
        disclosure_id,
        table_position,
        table_title,
        position,
        line_classification,
        line_code,
        line_name,
        published_name,
        total,
        basic,
        project,
        personnel,
        public,
        other,
        from_narrative,
        source_lines,
        first_line,
    ) in values:
        document, url = columns.get(disclosure_id) or document_of(disclosure_id)
        yield [
            *document,
            table_position,
            safe(table_title) if table_title[:1] in first_characters else table_title,
            position,
            classification.get(line_classification, line_classification),
            line_code,
            safe(line_name) if line_name[:1] in first_characters else line_name,
            safe(published_name) if published_name[:1] in first_characters else published_name,
            "" if total is None else format(total, "f"),
            "" if basic is None else format(basic, "f"),
            "" if project is None else format(project, "f"),
            "" if personnel is None else format(personnel, "f"),
            "" if public is None else format(public, "f"),
            "" if other == "{}" else _other_amounts(other),
            narrative if from_narrative else "",
            source_lines[1:-1].replace(" ", "").replace(",", separator),
            f"{url}{first_line}",
        ]


def indicator_headers() -> list[str]:
    return [
        *_document_headers(),
        _("指标代码"),
        _("指标"),
        _("数值"),
        _("计量单位"),
        _("缺失原因"),
        _("说明"),
        _("来源"),
        _("来源链接"),
        _("补充数据"),
        _("文件链接"),
    ]


def indicator_lines(request: HttpRequest, documents: Iterable[Disclosure]) -> Iterator[list]:
    """One row per document and indicator, the documents taken INDICATOR_BATCH at a time."""
    for batch in batched(documents, INDICATOR_BATCH):
        for row in indicator_rows(disclosures=batch):
            for indicator in REGISTRY:
                value = row.values[indicator.key]
                details = jsonable(value.details)
                yield formula_safe_row(
                    [
                        *_document_columns(request, row.disclosure),
                        indicator.key,
                        BY_KEY[indicator.key].name,
                        decimal_string(value.value) or "",
                        value.unit,
                        (value.missing_reason or _("未说明原因。")) if value.value is None else "",
                        value.note,
                        listed(ref.label for ref in value.sources),
                        " ".join(
                            request.build_absolute_uri(ref.url) if ref.url.startswith("/") else ref.url
                            for ref in value.sources
                            if ref.url
                        ),
                        json.dumps(details, ensure_ascii=False) if details else "",
                        _document_url(request, row.disclosure.pk),
                    ]
                )


def _chunks(headers: list[str], rows: Iterable[list], language: str) -> Iterator[str]:
    """The CSV text, CHUNK_ROWS rows at a time, ending with the `# rows: N` line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # The rows are written after the view has returned: keep the request's language for their labels.
    with translation.override(language):
        buffer.write(BOM)
        writer.writerow(formula_safe_row(headers))
        count = 0
        for batch in batched(rows, CHUNK_ROWS):
            writer.writerows(batch)
            count += len(batch)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        buffer.write(TRAILER.format(count=count))
        yield buffer.getvalue()


def _csv_response(filename: str, chunks: Iterator[str]) -> HttpResponse:
    try:
        first = next(chunks)  # runs the query: an error here still gets an honest status code
    except DatabaseError:
        logger.exception("download %s failed before its first byte", filename)
        response = HttpResponse(
            _("数据库暂时无法访问，没有生成文件，请稍后再试。"), status=503, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = "60"
        return response
    response = StreamingHttpResponse(chain([first], chunks), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def lines_chunks(request: HttpRequest) -> Iterator[str]:
    documents = disclosure_values_for_download().iterator()
    values = line_values_for_download().iterator(chunk_size=LINE_CHUNK)
    return _chunks(line_headers(), line_rows(request, documents, values), translation.get_language())


def indicators_chunks(request: HttpRequest) -> Iterator[str]:
    rows = indicator_lines(request, disclosure_list_current())
    return _chunks(indicator_headers(), rows, translation.get_language())


# The downloads by file name: what `build_downloads` writes ahead.
DOWNLOADS = {"lines.csv": lines_chunks, "indicators.csv": indicators_chunks}


def _download(request: HttpRequest, name: str) -> HttpResponse:
    return stored_download(
        request,
        name=name,
        chunks=lambda: DOWNLOADS[name](request),
        live=lambda: _csv_response(name, DOWNLOADS[name](request)),
    )


@require_safe
def lines_csv(request: HttpRequest) -> HttpResponse:
    return _download(request, "lines.csv")


@require_safe
def indicators_csv(request: HttpRequest) -> HttpResponse:
    return _download(request, "indicators.csv")
