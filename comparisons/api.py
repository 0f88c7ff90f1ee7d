"""The read-only JSON API: regions, bureaus, documents, lines and indicator values.

One declaration (ENDPOINTS) lists every endpoint with its filters and fields; the views parse their query string
against it and the documentation page at /api/ is generated from it. Plain Django views returning JSON:

- GET (and HEAD) only; any other method gets 405 with an Allow header.
- Lists are paginated with limit/offset (DEFAULT_LIMIT, at most MAX_LIMIT) and say how many there are in all.
- Money is a decimal string in 元 ("32000000.00"), never a float; a missing value is null with its reason.
- Every figure carries its source: the document id, its source lines and the URL of the line on the document page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from disclosures.links import source_line_url
from disclosures.models import AMOUNT_COLUMNS, BudgetLine, Bureau, Disclosure, Region
from disclosures.summary import decimal_string

from . import data_selectors
from .indicators import BY_KEY, REGISTRY, IndicatorValue, SourceRef
from .selectors import disclosure_latest_per_bureau, disclosure_list_current, indicator_rows, region_province

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
ALLOWED_METHODS = ("GET", "HEAD")

# --- the declaration ---


@dataclass(frozen=True)
class Filter:
    name: str
    kind: str  # how the value is read: see PARSERS
    help: str | Promise
    example: str = ""
    choices: tuple[tuple[str, str | Promise], ...] = ()


@dataclass(frozen=True)
class Endpoint:
    key: str  # the URL name is "api_<key>"
    path: str  # as shown on the documentation page
    title: str | Promise
    description: str | Promise
    filters: tuple[Filter, ...] = ()
    fields: tuple[tuple[str, str | Promise], ...] = ()
    example: str = ""  # a query string to try
    paginated: bool = True


def _choices(choices) -> tuple[tuple[str, str | Promise], ...]:
    return tuple((value, label) for value, label in choices)


PAGINATION = (
    Filter(
        "limit",
        "limit",
        format_lazy(
            gettext_lazy("每页条数，默认 {default}，最多 {most}（更大的数按 {most}）。"),
            default=DEFAULT_LIMIT,
            most=MAX_LIMIT,
        ),
        "20",
    ),
    Filter("offset", "offset", gettext_lazy("从第几条开始（从 0 起）。"), "20"),
)
YEAR = Filter("year", "year", gettext_lazy("年度（文件所属的预算或决算年度）。"), "2024")
KIND = Filter("kind", "choice", gettext_lazy("文件类型：预算或决算。"), "budget", _choices(Disclosure.Kind.choices))
SOURCE_FIELDS = gettext_lazy(
    "来源列表：每项有 label（说明）、document（文件编号，工作人员录入的分母为 null）、lines（原文行号）、"
    "note（原文摘录或录入来源）、url（文件页面上该行的地址，或录入来源的链接）。"
)
DOCUMENT_FIELDS: tuple[tuple[str, str | Promise], ...] = (
    ("id", gettext_lazy("文件编号")),
    ("bureau", gettext_lazy("发布单位：id、name")),
    ("region", gettext_lazy("行政区划：code、name、full_name（省 市 县）")),
    ("fiscal_year", gettext_lazy("年度")),
    ("kind / kind_label", gettext_lazy("budget 预算 / final 决算")),
    ("scope / scope_label", gettext_lazy("department 部门 / unit 单位")),
    ("title", gettext_lazy("标题")),
    ("published_unit", gettext_lazy("原文的金额单位（元或万元）；本接口的金额一律换算为元")),
    ("status", gettext_lazy("current 现行 / superseded 已被替换（superseded_by 为新版本编号）")),
    ("line_count", gettext_lazy("读出的预算行数")),
    ("url", gettext_lazy("文件页面")),
    ("lines_url", gettext_lazy("该文件全部预算行的接口地址")),
)
LINE_FIELDS: tuple[tuple[str, str | Promise], ...] = (
    ("id / position", gettext_lazy("行编号、在文件中的顺序")),
    ("document", gettext_lazy("文件：id、bureau、region_code、fiscal_year、kind、scope、url")),
    ("table", gettext_lazy("所在表：position、key、title、published_unit")),
    ("classification", gettext_lazy("分类：functional 功能分类、economic_department 部门经济分类、project 项目等")),
    ("code / name / published_name", gettext_lazy("科目编码、规范名称、原文名称")),
    ("amounts", gettext_lazy("total、basic、project、personnel、public 五列金额，元，字符串；原文空白为 null")),
    ("missing_reasons", gettext_lazy("为 null 的列及其原因")),
    ("other_amounts", gettext_lazy("其他列（按原文表头），元，字符串")),
    ("from_narrative", gettext_lazy("取自文字说明而非表格")),
    ("source_lines / url", gettext_lazy("原文行号；文件页面上首行的地址")),
)

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        key="regions",
        path="/api/regions/",
        title=gettext_lazy("行政区划"),
        description=gettext_lazy("全国省、地、县三级行政区划（民政部区划代码）。"),
        filters=(
            Filter("q", "text", gettext_lazy("名称包含该词，或代码以此开头。"), "郾城"),
            Filter("level", "choice", gettext_lazy("级别。"), "county", _choices(Region.Level.choices)),
            Filter("parent", "division", gettext_lazy("上级区划的 6 位代码：列出其直接下级。"), "411100"),
            *PAGINATION,
        ),
        fields=(
            ("code", gettext_lazy("6 位区划代码")),
            ("name / full_name", gettext_lazy("名称；含上级的全称")),
            ("level / level_label", gettext_lazy("province 省级 / prefecture 地级 / county 县级")),
            ("parent", gettext_lazy("上级区划代码，省级为 null")),
        ),
        example="?q=郾城",
    ),
    Endpoint(
        key="bureaus",
        path="/api/bureaus/",
        title=gettext_lazy("单位"),
        description=gettext_lazy("发布预决算文件的医疗保障局和医保经办机构。"),
        filters=(
            Filter("region", "division", gettext_lazy("区划代码（省、地、县任一级），列出该区划内的单位。"), "411100"),
            Filter("province", "province", gettext_lazy("省级区划代码（2 位或 6 位）。"), "13"),
            Filter("q", "text", gettext_lazy("单位名称、别名或县名包含该词，或区划代码。"), "高邑"),
            *PAGINATION,
        ),
        fields=(
            ("id / name", gettext_lazy("单位编号、名称")),
            ("kind / kind_label", gettext_lazy("bureau 医疗保障局 / agency 医保经办机构")),
            ("budget_code", gettext_lazy("表上的预算单位编码（各县自编，不唯一）")),
            ("aliases", gettext_lazy("文件中用过的其他名称")),
            ("region", gettext_lazy("行政区划：code、name、full_name")),
            ("document_count", gettext_lazy("现行文件数")),
            ("url / documents_url", gettext_lazy("单位页面；该单位文件的接口地址")),
        ),
        example="?province=13",
    ),
    Endpoint(
        key="documents",
        path="/api/documents/",
        title=gettext_lazy("公开文件"),
        description=gettext_lazy("导入的预算、决算公开文件。默认只列现行版本。"),
        filters=(
            Filter("bureau", "id", gettext_lazy("单位编号。"), "1"),
            YEAR,
            KIND,
            Filter("scope", "choice", gettext_lazy("范围：部门或单位。"), "unit", _choices(Disclosure.Scope.choices)),
            Filter(
                "status",
                "choice",
                gettext_lazy("版本状态，默认 current；all 表示包括已被替换的版本。"),
                "all",
                (*_choices(Disclosure.Status.choices), ("all", gettext_lazy("全部"))),
            ),
            Filter("region", "division", gettext_lazy("区划代码（省、地、县任一级）。"), "130000"),
            *PAGINATION,
        ),
        fields=DOCUMENT_FIELDS,
        example="?year=2023&kind=budget",
    ),
    Endpoint(
        key="document",
        path="/api/documents/<id>/",
        title=gettext_lazy("单个文件"),
        description=gettext_lazy("一个文件的基本信息、所含的表、文中数字（参保人数、每人补助标准等）和核对结果。"),
        fields=(
            *DOCUMENT_FIELDS,
            ("tables", gettext_lazy("表：position、key、title、published_unit、start_line、end_line、declared_empty")),
            ("figures", gettext_lazy("文中数字：key、label、value（字符串）、unit、year、line、quote、url")),
            ("checks", gettext_lazy("核对结果：severity、code、message、lines")),
        ),
        paginated=False,
    ),
    Endpoint(
        key="document_lines",
        path="/api/documents/<id>/lines/",
        title=gettext_lazy("文件的预算行"),
        description=gettext_lazy("一个文件的全部预算行，按原文表格顺序。"),
        filters=(
            Filter("code", "subject", gettext_lazy("科目编码，完全相同。"), "2101202"),
            Filter("code_prefix", "subject", gettext_lazy("科目编码以此开头（如 21013 含其下各项）。"), "21013"),
            Filter(
                "classification",
                "choice",
                gettext_lazy("分类。"),
                "functional",
                _choices(BudgetLine.Classification.choices),
            ),
            *PAGINATION,
        ),
        fields=LINE_FIELDS,
        example="?code_prefix=210",
    ),
    Endpoint(
        key="lines",
        path="/api/lines/",
        title=gettext_lazy("预算行（跨文件）"),
        description=gettext_lazy(
            "所有现行文件的预算行，可按科目、年度、类型和地区筛选。预算与决算、不同年度的行不要相加。"
        ),
        filters=(
            Filter("code", "subject", gettext_lazy("科目编码，完全相同。"), "2101202"),
            Filter("code_prefix", "subject", gettext_lazy("科目编码以此开头。"), "21013"),
            YEAR,
            KIND,
            Filter("region", "division", gettext_lazy("区划代码（省、地、县任一级）。"), "130000"),
            Filter(
                "classification",
                "choice",
                gettext_lazy("分类。"),
                "functional",
                _choices(BudgetLine.Classification.choices),
            ),
            *PAGINATION,
        ),
        fields=LINE_FIELDS,
        example="?code=2101202",
    ),
    Endpoint(
        key="indicators",
        path="/api/indicators/",
        title=gettext_lazy("指标值"),
        description=gettext_lazy(
            "每个现行文件的指标值（定义见方法说明页）。每条结果是一个文件及其各指标的值；"
            "缺失的值为 null，并给出原因；每个值都列出来源。"
        ),
        filters=(
            Filter(
                "indicator",
                "indicators",
                gettext_lazy("指标代码，可用逗号分隔多个；不填则给出全部指标。"),
                "contribution_per_insured",
                tuple((i.key, i.name_zh) for i in REGISTRY),
            ),
            YEAR,
            KIND,
            Filter("province", "province", gettext_lazy("省级区划代码（2 位或 6 位）。"), "13"),
            Filter("prefecture", "division", gettext_lazy("地级区划代码。"), "411100"),
            Filter("bureau", "id", gettext_lazy("单位编号。"), "1"),
            Filter("latest", "bool", gettext_lazy("为 1 时每个单位只取最新的一个文件（首页的默认做法）。"), "1"),
            *PAGINATION,
        ),
        fields=(
            ("document", gettext_lazy("文件：id、bureau、region_code、region、fiscal_year、kind、scope、url")),
            ("values.<指标代码>.value", gettext_lazy("数值，字符串；单位见 unit：元、元/人 或 %；缺失为 null")),
            ("values.<指标代码>.missing_reason", gettext_lazy("缺失原因；有值时为 null")),
            ("values.<指标代码>.note", gettext_lazy("说明（如科目记在其他类下、分母为工作人员录入）")),
            ("values.<指标代码>.sources", SOURCE_FIELDS),
            ("values.<指标代码>.details", gettext_lazy("补充数据，如文件自述的每人补助、占全国最低标准的比例")),
        ),
        example="?indicator=contribution_per_insured&latest=1",
    ),
)
BY_ENDPOINT = {e.key: e for e in ENDPOINTS}

# --- reading the query string ---


class ApiError(Exception):
    def __init__(self, message: str, *, status: int = 400, field: str = ""):
        super().__init__(message)
        self.message, self.status, self.field = message, status, field


def _int(raw: str, name: str, low: int, high: int) -> int:
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ApiError(_("%(name)s 应为 %(low)s 到 %(high)s 之间的整数。") % {"name": name, "low": low, "high": high})
    return int(raw)


def _division(raw: str, name: str) -> str:
    if not (len(raw) == 6 and raw.isdigit()):
        raise ApiError(_("%(name)s 应为 6 位区划代码，如 411103。") % {"name": name})
    return raw


def _province(raw: str, name: str) -> str:
    if not (raw.isdigit() and len(raw) in (2, 6)):
        raise ApiError(_("%(name)s 应为省级区划代码，2 位或 6 位，如 13 或 130000。") % {"name": name})
    return raw[:2]


def _subject(raw: str, name: str) -> str:
    if not (raw.isdigit() and len(raw) <= 16):
        raise ApiError(_("%(name)s 应为数字科目编码，如 2101202。") % {"name": name})
    return raw


def _choice(raw: str, spec: Filter) -> str:
    allowed = [value for value, _label in spec.choices]
    if raw not in allowed:
        raise ApiError(_("%(name)s 只能是：%(allowed)s。") % {"name": spec.name, "allowed": "、".join(allowed)})
    return raw


def _indicators(raw: str, name: str) -> list[str]:
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    unknown = [k for k in keys if k not in BY_KEY]
    if unknown or not keys:
        raise ApiError(
            _("没有这个指标：%(unknown)s。可用的指标见 /api/。") % {"unknown": "、".join(unknown) or raw or name}
        )
    return keys


def _bool(raw: str, name: str) -> bool:
    if raw.lower() in ("1", "true", "yes"):
        return True
    if raw.lower() in ("0", "false", "no", ""):
        return False
    raise ApiError(_("%(name)s 应为 1 或 0。") % {"name": name})


def _text(raw: str, name: str) -> str:
    if len(raw) > 64:
        raise ApiError(_("%(name)s 太长（最多 64 个字符）。") % {"name": name})
    return raw


PARSERS: dict[str, Callable[[str, Filter], Any]] = {
    "text": lambda raw, f: _text(raw, f.name),
    "division": lambda raw, f: _division(raw, f.name),
    "province": lambda raw, f: _province(raw, f.name),
    "subject": lambda raw, f: _subject(raw, f.name),
    "id": lambda raw, f: _int(raw, f.name, 1, 2**63 - 1),
    "year": lambda raw, f: _int(raw, f.name, 1990, 2100),
    "choice": _choice,
    "indicators": lambda raw, f: _indicators(raw, f.name),
    "bool": lambda raw, f: _bool(raw, f.name),
    "limit": lambda raw, f: min(_int(raw, f.name, 1, 2**31), MAX_LIMIT),  # more than the most gives the most
    "offset": lambda raw, f: _int(raw, f.name, 0, 2**31),
}
KIND_LABELS = {
    "text": gettext_lazy("文字"),
    "division": gettext_lazy("6 位区划代码"),
    "province": gettext_lazy("2 或 6 位区划代码"),
    "subject": gettext_lazy("科目编码"),
    "id": gettext_lazy("编号"),
    "year": gettext_lazy("年份"),
    "choice": gettext_lazy("可选值"),
    "indicators": gettext_lazy("指标代码，逗号分隔"),
    "bool": gettext_lazy("1 或 0"),
    "limit": gettext_lazy("整数"),
    "offset": gettext_lazy("整数"),
}


def parse_params(request: HttpRequest, endpoint: Endpoint) -> dict[str, Any]:
    """The endpoint's filters read from the query string; an unknown name or a bad value is a 400, not ignored."""
    specs = {f.name: f for f in endpoint.filters}
    unknown = sorted(set(request.GET) - set(specs))
    if unknown:
        accepted = "、".join(specs) or _("（无）")
        raise ApiError(
            _("不认识的参数：%(unknown)s。可用的参数：%(accepted)s。")
            % {"unknown": "、".join(unknown), "accepted": accepted},
            field=unknown[0],
        )
    params: dict[str, Any] = {}
    for name, spec in specs.items():
        raw = request.GET.get(name, "").strip()
        if raw == "":
            continue
        try:
            params[name] = PARSERS[spec.kind](raw, spec)
        except ApiError as exc:
            exc.field = name
            raise
    return params


