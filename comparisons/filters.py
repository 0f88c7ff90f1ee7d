"""django-filter FilterSets of the comparison pages, over the current documents (the dashboard's form, one year and
kind at a time, is forms.DashboardForm)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from disclosures.models import Disclosure

from .indicators import REGISTRY
from .pages import bureau_choices


def _name(indicator) -> str:
    return getattr(indicator, "name", indicator.name_zh)


class CompareFilter(django_filters.FilterSet):
    """Two or more bureaus and any indicators. The chosen bureaus are checkboxes (untick one to drop it); more are
    added by name or code (`add`), never picked from a list of every bureau in the country."""

    bureau = django_filters.ModelMultipleChoiceFilter(
        label=_("已选单位"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    add = django_filters.CharFilter(
        label=_("添加单位"),
        method="keep",
        max_length=32,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("县名、单位名或区划代码")}),
    )
    indicator = django_filters.MultipleChoiceFilter(
        label=_("指标"),
        choices=(),
        method="keep",
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Disclosure.Kind.choices, empty_label=_("预算和决算"))

    class Meta:
        model = Disclosure
        fields = ["bureau", "add", "indicator", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        asked = [v for v in (self.data.getlist("bureau") if hasattr(self.data, "getlist") else []) if v.isdigit()]
        self.filters["bureau"].queryset = bureau_choices(ids=[int(v) for v in asked[:200]])
        self.filters["indicator"].extra["choices"] = [(i.key, _name(i)) for i in REGISTRY]

    def keep(self, queryset, name, value):
        return queryset

    @property
    def chosen_indicator_keys(self) -> list[str]:
        if self.form.is_valid():
            return list(self.form.cleaned_data.get("indicator") or [])
        return []

    @property
    def added(self) -> str:
        if self.form.is_valid():
            return (self.form.cleaned_data.get("add") or "").strip()
        return ""

    @property
    def chosen_bureaus(self) -> list:
        if self.form.is_valid():
            return list(self.form.cleaned_data.get("bureau") or [])
        return []
