import hashlib
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from disclosures.models import BudgetLine, Bureau, Disclosure, Region, SourceTable


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True
    password = factory.django.Password("a-long-test-password")


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau

    region = factory.LazyFunction(lambda: Region.objects.get(code="130636"))
    name = factory.LazyAttribute(lambda o: f"{o.region.name}医疗保障局")
    budget_code = "450"


class DisclosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disclosure

    bureau = factory.SubFactory(BureauFactory)
    fiscal_year = 2023
    kind = Disclosure.Kind.BUDGET
    scope = Disclosure.Scope.DEPARTMENT
    unit = Disclosure.Unit.WAN_YUAN
    source_text = factory.Sequence(lambda n: f"部门预算 {n}\n单位：万元\n合计\t3798.25")
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.source_text.encode()).hexdigest())
    title = factory.LazyAttribute(lambda o: f"{o.bureau.name}{o.fiscal_year}年部门预算")


class SourceTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceTable

    disclosure = factory.SubFactory(DisclosureFactory)
    position = factory.Sequence(int)
    key = "expenditure_summary"
    title = "部门预算支出总表"
    unit = "万元"
    start_line = 1
    end_line = 3


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    table = factory.SubFactory(SourceTableFactory)
    disclosure = factory.SelfAttribute("table.disclosure")
    position = factory.Sequence(int)
    classification = BudgetLine.Classification.FUNCTIONAL
    code = "2101202"
    name = "财政对城乡居民基本医疗保险基金的补助"
    published_name = factory.SelfAttribute("name")
    total = Decimal("32000000.00")
    source_lines = [3]
    first_line = 3


def store_indicators() -> None:
    """What the importer and the denominator services do for the documents they write: compute and store every
    document's indicator values. Tests that build documents with factories call it once their rows are made."""
    from comparisons.services import indicator_values_refresh

    indicator_values_refresh(disclosure_ids=list(Disclosure.objects.values_list("pk", flat=True)))