# --- serialising ---


def jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return decimal_string(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def _absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url) if url.startswith("/") else url


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
        "url": _absolute(request, reverse("bureau_detail", args=[bureau.pk])),
        "documents_url": _absolute(request, reverse("api_documents") + f"?bureau={bureau.pk}"),
    }


def document_json(request: HttpRequest, d: Disclosure) -> dict:
    return {
        "id": d.pk,
        "bureau": {"id": d.bureau_id, "name": d.bureau.name},
        "region": _region_brief(d.bureau.region),
        "fiscal_year": d.fiscal_year,
        "kind": d.kind,
        "kind_label": str(d.get_kind_display()),
        "scope": d.scope,
        "scope_label": str(d.get_scope_display()),
        "title": d.title,
        "published_unit": d.unit,
        "status": d.status,
        "superseded_by": d.superseded_by_id,
        "source_filename": d.source_filename,
        "sha256": d.sha256,
        "imported_at": d.imported_at.isoformat() if d.imported_at else None,
        "line_count": getattr(d, "line_count", None),
        "url": _absolute(request, reverse("disclosure_detail", args=[d.pk])),
        "lines_url": _absolute(request, reverse("api_document_lines", args=[d.pk])),
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
        "url": _absolute(request, reverse("disclosure_detail", args=[d.pk])),
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
        "url": _absolute(request, source_line_url(line.disclosure_id, line.first_line)),
    }


