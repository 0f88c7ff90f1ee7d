"""The slice summaries the dashboard and the bureau page read: what they hold is what the database counts from the
stored values (counts, medians, histogram, values in order; by province and by size band), and a change of the data
writes them again."""

from decimal import Decimal
from io import StringIO

import pytest
from django.urls import reverse

from comparisons.indicators import BY_KEY
from comparisons.models import SliceSummary
from comparisons.pages.headlines import HEADLINE_KEYS
from comparisons.selectors.bands import BANDS, band_documents, band_group
from comparisons.selectors.rankings import (
    Slice,
    histogram_of,
    median_of,
    slices_histogram,
    slices_medians,
    slices_stats,
    slices_values,
)
from comparisons.selectors.summaries import summaries_get
from disclosures.models import Region
from disclosures.versioning import data_version_bump, data_version_get
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory, store_indicators

pytestmark = pytest.mark.django_db

YEAR, KIND = 2023, "budget"
KEYS = ["county_contribution", "contribution_per_insured", "medical_assistance"]


def _county(code: str, contribution: str | None, insured: str | None) -> None:
    document = DisclosureFactory(bureau=BureauFactory(region=Region.objects.get(code=code)), fiscal_year=YEAR)
    if contribution is not None:
        line = BudgetLineFactory(table__disclosure=document, total=Decimal(contribution))
        BudgetLineFactory(table=line.table, code="2101301", name="城乡医疗救助", total=Decimal(contribution) / 7)
    if insured is not None:
        document.figures.create(
            key="insured_residents", value=Decimal(insured), unit="人", line=1, quote=f"参保居民{insured}人"
        )


@pytest.fixture
def counties():
    # Three provinces, a county with no contribution line (missing, not 0), counties of three size bands, equal
    # values, an odd and an even count.
    for code, contribution, insured in [
        ("130636", "30000000.00", "150000"),
        ("130127", "20000000.00", "90000"),
        ("130102", "20000000.00", "450000"),
        ("130104", "12345678.91", None),
        ("411103", "10000000.00", "120000"),
        ("411102", None, "80000"),
        ("611025", "55555555.55", "850000"),
    ]:
        _county(code, contribution, insured)
    store_indicators()


def test_the_summaries_hold_what_the_database_counts(counties):
    summaries = summaries_get(periods=[(YEAR, KIND)], groups=["13", "41", "61"], keys=KEYS)
    parts = [Slice(key, YEAR, KIND) for key in KEYS]
    stats, values = slices_stats(parts=parts), slices_values(parts=parts)
    medians = slices_medians(parts=parts, by_province=True, with_whole=True)
    bins = slices_histogram(parts=parts, stats=stats)
    for key in KEYS:
        whole = summaries[key, "", YEAR, KIND]
        assert (whole.count, whole.present, whole.low, whole.high) == (
            stats[key].count,
            stats[key].present,
            stats[key].low,
            stats[key].high,
        )
        assert list(whole.values) == values[key]
        assert whole.bins == bins[key]
        assert (whole.median, whole.present) == medians[key][""]
        for province in ("13", "41", "61"):
            own = summaries.get((key, province, YEAR, KIND))
            if province in medians[key]:
                assert (own.median, own.present) == medians[key][province]
            else:  # a province whose counties have no value for it: counted, no median
                assert own.median is None and own.present == 0 and own.count > 0
    assert summaries["county_contribution", "", YEAR, KIND].count == 7
    assert summaries["county_contribution", "", YEAR, KIND].present == 6  # the missing one is not a 0
    assert summaries["county_contribution", "13", YEAR, KIND].median == Decimal("20000000.00")
    assert summaries["county_contribution", "41", YEAR, KIND].present == 1


def test_a_size_band_holds_the_counties_of_that_band(counties):
    groups = [band_group(band) for band in BANDS]
    summaries = summaries_get(periods=[(YEAR, KIND)], groups=groups, keys=KEYS)
    for band in BANDS:
        documents = tuple(band_documents(year=YEAR, kind=KIND, band=band))
        part = Slice("county_contribution", YEAR, KIND, documents=documents)
        own = summaries.get(("county_contribution", band_group(band), YEAR, KIND))
        if not documents:
            assert own is None
            continue
        assert list(own.values) == slices_values(parts=[part])["county_contribution"]
        assert own.median == median_of(list(own.values))
    # 90,000 insured residents: the first band. The county of 80,000 has no contribution line, so no per-insured
    # value that states its insured residents: its band is not known, and it is no county's peer.
    first = summaries["county_contribution", band_group(BANDS[0]), YEAR, KIND]
    assert (first.count, first.present, list(first.values)) == (1, 1, [Decimal("20000000.00")])


