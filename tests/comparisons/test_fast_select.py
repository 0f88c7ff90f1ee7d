"""The dashboard's selects are written directly: the same markup as Django's templates give."""

from __future__ import annotations

import pytest
from django import forms

from comparisons.forms import FastSelect

CHOICES = [("", "全国"), ("130000", "河北省"), ('x&"<y>', 'A & <B> "c"'), (2024, 2024)]


@pytest.mark.parametrize("value", ["", "130000", 'x&"<y>', 2024, None, "missing"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_p", "disabled": True, "hidden": False, "data-x": 'a"b'}])
def test_the_same_markup_as_djangos_select(value, attrs):
    ours = FastSelect(choices=CHOICES).render("province", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("province", value, attrs=attrs)
    assert ours == django


def test_groups_are_left_to_django():
    grouped = [("北方", [("11", "北京"), ("13", "河北")]), ("99", "其他")]
    assert FastSelect(choices=grouped).render("p", "13") == forms.Select(choices=grouped).render("p", "13")
