"""A table changes its own copies of the columns its class declares, never the class's: the next table (the next
request) starts from the declaration."""

from __future__ import annotations

from comparisons.indicators import BY_KEY
from comparisons.tables import IndicatorRowTable, RankedTable


def test_a_tables_changes_to_its_columns_stay_with_it():
    indicator = BY_KEY["running_costs"]
    ranked = RankedTable([], indicators=[indicator], ranked_by=indicator.key)
    assert [str(o) for o in ranked.columns["region"].column.order_by] == ["region_code"]
    pinned = IndicatorRowTable([], indicators=[indicator], page_hides=["bureau"])
    assert pinned.columns["year"].column.attrs["td"] == {"class": "num pin"}
    ranked.columns["code"].column.attrs["td"]["class"] = "changed"

    fresh = IndicatorRowTable([], indicators=[indicator])
    assert fresh.columns["region"].column.order_by == ("disclosure__bureau__region__code",)
    assert fresh.columns["year"].column.attrs["td"] == {"class": "num"}
    assert fresh.columns["code"].column.attrs["td"] == {"class": "nowrap"}