def test_a_change_of_the_data_writes_them_again(counties):
    before = summaries_get(periods=[(YEAR, KIND)], groups=[], keys=["county_contribution"])
    assert before["county_contribution", "", YEAR, KIND].count == 7
    _county("110101", "1.00", None)
    store_indicators()  # recomputing stored values is a change of the data
    after = summaries_get(periods=[(YEAR, KIND)], groups=[], keys=["county_contribution"])
    assert after["county_contribution", "", YEAR, KIND].count == 8
    assert after["county_contribution", "", YEAR, KIND].low == Decimal("1.00")
    # Derived rows of an older data version are gone; nothing else is.
    assert set(SliceSummary.objects.values_list("data_version", flat=True)) == {data_version_get()}
    data_version_bump()
    again = summaries_get(periods=[(YEAR, KIND)], groups=[], keys=["county_contribution"])
    assert list(again["county_contribution", "", YEAR, KIND].values) == list(
        after["county_contribution", "", YEAR, KIND].values
    )
    assert set(SliceSummary.objects.values_list("data_version", flat=True)) == {data_version_get()}


def test_the_dashboard_shows_the_median_the_summary_holds(client, counties):
    html = client.get(reverse("comparisons:home"), {"year": YEAR, "kind": KIND}).content.decode()
    # Per insured resident: 44.44, 65.36, 83.33, 200.00 and 222.22 元 (one county's insured residents unknown).
    assert "全国中位数 83.33 元/人（5 个单位）" in html


def test_a_histogram_of_equal_values_is_one_bin_around_them():
    values = [Decimal("5.00")] * 3
    (only,) = histogram_of(values=values, unit=BY_KEY[HEADLINE_KEYS[0]].unit)
    assert only.low < Decimal("5.00") < only.high and only.count == 3


def test_an_import_keeps_the_other_years_summaries_and_has_its_own_year_written_again():
    """Real documents imported as users import them: 2023, 2024 and 2026 budgets summarised, then a second 2023 budget
    (镇安's unit budget). Only 2023's summaries are written again; 2024's and 2026's rows are carried to the new data
    version as they were."""
    from django.core.management import call_command

    from .pages_support import SEEDS

    def imported(*names: str) -> None:
        call_command("import_disclosures", *(str(SEEDS / n) for n in names), stdout=StringIO(), stderr=StringIO())

    imported("000_3b77d72afb619b15.txt", "002_397ecf54ea00b92f.txt", "003_09a266ca87a25e76.txt")
    periods = [(2023, "budget"), (2024, "budget"), (2026, "budget")]
    summaries_get(periods=periods, groups=[], keys=KEYS)
    before = {(r.fiscal_year, r.indicator, r.group): r.pk for r in SliceSummary.objects.all()}
    assert {year for year, _, _ in before} == {2023, 2024, 2026}
    version = data_version_get()

    imported("004_ba0d23ffbd0d6f1c.txt")  # 镇安县医疗保险经办机构, 2023 unit budget

    assert data_version_get() == version + 1
    carried = {
        (r.fiscal_year, r.indicator, r.group): r.pk for r in SliceSummary.objects.filter(data_version=version + 1)
    }
    assert carried == {key: pk for key, pk in before.items() if key[0] != 2023}
    found = summaries_get(periods=periods, groups=[], keys=KEYS)
    # 2023 written again with both 2023 budgets; 2024 and 2026 as they were, one document each.
    assert found["county_contribution", "", 2023, "budget"].count == 2
    assert found["county_contribution", "", 2024, "budget"].count == 1
    assert found["county_contribution", "", 2026, "budget"].count == 1
    assert SliceSummary.objects.exclude(data_version=version + 1).count() == 0


def test_replacing_and_restoring_a_version_keep_the_other_years_summaries(tmp_path):
    """A changed 2023 file replaces the stored one, then the first version is restored: each time 2026's summaries are
    carried to the new data version and 2023's are written again from the version now current."""
    from django.core.management import call_command

    from .pages_support import SEEDS

    original = SEEDS / "000_3b77d72afb619b15.txt"
    changed = tmp_path / "changed.txt"
    changed.write_text(original.read_text(encoding="utf-8") + "\n（更正版）\n", encoding="utf-8")

    def imported(path, *options: str) -> None:
        call_command("import_disclosures", str(path), *options, stdout=StringIO(), stderr=StringIO())

    imported(original)
    imported(SEEDS / "003_09a266ca87a25e76.txt")  # 2026
    periods = [(2023, "budget"), (2026, "budget")]
    summaries_get(periods=periods, groups=[], keys=KEYS)
    kept = set(SliceSummary.objects.filter(fiscal_year=2026).values_list("pk", flat=True))
    for path in (changed, original):  # replaced, then restored
        version = data_version_get()
        imported(path, "--replace")
        assert data_version_get() == version + 1
        now = SliceSummary.objects.filter(data_version=version + 1)
        assert set(now.filter(fiscal_year=2026).values_list("pk", flat=True)) == kept
        assert not now.filter(fiscal_year=2023).exists()
        found = summaries_get(periods=periods, groups=[], keys=KEYS)
        assert found["county_contribution", "", 2023, "budget"].count == 1  # the current version alone
