"""The bureau page compares each document with the same bureau's document of the year before, of the same kind."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from disclosures.models import Bureau

from .seeded import SEEDS

pytestmark = pytest.mark.django_db


def gaoyi_text() -> str:
    return next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")


def import_text(tmp_path, name: str, text: str, *args: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("import_disclosures", str(path), *args, stdout=StringIO(), stderr=StringIO())


def test_two_budgets_of_consecutive_years_show_their_change(client, tmp_path):
    import_text(tmp_path, "2026.txt", gaoyi_text())
    # The year before, as a budget too, with a smaller county contribution.
    earlier = gaoyi_text().replace("2026", "2025").replace("2191.00", "2000.00")
    import_text(tmp_path, "2025.txt", earlier)
    bureau = Bureau.objects.get(region__code="130127")
    html = client.get(reverse("comparisons:bureau_detail", args=[bureau.pk])).content.decode()
    section = html.split('id="changes-heading"')[1].split("</section>")[0]
    assert "2025年部门预算" in section and "2026年部门预算" in section
    row = next(r for r in section.split("<tr>") if "县级财政对城乡居民医保基金的补助" in r)
    assert "2,000.00" in row and "2,191.00" in row and "191.00" in row and "9.6" in row
    # Each year's value links to the line it was read from, in its own document.
    current, previous = (bureau.disclosures.get(fiscal_year=year).pk for year in (2026, 2025))
    assert f'href="/documents/{previous}/#L' in row and f'href="/documents/{current}/#L' in row
    assert row.index(f"/documents/{previous}/") < row.index(f"/documents/{current}/")


def test_a_change_that_cannot_be_computed_says_why_on_the_page(client, tmp_path):
    import_text(tmp_path, "2026.txt", gaoyi_text())
    # The year before has no 2101202 line (its rows taken out): that value is missing, and so is its change.
    earlier = gaoyi_text().replace("2026", "2025")
    earlier = "\n".join(line for line in earlier.splitlines() if "210120" not in line)
    import_text(tmp_path, "2025.txt", earlier)
    bureau = Bureau.objects.get(region__code="130127")
    html = client.get(reverse("comparisons:bureau_detail", args=[bureau.pk])).content.decode()
    section = html.split('id="changes-heading"')[1].split("</section>")[0]
    row = next(r for r in section.split("<tr>") if "<td>县级财政对城乡居民医保基金的补助（" in r)
    # Said in words a phone shows (not a hover title): the missing year, and why there is no change.
    assert "缺失" in row and "不比较" in row and "2025年缺少此项，无法比较。" in row and "title=" not in row
    assert "2,191.00" in row


def test_a_final_account_is_never_compared_with_a_budget(client, tmp_path):
    import_text(tmp_path, "2026.txt", gaoyi_text())
    final = gaoyi_text().replace("2026", "2025").replace("预算", "决算")
    import_text(tmp_path, "2025-final.txt", final, "--kind", "final")
    bureau = Bureau.objects.get(region__code="130127")
    assert bureau.disclosures.count() == 2
    html = client.get(reverse("comparisons:bureau_detail", args=[bureau.pk])).content.decode()
    section = html.split('id="changes-heading"')[1].split("</section>")[0]
    assert "预算与决算不相比" in section
