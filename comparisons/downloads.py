"""Bulk CSV downloads: every budget line of every current document, and every indicator value.

Streamed row by row (StreamingHttpResponse), UTF-8 with a byte-order mark so Excel opens the Chinese correctly.
Amounts are exact decimals in 元; a blank is a blank, never 0, and an indicator's missing value has its reason in
the note column. Every row carries the URL of its source line on the document page.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from disclosures.links import source_line_url
from disclosures.models import AMOUNT_COLUMNS, BudgetLine, Disclosure, Region
from disclosures.summary import decimal_string

from .api import jsonable
from .data_selectors import line_list
from .indicators import BY_KEY, REGISTRY
from .selectors import disclosure_list_current, indicator_rows

BOM = "\ufeff"
# Documents whose stored indicator values are read together: two queries per batch, a bounded amount of memory.
INDICATOR_BATCH = 200
LINE_CHUNK = 2000


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Echo:
    """A file-like object whose write returns the row, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def _places(region: Region) -> tuple[str, str, str]:
    """(province, prefecture, county) names; a county directly under its province has no prefecture."""
    names = {Region.Level.PROVINCE: "", Region.Level.PREFECTURE: "", Region.Level.COUNTY: ""}
    while region is not None:
        names[region.level] = region.name
        region = region.parent
    return names[Region.Level.PROVINCE], names[Region.Level.PREFECTURE], names[Region.Level.COUNTY]


def _document_url(request: HttpRequest, disclosure_id: int, line: int | None = None) -> str:
    return request.build_absolute_uri(source_line_url(disclosure_id, line))


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
        _("单位"),
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


def line_row(request: HttpRequest, line: BudgetLine) -> list:
    other = {k: decimal_string(Decimal(v)) for k, v in line.other_amounts.items()}
    return [
        *_document_columns(request, line.disclosure),
        line.table.position,
        line.table.title,
        line.position,
        line.get_classification_display(),
        line.code,
        line.name,
        line.published_name,
        *(decimal_string(getattr(line, column)) or "" for column in AMOUNT_COLUMNS),
        json.dumps(other, ensure_ascii=False) if other else "",
        _("是") if line.from_narrative else "",
        "、".join(str(n) for n in line.source_lines),
        _document_url(request, line.disclosure_id, line.first_line),
    ]


def indicator_headers() -> list[str]:
    return [
        *_document_headers(),
        _("指标代码"),
        _("指标"),
        _("数值"),
        _("单位"),
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
                yield [
                    *_document_columns(request, row.disclosure),
                    indicator.key,
                    BY_KEY[indicator.key].name,
                    decimal_string(value.value) or "",
                    value.unit,
                    (value.missing_reason or _("未说明原因。")) if value.value is None else "",
                    value.note,
                    "；".join(str(ref.label) for ref in value.sources),
                    " ".join(
                        request.build_absolute_uri(ref.url) if ref.url.startswith("/") else ref.url
                        for ref in value.sources
                        if ref.url
                    ),
                    json.dumps(details, ensure_ascii=False) if details else "",
                    _document_url(request, row.disclosure.pk),
                ]


def _stream(headers: list[str], rows: Iterable[list], language: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(headers)
    # The rows are written after the view has returned: keep the request's language for their labels.
    with translation.override(language):
        for row in rows:
            yield writer.writerow(row)


def _csv_response(filename: str, headers: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _stream(headers, rows, translation.get_language()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def lines_csv(request: HttpRequest) -> StreamingHttpResponse:
    lines = line_list().iterator(chunk_size=LINE_CHUNK)
    return _csv_response("lines.csv", line_headers(), (line_row(request, line) for line in lines))


@require_safe
def indicators_csv(request: HttpRequest) -> StreamingHttpResponse:
    documents = disclosure_list_current()
    return _csv_response("indicators.csv", indicator_headers(), indicator_lines(request, documents))
