"""What a region is called in the reader's language: the one place a region's name is put into it.

The names held (Region.name, from data/regions/adcodes.csv) are Chinese, and the data keeps them (the API, the
downloads, the import records). A reader of another language sees a province-level division by its English name, from
data/regions/provinces_en.csv: the pinyin names of official English usage (Hebei, Inner Mongolia, Tibet (Xizang),
Hong Kong, Macao). Prefectures and counties keep their Chinese names: most have no official English one, and a
romanisation of our own would be a name nobody uses, nor finds.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

PROVINCES_EN_CSV = Path(settings.BASE_DIR) / "data" / "regions" / "provinces_en.csv"


@cache
def province_names_en() -> dict[str, tuple[str, str]]:
    """Each province-level division's code -> (its Chinese name, its English name), as the file lists them."""
    with PROVINCES_EN_CSV.open(encoding="utf-8", newline="") as f:
        return {row["code"]: (row["name"], row["name_en"]) for row in csv.DictReader(f)}


def _plain(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@cache
def _provinces_by_english() -> dict[str, str]:
    """A province-level division's Chinese name by its English one as people type it: any case, spaces or none
    ("inner mongolia", "InnerMongolia"), and each name of one written with another in brackets ("Tibet", "Xizang")."""
    found: dict[str, str] = {}
    for chinese, english in province_names_en().values():
        for name in english.replace(")", "").split("("):
            if _plain(name).isascii():
                found[_plain(name)] = chinese
    return found


def province_from_english(text: str) -> str | None:
    """The Chinese name of the province-level division an English name stands for (Hebei -> 河北省), or None."""
    return _provinces_by_english().get(_plain(text)) if text.isascii() else None


def region_display_name(code: str, name: str) -> str:
    """A region's name in the active language: to a reader of English, a province-level division's English name;
    otherwise (and where the name held is not the one the file translates: a division renamed since) the name held."""
    if (get_language() or "zh").startswith("zh"):
        return name
    chinese, english = province_names_en().get(code, ("", ""))
    return english if name == chinese else name


def region_display_full_name(code: str, full_name: str) -> str:
    """A region's full name (models.region_full_name: province first, "河北省 保定市 顺平县") in the active language:
    its province as region_display_name names it ("Hebei 保定市 顺平县"); a name that does not start with its
    province stays as it is."""
    first, space, rest = full_name.partition(" ")
    return region_display_name(f"{code[:2]}0000", first) + space + rest
