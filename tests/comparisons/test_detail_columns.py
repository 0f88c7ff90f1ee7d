"""The dashboard's extra columns (an indicator's details) link each number by the declaration's structured data: the
source of a named stated figure, the methods page's reference table, else the document's stated figures."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from comparisons.indicators.base import TEXT, IndicatorValue, SourceRef
from comparisons.pages.headlines import Detail
from comparisons.tables import DetailColumn, IndicatorRowTable
from comparisons.vocabulary import DetailKind

RECORD = SimpleNamespace(disclosure=SimpleNamespace(pk=7, fiscal_year=2023))
VALUE = IndicatorValue(
    "medical_assistance",
    Decimal("6000000"),
    "元",
    sources=(
        SourceRef(TEXT(text="21013 医疗救助"), disclosure_id=7, lines=(30,)),
        SourceRef(TEXT(text="中央资金"), disclosure_id=7, lines=(41,), figure="assistance_central"),
        SourceRef(TEXT(text="省级资金"), disclosure_id=7, lines=(42,), figure="assistance_provincial"),
    ),
    details={"central": Decimal("3767600"), "provincial": Decimal("805100"), "share": Decimal("20.0")},
)


def _render(detail: Detail) -> str:
    return str(DetailColumn(detail).render(VALUE, RECORD, IndicatorRowTable([], indicators=[])))


def test_a_stated_figure_links_to_its_own_source_line():
    central = Detail("medical_assistance", "central", "中央", DetailKind.WAN, source_figure="assistance_central")
    assert _render(central) == '<a href="/documents/7/#L41">376.76</a>'
    provincial = Detail("medical_assistance", "provincial", "省级", DetailKind.WAN, "assistance_provincial")
    assert _render(provincial) == '<a href="/documents/7/#L42">80.51</a>'


def test_a_figure_without_a_source_of_its_own_is_shown_without_a_link():
    county = Detail("medical_assistance", "central", "县级", DetailKind.WAN, source_figure="assistance_county")
    assert _render(county) == "376.76"


def test_a_share_of_a_reference_links_to_the_reference_table_and_others_to_the_stated_figures():
    share = Detail("medical_assistance", "share", "占比", DetailKind.PERCENT, reference=True)
    # The reference table's row of the document's year: the minimum the share was measured against.
    assert _render(share) == '<a href="/methods/#reference-2023">20.0</a>'
    plain = Detail("medical_assistance", "share", "占比", DetailKind.PERCENT)
    assert _render(plain) == '<a href="/documents/7/#figures-heading">20.0</a>'