def source_json(request: HttpRequest, ref: SourceRef) -> dict:
    return {
        "label": str(ref.label),
        "document": ref.disclosure_id,
        "lines": list(ref.lines),
        "note": str(ref.note),
        "url": _absolute(request, ref.url) if ref.url else None,
    }


def indicator_value_json(request: HttpRequest, value: IndicatorValue) -> dict:
    indicator = BY_KEY[value.indicator]
    reason = (value.missing_reason or _("未说明原因。")) if value.value is None else None
    return {
        "indicator": value.indicator,
        "name": indicator.name_zh,
        "name_en": indicator.name_en,
        "unit": value.unit,
        "value": decimal_string(value.value),
        "missing_reason": str(reason) if reason is not None else None,
        "note": str(value.note),
        "sources": [source_json(request, ref) for ref in value.sources],
        "details": jsonable(value.details),
    }


# --- the views ---


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


def api_view(key: str):
    """Read-only: GET/HEAD only (405 otherwise), the endpoint's filters parsed, errors as JSON."""

    endpoint = BY_ENDPOINT[key]

    def decorator(view):
        @csrf_exempt  # nothing here writes; a POST gets 405 rather than a CSRF page
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method not in ALLOWED_METHODS:
                response = _json({"error": _("只读接口，只接受 GET 请求。")}, status=405)
                response["Allow"] = ", ".join(ALLOWED_METHODS)
                return response
            try:
                params = parse_params(request, endpoint)
                return _json(view(request, params, *args, **kwargs))
            except ApiError as exc:
                return _json({"error": exc.message, "field": exc.field or None}, status=exc.status)
            except ObjectDoesNotExist:
                return _json({"error": _("没有这个文件。"), "field": None}, status=404)

        return wrapper

    return decorator


