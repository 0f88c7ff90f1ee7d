"""National reference figures, with their sources (shown on the methods page)."""

from dataclasses import dataclass
from decimal import Decimal

# 城乡居民基本医疗保险 minimum fiscal subsidy per insured resident per year (all levels of government together).
NATIONAL_MINIMUM_SUBSIDY: dict[int, Decimal] = {
    2020: Decimal(550),
    2021: Decimal(580),
    2022: Decimal(610),
    2023: Decimal(640),
    2024: Decimal(670),
    2025: Decimal(700),
    2026: Decimal(724),
}

# The yearly notice that sets each year's minimum, by its issuers and title, with its words; 2026 is 2025 plus the
# announced 24元. A document is measured against the minimum of its own fiscal year (a 2023 budget or 2023 final
# account against 2023's).
_ISSUERS = "国家医保局、财政部、国家税务总局"
NATIONAL_MINIMUM_SOURCES: dict[int, str] = {
    2020: f"{_ISSUERS}《关于做好2020年城乡居民基本医疗保障工作的通知》："
    "人均财政补助标准新增30元，达到每人每年不低于550元。",
    2021: f"{_ISSUERS}《关于做好2021年城乡居民基本医疗保障工作的通知》："
    "人均财政补助标准新增30元，达到每人每年不低于580元。",
    2022: f"{_ISSUERS}《关于做好2022年城乡居民基本医疗保障工作的通知》："
    "人均财政补助标准新增30元，达到每人每年不低于610元。",
    2023: f"{_ISSUERS}《关于做好2023年城乡居民基本医疗保障工作的通知》："
    "人均财政补助标准新增30元，达到每人每年不低于640元。",
    2024: f"{_ISSUERS}《关于做好2024年城乡居民基本医疗保障有关工作的通知》："
    "人均财政补助标准提高30元，达到每人每年不低于670元。",
    2025: f"{_ISSUERS}《关于做好2025年城乡居民基本医疗保障有关工作的通知》："
    "人均财政补助标准提高30元，达到每人每年不低于700元。",
    2026: "2025年的700元加上已公布的2026年新增24元，共724元（待正式文件确认）。",
}


def reference_anchor(year: int) -> str:
    """The id of a year's row in the methods page's reference table: where a share of the minimum links to."""
    return f"reference-{year}"


# The individual's own yearly premium where the domain notes state it (元 per person per year).
INDIVIDUAL_PREMIUM: dict[int, Decimal] = {
    2023: Decimal(380),
    2024: Decimal(400),
}


@dataclass(frozen=True)
class ReferenceRow:
    year: int
    minimum_subsidy: Decimal
    increase: Decimal | None  # over the year before, where the table holds that year
    individual_premium: Decimal | None
    source: str
    provisional: bool  # not yet confirmed by a published notice


def reference_rows() -> list[ReferenceRow]:
    """The national reference table, year by year, for the methods page and the API."""
    rows = []
    for year in sorted(NATIONAL_MINIMUM_SUBSIDY):
        before = NATIONAL_MINIMUM_SUBSIDY.get(year - 1)
        rows.append(
            ReferenceRow(
                year=year,
                minimum_subsidy=NATIONAL_MINIMUM_SUBSIDY[year],
                increase=NATIONAL_MINIMUM_SUBSIDY[year] - before if before is not None else None,
                individual_premium=INDIVIDUAL_PREMIUM.get(year),
                source=NATIONAL_MINIMUM_SOURCES.get(year, ""),
                provisional="待正式文件确认" in NATIONAL_MINIMUM_SOURCES.get(year, ""),
            )
        )
    return rows
