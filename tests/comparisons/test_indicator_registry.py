"""Every indicator is one module that declares what the methods page shows, and computes a value or a reason."""

import importlib
import pkgutil

import pytest
from django.utils import translation

import comparisons.indicators as package
from comparisons.facts import facts_for
from comparisons.indicators import BY_KEY, GROUPS, HEADLINE, REGISTRY, IndicatorValue
from tests.factories import DisclosureFactory

pytestmark = pytest.mark.django_db


def test_one_module_per_indicator_and_every_module_registered():
    modules = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")]
    modules.remove("base")
    declared = {importlib.import_module(f"comparisons.indicators.{m}").INDICATOR.key for m in modules}
    assert declared == set(BY_KEY)
    assert len(BY_KEY) == len(REGISTRY)


@pytest.mark.parametrize("indicator", REGISTRY, ids=lambda i: i.key)
def test_each_indicator_declares_what_the_methods_page_shows(indicator):
    assert indicator.name == indicator.title  # Chinese first
    with translation.override("en"):
        assert indicator.name.isascii() and indicator.name != indicator.title  # translated in locale/en
    assert str(indicator.definition)
    assert str(indicator.formula)
    assert indicator.unit in ("元", "元/人", "%")
    assert indicator.codes or indicator.figures
    assert indicator.caveats
    assert indicator.sources
    assert indicator.group in GROUPS
    assert callable(indicator.compute)
    if indicator.unit != "元":
        assert indicator.denominator


def test_the_three_headline_indicators():
    assert [i.key for i in HEADLINE] == ["contribution_per_insured", "medical_assistance", "running_costs"]


@pytest.mark.parametrize("indicator", REGISTRY, ids=lambda i: i.key)
def test_an_empty_document_gives_a_reason_for_every_indicator_never_zero(indicator):
    [facts] = facts_for([DisclosureFactory()])
    value = indicator.value(facts)
    assert isinstance(value, IndicatorValue)
    assert value.indicator == indicator.key
    assert value.unit == indicator.unit
    assert value.value is None
    assert value.missing_reason