def paginate(request: HttpRequest, params: dict, items: QuerySet | list) -> tuple[list, dict]:
    """One page of `items` and the envelope around it (count, limit, offset, next, previous)."""
    limit = params.get("limit", DEFAULT_LIMIT)
    offset = params.get("offset", 0)
    count = items.count() if isinstance(items, QuerySet) else len(items)
    page = list(items[offset : offset + limit])

    def link(at: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(limit), str(at)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    meta = {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
    }
    return page, meta


@api_view("regions")
def regions(request, params):
    qs = data_selectors.region_list(
        q=params.get("q", ""), level=params.get("level", ""), parent=params.get("parent", "")
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [region_json(r) for r in page]}


@api_view("bureaus")
def bureaus(request, params):
    qs = data_selectors.bureau_list(
        region=params.get("region", ""), province=params.get("province", ""), q=params.get("q", "")
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [bureau_json(request, b) for b in page]}


@api_view("documents")
def documents(request, params):
    qs = data_selectors.disclosure_list(
        bureau=params.get("bureau"),
        year=params.get("year"),
        kind=params.get("kind", ""),
        scope=params.get("scope", ""),
        status=params.get("status", Disclosure.Status.CURRENT),
        region=params.get("region", ""),
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [document_json(request, d) for d in page]}


@api_view("document")
def document(request, params, pk: int):
    d = data_selectors.disclosure_get_open(pk=pk)
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
                "url": _absolute(request, source_line_url(d.pk, f.line)),
            }
            for f in d.figures.all()
        ],
        "checks": [
            {"severity": c.severity, "code": c.code, "message": c.message, "lines": c.lines} for c in d.checks.all()
        ],
    }


