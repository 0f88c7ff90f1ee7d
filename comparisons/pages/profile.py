"""The bureau page's county profile: for one document (a year and kind), each headline indicator with its rank,
percentile and medians among all counties, in its province and among its peers (the same size band of insured
residents), and a plain-language line of what it means and which way is better.

The standings come from the stored values (selectors/standing.py): a fixed number of queries whatever the number of
bureaus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comparisons.indicators import BY_KEY, Indicator, IndicatorValue
from comparisons.reference import NATIONAL_MINIMUM_SUBSIDY, reference_anchor
from comparisons.selectors import region_province
from comparisons.selectors.bands import INSURED_FROM, Band, band_of
from comparisons.selectors.standing import Place, Standing, standing_get, yearly_medians
from disclosures.models import Disclosure

from .headlines import HEADLINES, dashboard_anchor


@dataclass(frozen=True)
class Measure:
    """A headline indicator as the profile explains it: what it means, and whether high or low is better."""

    key: str
    meaning: str
    judgement: str
    better: str = ""  # "higher", "lower", or "" where neither is better in itself


MEASURES: tuple[Measure, ...] = (
    Measure(
        "contribution_per_insured",
        _("县级财政对城乡居民医保基金的补助，平均到每名参保居民。"),
        _(
            "越高越好：县里为每名参保居民拿出的钱越多。全国最低标准包括中央、省、市、县各级财政的补助，"
            "县级通常只负担其中一小部分。"
        ),
        "higher",
    ),
    Measure(
        "medical_assistance",
        _("医疗救助支出：为困难群众代缴保费、报销自付医疗费用的钱，含上级转移的资金。"),
        _("总额的高低本身不分好坏：它取决于县的大小和需要救助的人数；每名参保人的数值更便于比较。"),
    ),
    Measure(
        "medical_assistance_per_insured",
        _("医疗救助支出平均到每名城乡居民参保人。"),
        _("越高，困难群众一般得到的帮助越多；它也取决于需要救助的人数。"),
        "higher",
    ),
    Measure(
        "running_costs",
        _("机关运行经费：医保局办公、水电、差旅等日常运转的钱，不含工资。"),
        _("越低越好：运转本身花的钱越少；单位越大，这项费用自然越高，所以请与同规模的县比较。"),
        "lower",
    ),
    Measure(
        "administrative_operation",
        _("行政运行（2101501）：医保局机关的基本支出，含工作人员工资。"),
        _("越低越好：机关本身花的钱越少；人员多的单位自然更高，所以请与同规模的县比较。"),
        "lower",
    ),
)
# The three numbers a phone shows first: each headline comparison's first indicator, as on the dashboard.
HEADLINE_NUMBERS: tuple[str, ...] = tuple(h.chart[0] for h in HEADLINES)


@dataclass
class ProfileItem:
    indicator: Indicator
    measure: Measure
    value: IndicatorValue
    standings: dict[str, Standing | None]  # "national", "province", "peers"
    year: int  # the document's fiscal year: the year of the national minimum it is measured against
    # Where each group's values are listed, each linked to its document: the dashboard of the year and kind (the
    # province's for "province", the size band's for "peers"), the county found in it.
    group_urls: dict[str, str] = field(default_factory=dict)

    @property
    def standings_shown(self) -> list[tuple[str, Standing | None, str]]:
        """(scope, standing, where its values are listed or "") of each group, in SCOPES order."""
        return [(scope, s, self.group_urls.get(scope, "")) for scope, s in self.standings.items()]

    @property
    def share_of_minimum(self) -> Decimal | None:
        """The value as a share of the year's national minimum subsidy per insured resident, where it applies: only
        where the minimum it was computed with is the reference table's for the document's year (a value stored
        before the table was corrected would cite a figure the methods page no longer gives)."""
        if self.national_minimum is None or self.national_minimum != NATIONAL_MINIMUM_SUBSIDY.get(self.year):
            return None
        return self.value.details.get("share_of_national_minimum")

    @property
    def national_minimum(self) -> Decimal | None:
        return self.value.details.get("national_minimum")

    @property
    def minimum_anchor(self) -> str:
        """Where the minimum comes from: its year's row in the methods page's reference table (the notice, its
        issuers and year)."""
        return reference_anchor(self.year)

    @property
    def national(self) -> Standing | None:
        return self.standings.get("national")

    @property
    def url(self) -> str:
        """The source line the value was read from."""
        return self.value.source_url()


@dataclass
class Profile:
    document: Disclosure
    province_name: str
    insured: Decimal | None  # the insured residents the peers are grouped by
    band: Band | None
    items: list[ProfileItem] = field(default_factory=list)
    # The national median of each item in each year and kind the bureau has documents of, for its trend charts.
    medians: dict[tuple[str, int, str], Decimal] = field(default_factory=dict)

    @property
    def headlines(self) -> list[ProfileItem]:
        return [i for key in HEADLINE_NUMBERS for i in self.items if i.indicator.key == key]

    @property
    def peers_label(self) -> str:
        """The peers' size band in words."""
        return self.band.label if self.band is not None else ""

    @property
    def insured_shown(self) -> str:
        return f"{self.insured:,.0f}" if self.insured is not None else ""


def insured_of(values: dict[str, IndicatorValue]) -> Decimal | None:
    """The insured residents the document's per-insured values divided by (stated, or entered by staff)."""
    for key in INSURED_FROM:
        value = values.get(key)
        if value is not None and value.details.get("insured_residents") is not None:
            return Decimal(value.details["insured_residents"])
    return None


def bureau_profile(
    *, document: Disclosure, values: dict[str, IndicatorValue], periods: set[tuple[int, str]]
) -> Profile:
    """The county profile of one document: its headline values (`values`, as indicator_rows read them) and where
    each stands in the document's year and kind (two queries), and the national medians of the years and kinds
    (`periods`) of the bureau's documents, where it has two years or more (one query)."""
    insured = insured_of(values)
    province = region_province(region=document.bureau.region)
    profile = Profile(document, province.display_name if province else "", insured, band_of(insured=insured))
    shown = {m.key: m for m in MEASURES if m.key in BY_KEY and m.key in values}
    place = Place(document.fiscal_year, document.kind, province.code[:2] if province else "", profile.band)
    standings = standing_get(place=place, values={key: values[key].value for key in shown})
    for key, measure in shown.items():
        item = ProfileItem(BY_KEY[key], measure, values[key], standings[key], document.fiscal_year)
        item.group_urls = _group_urls(document=document, key=key, province=place.province, band=profile.band)
        profile.items.append(item)
    if len({year for year, _kind in periods}) > 1:
        profile.medians = yearly_medians(keys=list(shown), periods=periods)
    return profile


def _group_urls(*, document: Disclosure, key: str, province: str, band: Band | None) -> dict[str, str]:
    """The dashboard pages that list the values each group's median is taken from: all counties, the province's,
    the peers' (the size band's)."""
    anchor = dashboard_anchor(key)
    if not anchor:
        return {}
    query = {"year": document.fiscal_year, "kind": document.kind, "county": document.bureau.region.code}
    home = reverse("comparisons:home")
    urls = {"national": f"{home}?{urlencode(query)}#{anchor}"}
    if province:
        urls["province"] = f"{home}?{urlencode({**query, 'province': f'{province}0000'})}#{anchor}"
    if band is not None:
        urls["peers"] = f"{home}?{urlencode({**query, 'band': band.low})}#{anchor}"
    return urls
