"""The declaration of the API (ENDPOINTS): every endpoint with its route, its FilterSet (filters.py) and its
fields. urls.py routes from it and the documentation page is generated from it: each path is declared here once."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, pgettext_lazy

from .filters import (
    ApiFilterSet,
    BureauFilterSet,
    DocumentFilterSet,
    DocumentLineFilterSet,
    IndicatorFilterSet,
    LineFilterSet,
    NoFilters,
    Param,
    RegionFilterSet,
)

PREFIX = "/api/"
ALLOWED_METHODS = ("GET", "HEAD")


@dataclass(frozen=True)
class Endpoint:
    key: str  # the view's name in views.py; the URL name is "comparisons:api_<key>"
    route: str  # under /api/, as urls.py routes it
    title: str | Promise
    description: str | Promise
    filterset: type[ApiFilterSet]
    fields: tuple[tuple[str | Promise, str | Promise], ...] = ()
    example: str = ""  # a query string to try

    @property
    def path(self) -> str:
        """The path as the documentation page shows it."""
        return PREFIX + self.route.replace("<int:pk>", "<id>")

    @property
    def filters(self) -> list[Param]:
        return self.filterset.documented()

    @property
    def paginated(self) -> bool:
        return self.filterset.paginated


# The part of a field name that stands for any indicator's code, in the reader's words: "values.<指标代码>.value",
# "values.<indicator code>.value" (the path's <id> is the results' own field name, the same in every language).
INDICATOR_CODE = format_lazy("<{}>", pgettext_lazy("接口文档中的占位符", "指标代码"))


def _per_indicator(path: str) -> Promise:
    """A field name under each indicator's code: "values.{}.value" -> "values.<indicator code>.value"."""
    return format_lazy(path, INDICATOR_CODE)


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
        filterset=RegionFilterSet,
        route="regions/",
        title=gettext_lazy("行政区划"),
        description=gettext_lazy("全国省、地、县三级行政区划（民政部区划代码）。"),
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
        filterset=BureauFilterSet,
        route="bureaus/",
        title=gettext_lazy("单位"),
        description=gettext_lazy("发布预决算文件的医疗保障局和医保经办机构。"),
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
        filterset=DocumentFilterSet,
        route="documents/",
        title=gettext_lazy("公开文件"),
        description=gettext_lazy("导入的预算、决算公开文件。默认只列现行版本。"),
        fields=DOCUMENT_FIELDS,
        example="?year=2023&kind=budget",
    ),
    Endpoint(
        key="document",
        filterset=NoFilters,
        route="documents/<int:pk>/",
        title=gettext_lazy("单个文件"),
        description=gettext_lazy("一个文件的基本信息、所含的表、文中数字（参保人数、每人补助标准等）和核对结果。"),
        fields=(
            *DOCUMENT_FIELDS,
            ("tables", gettext_lazy("表：position、key、title、published_unit、start_line、end_line、declared_empty")),
            ("figures", gettext_lazy("文中数字：key、label、value（字符串）、unit、year、line、quote、url")),
            ("checks", gettext_lazy("核对结果：severity、code、message、lines")),
        ),
    ),
    Endpoint(
        key="document_lines",
        filterset=DocumentLineFilterSet,
        route="documents/<int:pk>/lines/",
        title=gettext_lazy("文件的预算行"),
        description=gettext_lazy("一个文件的全部预算行，按原文表格顺序。"),
        fields=LINE_FIELDS,
        example="?code_prefix=210",
    ),
    Endpoint(
        key="lines",
        filterset=LineFilterSet,
        route="lines/",
        title=gettext_lazy("预算行（跨文件）"),
        description=gettext_lazy(
            "所有现行文件的预算行，可按科目、年度、类型和地区筛选。预算与决算、不同年度的行不要相加。"
        ),
        fields=LINE_FIELDS,
        example="?code=2101202",
    ),
    Endpoint(
        key="indicators",
        filterset=IndicatorFilterSet,
        route="indicators/",
        title=gettext_lazy("指标值"),
        description=gettext_lazy(
            "每个现行文件的指标值（定义见方法说明页）。每条结果是一个文件及其各指标的值；"
            "缺失的值为 null，并给出原因；每个值都列出来源。"
        ),
        fields=(
            (
                _per_indicator("indicators.{}"),
                gettext_lazy("结果中各指标的 name（名称）、name_en（英文名称）、unit，每次只列一遍"),
            ),
            ("document", gettext_lazy("文件：id、bureau、region_code、region、fiscal_year、kind、scope、url")),
            (_per_indicator("values.{}.value"), gettext_lazy("数值，字符串；单位见 unit：元、元/人 或 %；缺失为 null")),
            (_per_indicator("values.{}.missing_reason"), gettext_lazy("缺失原因；有值时为 null")),
            (_per_indicator("values.{}.note"), gettext_lazy("说明（如科目记在其他类下、分母为工作人员录入）")),
            (_per_indicator("values.{}.sources"), SOURCE_FIELDS),
            (_per_indicator("values.{}.details"), gettext_lazy("补充数据，如文件自述的每人补助、占全国最低标准的比例")),
        ),
        example="?indicator=contribution_per_insured&latest=1",
    ),
)
BY_ENDPOINT = {e.key: e for e in ENDPOINTS}
