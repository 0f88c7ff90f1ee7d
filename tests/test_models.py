import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from disclosures.models import BudgetLine, Bureau, Disclosure, Region, region_full_name
from disclosures.region_names import province_names_en, region_display_full_name, region_display_name

from .factories import BudgetLineFactory, BureauFactory, DisclosureFactory, store_indicators

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "full_name"),
    [
        ("310107", "上海市 普陀区"),  # 上海市 is the province and the prefecture: named once
        ("110101", "北京市 东城区"),
        ("120101", "天津市 和平区"),
        ("500229", "重庆市 城口县"),  # under 500200 重庆市 (the counties), not 500100
        ("130636", "河北省 保定市 顺平县"),
        ("310000", "上海市"),
    ],
)
def test_a_region_is_named_with_each_level_once(code, full_name):
    assert Region.objects.get(code=code).full_name == full_name


def test_a_name_is_dropped_only_when_it_repeats_the_one_before():
    assert region_full_name(["上海市", "上海市", "普陀区"]) == "上海市 普陀区"
    assert region_full_name(["吉林省", "吉林市", "船营区"]) == "吉林省 吉林市 船营区"
    assert region_full_name(["河北省", None, "定州市"]) == "河北省 定州市"


def test_the_dashboard_export_names_a_municipal_district_once(client):
    BudgetLineFactory(table__disclosure__bureau=BureauFactory(region=Region.objects.get(code="310107")))
    store_indicators()
    exported = client.get("/", {"_export": "csv", "_table": "contribution"}).content.decode("utf-8-sig")
    assert "上海市 普陀区" in exported and "上海市 上海市" not in exported


def test_every_province_level_division_has_its_english_name():
    """The 31 provinces, autonomous regions and municipalities, Hong Kong, Macao and Taiwan, as the list holds them."""
    held = dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name"))
    assert len(held) >= 34
    english = province_names_en()
    assert {code: names[0] for code, names in english.items()} == held  # the same codes, the same Chinese names
    assert not [e for _, e in english.values() if not e or re.search(r"[\u3000-\u9fff\uff00-\uffef]", e)]
    assert english["150000"][1] == "Inner Mongolia" and english["820000"][1] == "Macao"


@pytest.mark.parametrize(
    ("code", "english", "chinese"),
    [
        ("130636", "Hebei 保定市 顺平县", "河北省 保定市 顺平县"),  # the county and prefecture keep their names
        ("310107", "Shanghai 普陀区", "上海市 普陀区"),  # a municipality, named once
        ("150000", "Inner Mongolia", "内蒙古自治区"),
        ("540000", "Tibet (Xizang)", "西藏自治区"),
        ("810000", "Hong Kong", "香港特别行政区"),
        ("611025", "Shaanxi 商洛市 镇安县", "陕西省 商洛市 镇安县"),
    ],
)
def test_a_page_names_the_province_in_the_readers_language(code, english, chinese):
    region = Region.objects.select_related("parent__parent").get(code=code)
    assert region.display_full_name == chinese and region.full_name == chinese
    with translation.override("en"):
        assert region.display_full_name == english
        assert region.full_name == chinese  # the data (the API, the import records) keeps the names held


def test_a_name_is_english_only_where_it_is_the_province_held():
    with translation.override("en"):
        assert region_display_name("130000", "河北省") == "Hebei"
        assert str(Region.objects.get(code="130000")) == "Hebei (130000)"
        assert region_display_name("130000", "冀") == "冀"  # a name the file does not translate stays as held
        assert region_display_name("130600", "保定市") == "保定市"
        assert region_display_full_name("130636", "顺平县") == "顺平县"  # no province in front: nothing to name
    assert str(Region.objects.get(code="130000")) == "河北省（130000）"


def test_national_division_list_is_loaded_with_parents():
    shunping = Region.objects.select_related("parent__parent").get(code="130636")
    assert shunping.name == "顺平县"
    assert shunping.level == Region.Level.COUNTY
    assert shunping.parent.name == "保定市"
    assert shunping.parent.parent.name == "河北省"
    assert shunping.full_name == "河北省 保定市 顺平县"
    assert Region.objects.count() > 3000


def test_two_counties_may_print_the_same_budget_code():
    a = BureauFactory(region=Region.objects.get(code="130636"), budget_code="450")
    b = BureauFactory(region=Region.objects.get(code="130127"), budget_code="450")
    assert {a.name, b.name} == {"顺平县医疗保障局", "高邑县医疗保障局"}
    assert Bureau.objects.filter(budget_code="450").count() == 2


def test_one_county_cannot_hold_two_bureaus_of_the_same_name():
    BureauFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        BureauFactory.create(region=Region.objects.get(code="130636"), name="顺平县医疗保障局")


def test_a_document_has_one_current_version_and_keeps_the_superseded_one():
    old = DisclosureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        DisclosureFactory(bureau=old.bureau, source_text="第二版")
    new = DisclosureFactory.build(bureau=old.bureau, source_text="第二版", sha256="b" * 64)
    old.status = Disclosure.Status.SUPERSEDED
    old.superseded_at = timezone.now()
    old.save()
    new.save()
    old.superseded_by = new
    old.save()
    versions = Disclosure.objects.filter(bureau=old.bureau, fiscal_year=2023).order_by("pk")
    assert [v.status for v in versions] == ["superseded", "current"]
    assert list(new.replaced_versions.all()) == [old]


def test_budget_and_final_account_of_one_year_are_both_current():
    budget = DisclosureFactory()
    final = DisclosureFactory(bureau=budget.bureau, kind=Disclosure.Kind.FINAL)
    assert {budget.status, final.status} == {"current"}


def test_amounts_are_exact_to_the_fen():
    line = BudgetLineFactory(total=Decimal("98765432101.23"), basic=Decimal("0.01"), project=Decimal("98765432101.22"))
    stored = BudgetLine.objects.get(pk=line.pk)
    assert stored.total == Decimal("98765432101.23")
    assert stored.basic + stored.project == stored.total
    assert isinstance(stored.total, Decimal)


def test_missing_amount_is_stored_as_missing_not_zero():
    line = BudgetLineFactory(basic=None)
    assert BudgetLine.objects.get(pk=line.pk).basic is None
