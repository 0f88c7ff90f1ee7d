"""National reference figures, with their sources (shown on the methods page)."""

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

# Titles of the yearly notices of 国家医保局、财政部、国家税务总局; 2026 is 2025 plus the announced 24元.
NATIONAL_MINIMUM_SOURCES: dict[int, str] = {
    2020: "国家医保局、财政部、国家税务总局《关于做好2020年城乡居民基本医疗保障工作的通知》：人均财政补助标准新增30元，达到每人每年不低于550元。",
    2021: "《关于做好2021年城乡居民基本医疗保障工作的通知》：人均财政补助标准新增30元，达到每人每年不低于580元。",
    2022: "《关于做好2022年城乡居民基本医疗保障工作的通知》：人均财政补助标准新增30元，达到每人每年不低于610元。",
    2023: "《关于做好2023年城乡居民基本医疗保障工作的通知》：人均财政补助标准新增30元，达到每人每年不低于640元。",
    2024: "《关于做好2024年城乡居民基本医疗保障有关工作的通知》：人均财政补助标准提高30元，达到每人每年不低于670元。",
    2025: "《关于做好2025年城乡居民基本医疗保障有关工作的通知》：人均财政补助标准提高30元，达到每人每年不低于700元。",
    2026: "2025年的700元加上已公布的2026年新增24元，共724元（待正式文件确认）。",
}