@api_view("document_lines")
def document_lines(request, params, pk: int):
    if not Disclosure.objects.filter(pk=pk).exists():
        raise ApiError(_("没有这个文件。"), status=404)
    qs = data_selectors.line_list(
        disclosure=pk,
        code=params.get("code", ""),
        code_prefix=params.get("code_prefix", ""),
        classification=params.get("classification", ""),
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [line_json(request, line) for line in page]}


@api_view("lines")
def lines(request, params):
    qs = data_selectors.line_list(
        code=params.get("code", ""),
        code_prefix=params.get("code_prefix", ""),
        year=params.get("year"),
        kind=params.get("kind", ""),
        region=params.get("region", ""),
        classification=params.get("classification", ""),
    )
    page, meta = paginate(request, params, qs)
    return meta | {"results": [line_json(request, line) for line in page]}


@api_view("indicators")
def indicators(request, params):
    bureau = params.get("bureau")
    documents = disclosure_list_current(
        province=params.get("province"),
        prefecture=params.get("prefecture"),
        year=params.get("year"),
        kind=params.get("kind"),
        bureau_ids=[bureau] if bureau else None,
    )
    if params.get("latest"):
        documents = disclosure_latest_per_bureau(documents=documents)
    page, meta = paginate(request, params, documents)
    keys = params.get("indicator") or [i.key for i in REGISTRY]
    results = []
    for row in indicator_rows(disclosures=page):
        province = region_province(region=row.region)
        results.append(
            {
                "document": document_brief(request, row.disclosure) | {"province": province.code if province else None},
                "values": {key: indicator_value_json(request, row.values[key]) for key in keys},
            }
        )
    return meta | {"results": results}


@require_safe
def docs(request):
    """The documentation page, generated from ENDPOINTS."""
    endpoints = []
    for endpoint in ENDPOINTS:
        filters = [(f, KIND_LABELS[f.kind]) for f in endpoint.filters]
        try:
            url = reverse(f"api_{endpoint.key}")
        except NoReverseMatch:  # a path with an <id> has no example link
            url = ""
        example = url + endpoint.example if url else ""
        endpoints.append({"endpoint": endpoint, "filters": filters, "example": example})
    context = {
        "endpoints": endpoints,
        "default_limit": DEFAULT_LIMIT,
        "max_limit": MAX_LIMIT,
        "indicators": REGISTRY,
        "base_url": request.build_absolute_uri("/api/"),
    }
    return render(request, "comparisons/api_docs.html", context)
