"""The API's query parameters as django-filter FilterSets: one per endpoint, strict.

Each parameter is a filter whose form field reads the raw value (ASCII digits only for numbers, a closed list for
choices) with a message naming what is expected; `ApiFilterSet.params()` refuses an unknown parameter, naming it
and the allowed ones, and hands the view the values read. The documentation page lists the same filters (name,
what values, help text, choices, an example), so the page and the parsing cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comparisons.formatting import enumerated
from comparisons.indicators import BY_KEY, REGISTRY
from comparisons.params import MAX_ID, is_number
from disclosures.models import BudgetLine, Disclosure, Region

DEFAULT_LIMIT = 100
PAGING = ("limit", "offset")
MAX_LIMIT = 500
# An offset costs the database every row before it (2 million budget lines: 5 s at the end); further than this, a
# reader narrows the list by its filters or takes the whole table from the downloads.
MAX_OFFSET = 100_000
MAX_TEXT = 64  # the error message says 64


class ApiError(Exception):
    def __init__(self, message: str, *, status: int = 400, field: str = ""):
        super().__init__(message)
        self.message, self.status, self.field = message, status, field


# --- reading one value ---


def _integer(low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not is_number(raw) or not low <= int(raw) <= high:
            raise ValidationError(
                _("%(name)s 应为 %(low)s 到 %(high)s 之间的整数。"), params={"low": low, "high": high}
            )
        return int(raw)

    return parse


def _division(raw: str) -> str:
    if not (len(raw) == 6 and is_number(raw)):
        raise ValidationError(_("%(name)s 应为 6 位区划代码，如 411103。"))
    return raw


def _province(raw: str) -> str:
    if not (is_number(raw) and len(raw) in (2, 6)):
        raise ValidationError(_("%(name)s 应为省级区划代码，2 位或 6 位，如 13 或 130000。"))
    return raw[:2]


def _subject(raw: str) -> str:
    if not (is_number(raw) and len(raw) <= 16):
        raise ValidationError(_("%(name)s 应为数字科目编码，如 2101202。"))
    return raw


def _text(raw: str) -> str:
    if len(raw) > MAX_TEXT:
        raise ValidationError(_("%(name)s 太长（最多 64 个字符）。"))
    return raw


def _indicators(raw: str) -> list[str]:
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    unknown = [k for k in keys if k not in BY_KEY]
    if unknown or not keys:
        raise ValidationError(
            _("没有这个指标：%(unknown)s。可用的指标见 /api/。"), params={"unknown": enumerated(unknown) or raw}
        )
    return keys


def _bool(raw: str) -> bool:
    if raw.lower() in ("1", "true", "yes"):
        return True
    if raw.lower() in ("0", "false", "no"):
        return False
    raise ValidationError(_("%(name)s 应为 1 或 0。"))


def _offset(raw: str) -> int:
    offset = _integer(0, 2**31)(raw)
    if offset > MAX_OFFSET:
        raise ValidationError(
            _(
                "%(name)s 最大为 %(most)s。更靠后的条目请用筛选条件缩小范围（如 year、region），"
                "或下载全部数据：/downloads/lines.csv、/downloads/indicators.csv。"
            ),
            params={"most": f"{MAX_OFFSET:,}"},
        )
    return offset


def _limit(raw: str) -> int:
    return min(_integer(1, 2**31)(raw), MAX_LIMIT)  # more than the most gives the most


class ValueField(forms.Field):
    """One query-string value, stripped; blank is absent (None); anything else read by `parse`."""

    def __init__(self, *, parse: Callable[[str], Any], **kwargs):
        self.parse = parse
        super().__init__(**kwargs)

    def to_python(self, value):
        raw = (value or "").strip()
        return None if raw == "" else self.parse(raw)


class ValueFilter(django_filters.Filter):
    """A parameter: how its value is read (`parse`), what values it takes (`kind`), a help text and an example."""

    field_class = ValueField

    def __init__(
        self,
        *,
        parse: Callable[[str], Any],
        kind: str | Promise,
        help_text: str | Promise,
        example: str = "",
        choices: Sequence[tuple[str, str | Promise]] = (),
    ):
        self.kind, self.example, self.choices = kind, example, tuple(choices)
        super().__init__(parse=parse, help_text=help_text, required=False)


def choice_filter(help_text: str | Promise, choices, example: str) -> ValueFilter:
    listed = tuple((value, label) for value, label in choices)
    allowed = [value for value, _label in listed]

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValidationError(_("%(name)s 只能是：%(allowed)s。"), params={"allowed": enumerated(allowed)})
        return raw

    return ValueFilter(parse=parse, kind=gettext_lazy("可选值"), help_text=help_text, example=example, choices=listed)


def text_filter(help_text, example: str) -> ValueFilter:
    return ValueFilter(parse=_text, kind=gettext_lazy("文字"), help_text=help_text, example=example)


def division_filter(help_text, example: str) -> ValueFilter:
    return ValueFilter(parse=_division, kind=gettext_lazy("6 位区划代码"), help_text=help_text, example=example)


def province_filter() -> ValueFilter:
    return ValueFilter(
        parse=_province,
        kind=gettext_lazy("2 或 6 位区划代码"),
        help_text=gettext_lazy("省级区划代码（2 位或 6 位）。"),
        example="13",
    )


def subject_filter(help_text, example: str) -> ValueFilter:
    return ValueFilter(parse=_subject, kind=gettext_lazy("科目编码"), help_text=help_text, example=example)


def bureau_filter() -> ValueFilter:
    return ValueFilter(
        parse=_integer(1, MAX_ID), kind=gettext_lazy("编号"), help_text=gettext_lazy("单位编号。"), example="1"
    )


def year_filter() -> ValueFilter:
    return ValueFilter(
        parse=_integer(1990, 2100),
        kind=gettext_lazy("年份"),
        help_text=gettext_lazy("年度（文件所属的预算或决算年度）。"),
        example="2024",
    )


def kind_filter() -> ValueFilter:
    return choice_filter(gettext_lazy("文件类型：预算或决算。"), Disclosure.Kind.choices, "budget")


def classification_filter() -> ValueFilter:
    return choice_filter(gettext_lazy("分类。"), BudgetLine.Classification.choices, "functional")


# --- the FilterSets ---


@dataclass(frozen=True)
class Param:
    """One parameter as the documentation page lists it."""

    name: str
    kind: str | Promise
    help: str | Promise
    example: str
    choices: tuple[tuple[str, str | Promise], ...]
    list_choices: bool  # the indicators' codes are a section of their own, not listed in the row


class ApiFilterSet(django_filters.FilterSet):
    """Strict: a parameter the endpoint does not take is refused, not ignored (a misspelt filter would otherwise
    return everything). Paginated endpoints take limit and offset."""

    paginated = True

    limit = ValueFilter(
        parse=_limit,
        kind=gettext_lazy("整数"),
        help_text=format_lazy(
            gettext_lazy("每页条数，默认 {default}，最多 {most}（更大的数按 {most}）。"),
            default=DEFAULT_LIMIT,
            most=MAX_LIMIT,
        ),
        example="20",
    )
    offset = ValueFilter(
        parse=_offset,
        kind=gettext_lazy("整数"),
        help_text=format_lazy(
            gettext_lazy("从第几条开始（从 0 起），最大 {most}；更靠后的请用筛选条件缩小范围，或下载全部数据。"),
            most=f"{MAX_OFFSET:,}",
        ),
        example="20",
    )

    @classmethod
    def read(cls, data: QueryDict) -> dict[str, Any]:
        """The values of a query string, read; an unknown name or a bad value raises ApiError naming the parameter.
        The views hand the values to their selectors (which do more than one lookup per filter), so the FilterSet
        filters no queryset of its own."""
        return cls(data, queryset=Disclosure.objects.none()).params()

    def params(self) -> dict[str, Any]:
        names = self.names()
        unknown = sorted(set(self.data) - set(names))
        if unknown:
            accepted = enumerated(names) or _("（无）")
            raise ApiError(
                _("不认识的参数：%(unknown)s。可用的参数：%(accepted)s。")
                % {"unknown": enumerated(unknown), "accepted": accepted},
                field=unknown[0],
            )
        if not self.form.is_valid():
            name, errors = next(iter(self.form.errors.as_data().items()))
            error = errors[0]
            raise ApiError(error.message % {**(error.params or {}), "name": name}, field=name)
        return {name: value for name, value in self.form.cleaned_data.items() if value is not None}

    @classmethod
    def names(cls) -> list[str]:
        """The parameters in the order the documentation lists them: the endpoint's own, then limit and offset."""
        return sorted(cls.base_filters, key=lambda name: name in PAGING)

    @classmethod
    def documented(cls) -> list[Param]:
        params = []
        for name in cls.names():
            f = cls.base_filters[name]
            params.append(Param(name, f.kind, f.extra["help_text"], f.example, f.choices, name != "indicator"))
        return params


