from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosures.models import BudgetLine, Bureau, Disclosure, Region

from .factories import BudgetLineFactory, BureauFactory, DisclosureFactory

pytestmark = pytest.mark.django_db


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
