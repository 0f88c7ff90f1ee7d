"""Load the national list of administrative divisions."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from disclosures.models import Region
from disclosures.versioning import data_version_bump

DEFAULT_REGIONS_CSV = Path(settings.BASE_DIR) / "data" / "regions" / "adcodes.csv"


class RegionFileError(Exception):
    pass


@dataclass(frozen=True)
class RegionLoadSummary:
    created: int
    updated: int
    unchanged: int


def _level(code: str) -> str:
    if code.endswith("0000"):
        return Region.Level.PROVINCE
    if code.endswith("00"):
        return Region.Level.PREFECTURE
    return Region.Level.COUNTY


def _parent_code(code: str, known: set[str]) -> str | None:
    level = _level(code)
    if level == Region.Level.PROVINCE:
        return None
    prefecture, province = code[:4] + "00", code[:2] + "0000"
    # Counties directly under a province (直辖县, municipal districts) have no prefecture row.
    if level == Region.Level.COUNTY and prefecture in known:
        return prefecture
    return province if province in known else None


def _read_rows(path: Path) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            fields = set(reader.fieldnames or [])
            code_field = "adcode" if "adcode" in fields else "code"
            if code_field not in fields or "name" not in fields:
                raise RegionFileError(f"{path}: 第 1 行应有列 adcode（或 code）和 name，实际为 {sorted(fields)}")
            rows: dict[str, str] = {}
            for number, row in enumerate(reader, start=2):
                raw = (row.get(code_field) or "").strip()
                name = (row.get("name") or "").strip()
                if not (raw.isdigit() and len(raw) in (6, 9, 12) and name):
                    raise RegionFileError(
                        f"{path}: 第 {number} 行应为 6 或 12 位区划代码和名称，实际为 {raw!r} {name!r}"
                    )
                rows[raw[:6]] = name
    except (OSError, UnicodeDecodeError) as exc:
        raise RegionFileError(f"{path}: 无法读取：{exc}") from exc
    return rows


@transaction.atomic
def region_load_csv(*, path: Path = DEFAULT_REGIONS_CSV) -> RegionLoadSummary:
    """Create or update regions from a CSV; parents are set from the codes. Regions in use are never deleted."""
    rows = _read_rows(Path(path))
    existing = {r.code: r for r in Region.objects.all()}
    known = set(rows) | set(existing)
    created = updated = unchanged = 0
    new, changed = [], []
    for code, name in sorted(rows.items()):
        region = existing.get(code)
        if region is None:
            new.append(Region(code=code, name=name, level=_level(code)))
            created += 1
        elif region.name != name or region.level != _level(code):
            region.name, region.level = name, _level(code)
            changed.append(region)
            updated += 1
        else:
            unchanged += 1
    Region.objects.bulk_create(new, batch_size=1000)
    Region.objects.bulk_update(changed, ["name", "level"], batch_size=1000)
    by_code = {r.code: r for r in Region.objects.all()}
    reparent = []
    for code in rows:
        region = by_code[code]
        parent_code = _parent_code(code, known)
        parent_id = by_code[parent_code].pk if parent_code in by_code else None
        if region.parent_id != parent_id:
            region.parent_id = parent_id
            reparent.append(region)
    Region.objects.bulk_update(reparent, ["parent"], batch_size=1000)
    if updated or reparent:
        data_version_bump()  # the pages show region names
    return RegionLoadSummary(created=created, updated=updated, unchanged=unchanged)