class NoFilters(ApiFilterSet):
    """An endpoint that takes no parameter (one document)."""

    paginated = False
    limit = None
    offset = None


class RegionFilterSet(ApiFilterSet):
    q = text_filter(gettext_lazy("名称包含该词，或代码以此开头。"), "郾城")
    level = choice_filter(gettext_lazy("级别。"), Region.Level.choices, "county")
    parent = division_filter(gettext_lazy("上级区划的 6 位代码：列出其直接下级。"), "411100")


class BureauFilterSet(ApiFilterSet):
    region = division_filter(gettext_lazy("区划代码（省、地、县任一级），列出该区划内的单位。"), "411100")
    province = province_filter()
    q = text_filter(gettext_lazy("单位名称、别名或县名包含该词，或区划代码。"), "高邑")


class DocumentFilterSet(ApiFilterSet):
    bureau = bureau_filter()
    year = year_filter()
    kind = kind_filter()
    scope = choice_filter(gettext_lazy("范围：部门或单位。"), Disclosure.Scope.choices, "unit")
    status = choice_filter(
        gettext_lazy("版本状态，默认 current；all 表示包括已被替换的版本。"),
        (*Disclosure.Status.choices, ("all", gettext_lazy("全部"))),
        "all",
    )
    region = division_filter(gettext_lazy("区划代码（省、地、县任一级）。"), "130000")


