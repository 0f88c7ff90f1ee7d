"""Demo documents: realistic texts for real county codes made from the samples, imported through the importer,
marked on the pages and exports, removed in one command."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from comparisons.models import StoredIndicator
from disclosures.demo.texts import County, demo_text
from disclosures.models import Bureau, Disclosure
from disclosures.parsing import parse_disclosure
from disclosures.services.demo import SEEDS, demo_templates

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("template", demo_templates(), ids=lambda t: t.name[:3])
def test_a_demo_text_keeps_every_line_of_its_sample_scaled_by_one_factor(template):
    county = County("130102", "长安区", "石家庄市", "河北省")
    factor = Decimal("1.37")
    text, insured = demo_text(template, county=county, year=2021, factor=factor, per_head=97)
    sample, demo = parse_disclosure(template.text), parse_disclosure(text)
    assert demo.meta.publisher == "长安区医疗保障局" and demo.meta.year == 2021
    assert len(demo.lines) == len(sample.lines)
    for before, after in zip(sample.lines, demo.lines, strict=True):
        assert after.code == before.code
        assert after.amounts == {k: v * factor for k, v in before.amounts.items()}
    stated = {f.key: f.value for f in demo.figures}
    if template.insured:
        assert stated["insured_residents"] == insured
        assert stated["subsidy_per_insured"] == 97
        # The document's own per-head figure agrees with 2101202 ÷ insured, as in the sample.
        contribution = next(line.amounts["total"] for line in demo.lines if line.code == "2101202")
        assert abs(contribution / insured - 97) < Decimal("0.5")


def test_generate_marks_and_remove_deletes_only_the_demo(client):
    call_command("import_disclosures", str(SEEDS / "000_3b77d72afb619b15.txt"), stdout=StringIO())
    out = StringIO()
    call_command(
        "generate_demo", "--counties", "4", "--years", "2022-2023", "--seed", "5", stdout=out, stderr=StringIO()
    )
    assert "导入 8 份" in out.getvalue()
    demo = Disclosure.objects.filter(demo=True)
    assert demo.count() == 8 and StoredIndicator.objects.filter(disclosure__in=demo).exists()
    one = demo.first()
    assert "演示数据" in client.get(reverse("disclosures:disclosure_detail", args=[one.pk])).content.decode()
    html = client.get(reverse("comparisons:home"), {"year": one.fiscal_year}).content.decode()
    assert "（演示数据）" in html
    csv = client.get(
        reverse("comparisons:home"), {"year": one.fiscal_year, "_export": "csv", "_table": "running"}
    ).content.decode()
    assert "（演示数据）" in csv
    assert (
        client.get(reverse("comparisons:api_documents"), {"year": one.fiscal_year}).json()["results"][0]["demo"] is True
    )
    call_command("remove_demo", stdout=out)
    assert not Disclosure.objects.filter(demo=True).exists()
    assert Disclosure.objects.count() == 1  # the real sample stays
    assert list(Bureau.objects.values_list("region__code", flat=True)) == ["130636"]
