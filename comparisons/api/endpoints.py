"""The declaration of the API (ENDPOINTS: every endpoint with its filters and fields) and the reading of a query
string against it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comparisons.indicators import BY_KEY, REGISTRY
from comparisons.params import is_number
from disclosures.models import BudgetLine, Disclosure, Region

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
                tuple((i.key, i.title) for i in REGISTRY),
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
    if not is_number(raw) or not low <= int(raw) <= high:
        raise ApiError(_("%(name)s 应为 %(low)s 到 %(high)s 之间的整数。") % {"name": name, "low": low, "high": high})
    return int(raw)


def _division(raw: str, name: str) -> str:
    if not (len(raw) == 6 and is_number(raw)):
        raise ApiError(_("%(name)s 应为 6 位区划代码，如 411103。") % {"name": name})
    return raw


def _province(raw: str, name: str) -> str:
    if not (is_number(raw) and len(raw) in (2, 6)):
        raise ApiError(_("%(name)s 应为省级区划代码，2 位或 6 位，如 13 或 130000。") % {"name": name})
    return raw[:2]


def _subject(raw: str, name: str) -> str:
    if not (is_number(raw) and len(raw) <= 16):
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
