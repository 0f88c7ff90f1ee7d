"""The dashboard's headline comparisons (HEADLINES) and the indicators the compare page offers by default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from comparisons.indicators import BY_KEY, REGISTRY, Indicator
from comparisons.indicators.running_costs import stated_meaning
from comparisons.vocabulary import DetailKind


@dataclass(frozen=True)
class Detail:
    """An extra column read from an indicator's details (the stated per head, the split by source ...)."""

    indicator: str
    key: str
    label: str
    kind: DetailKind
    # Where the number links: the source of this stated figure (or staff denominator), the methods page's reference
    # table it is measured against, else the figures the document states.
    source_figure: str = ""
    reference: bool = False
    # A TEXT detail that holds the document's own words: what they mean, for `formatting.document_words`.
    meaning: Callable[[str], str] | None = None


@dataclass(frozen=True)
class Headline:
    """One headline comparison of the dashboard: a chart of `chart` and a table of `columns` + `details`."""

    slug: str
    title: str
    intro: str
    chart: tuple[str, ...]
    columns: tuple[str, ...]
    details: tuple[Detail, ...] = ()

    @property
    def table_id(self) -> str:
        """The id of its ranked table on the dashboard."""
        return f"table-{self.slug}"

    @property
    def indicators(self) -> list[Indicator]:
        return [BY_KEY[key] for key in self.columns if key in BY_KEY]

    @property
    def present_details(self) -> list[Detail]:
        return [d for d in self.details if d.indicator in BY_KEY]


HEADLINES: tuple[Headline, ...] = (
    Headline(
        slug="contribution",
        title=_("每名城乡居民参保人的县级财政补助"),
        intro=_(
            "县级财政对城乡居民基本医疗保险基金的补助（2101202）除以同一文件写明的参保人数；"
            "文件未写明人数时用工作人员录入并注明来源的人数，否则空缺并说明原因。"
        ),
        chart=("contribution_per_insured",),
        columns=("county_contribution", "contribution_per_insured"),
        details=(
            Detail(
                "contribution_per_insured",
                "insured_residents",
                _("参保人数（人）"),
                DetailKind.COUNT,
                "insured_residents",
            ),
            Detail("contribution_per_insured", "stated_per_head", _("文件自述每人补助（元）"), DetailKind.YUAN),
            Detail(
                "contribution_per_insured",
                "share_of_national_minimum",
                _("占全国人均最低标准（%）"),
                DetailKind.PERCENT,
                reference=True,
            ),
        ),
    ),
    Headline(
        slug="assistance",
        title=_("医疗救助"),
        intro=_("医疗救助支出（21013）；文件写明资金来源时，另列中央、省级、县级资金，不与合计相加。"),
        chart=("medical_assistance",),
        columns=("medical_assistance", "medical_assistance_per_insured"),
        details=(
            Detail("medical_assistance", "central", _("其中中央资金（万元）"), DetailKind.WAN, "assistance_central"),
            Detail(
                "medical_assistance", "provincial", _("其中省级资金（万元）"), DetailKind.WAN, "assistance_provincial"
            ),
            Detail("medical_assistance", "county", _("其中县级资金（万元）"), DetailKind.WAN, "assistance_county"),
        ),
    ),
    Headline(
        slug="running",
        title=_("运行经费：机关运行经费与行政运行"),
        intro=_(
            "机关运行经费（不含工资）与行政运行（2101501，含人员工资）是两个口径，并列显示，从不相加。"
            "经办机构的事业运行（2101550）和记在其他科目的行政运行均注明。"
        ),
        chart=("running_costs", "administrative_operation"),
        columns=("running_costs", "administrative_operation", "running_costs_share", "administrative_operation_share"),
        details=(Detail("running_costs", "stated_as", _("机关运行经费口径"), DetailKind.TEXT, meaning=stated_meaning),),
    ),
)
HEADLINE_BY_SLUG = {h.slug: h for h in HEADLINES}
HEADLINE_KEYS: tuple[str, ...] = tuple(dict.fromkeys(k for h in HEADLINES for k in h.chart))


def headline_indicators() -> list[Indicator]:
    """The indicators offered by default on the compare page: those declared headline, else the dashboard's."""
    declared = [i for i in REGISTRY if getattr(i, "headline", False)]
    return declared or [BY_KEY[k] for k in HEADLINE_KEYS if k in BY_KEY]


def panel_id(key: str) -> str:
    """The id of an indicator's distribution panel on the dashboard (comparisons/_distribution.html)."""
    return f"panel-{key}"


def dashboard_anchor(key: str) -> str:
    """Where the dashboard shows an indicator's values: its distribution panel, else the ranked table of the headline
    that has it as a column; "" when the dashboard does not show it."""
    for headline in HEADLINES:
        if key in headline.chart:
            return panel_id(key)
    return next((h.table_id for h in HEADLINES if key in h.columns), "")