class DocumentLineFilterSet(ApiFilterSet):
    code = subject_filter(gettext_lazy("科目编码，完全相同。"), "2101202")
    code_prefix = subject_filter(gettext_lazy("科目编码以此开头（如 21013 含其下各项）。"), "21013")
    classification = classification_filter()


class LineFilterSet(ApiFilterSet):
    code = subject_filter(gettext_lazy("科目编码，完全相同。"), "2101202")
    code_prefix = subject_filter(gettext_lazy("科目编码以此开头。"), "21013")
    year = year_filter()
    kind = kind_filter()
    region = division_filter(gettext_lazy("区划代码（省、地、县任一级）。"), "130000")
    classification = classification_filter()


class IndicatorFilterSet(ApiFilterSet):
    indicator = ValueFilter(
        parse=_indicators,
        kind=gettext_lazy("指标代码，逗号分隔"),
        help_text=gettext_lazy("指标代码，可用逗号分隔多个；不填则给出全部指标。"),
        example="contribution_per_insured",
        choices=[(i.key, i.title) for i in REGISTRY],
    )
    year = year_filter()
    kind = kind_filter()
    province = province_filter()
    prefecture = division_filter(gettext_lazy("地级区划代码。"), "411100")
    bureau = bureau_filter()
    latest = ValueFilter(
        parse=_bool,
        kind=gettext_lazy("1 或 0"),
        help_text=gettext_lazy("为 1 时每个单位只取最新的一个文件（首页的默认做法）。"),
        example="1",
    )
