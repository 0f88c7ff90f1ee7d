"""django-filter FilterSets of the comparison pages, over the current documents."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from disclosures.models import Disclosure

from .indicators import REGISTRY
from .pages import bureau_choices, dashboard_filter_choices
from .params import parse_id


class BureauChoiceField(forms.ModelMultipleChoiceField):
    """Bureau ids: a value that cannot be one (², a 30-digit number) is refused by the form, never sent to the
    database (SQLite cannot even take such a number as a parameter)."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class BureauFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = BureauChoiceField


def _name(indicator) -> str:
    return getattr(indicator, "name", indicator.name_zh)


class DashboardFilter(django_filters.FilterSet):
    """Province, prefecture, year and kind; each bureau's latest document unless all are asked for."""

    province = django_filters.ChoiceFilter(label=_("省份"), method="filter_region", empty_label=_("全部省份"))
    prefecture = django_filters.ChoiceFilter(label=_("地级市"), method="filter_region", empty_label=_("全部地级市"))
    year = django_filters.ChoiceFilter(label=_("年度"), field_name="fiscal_year", empty_label=_("全部年度"))
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Disclosure.Kind.choices, empty_label=_("预算和决算"))
    documents = django_filters.ChoiceFilter(
        label=_("文件"),
        choices=(("all", _("每个单位的全部文件")),),
        empty_label=_("每个单位的最新文件"),
        method="keep",
    )

    class Meta:
        model = Disclosure
        fields = ["province", "prefecture", "year", "kind", "documents"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = dashboard_filter_choices()
        self.filters["province"].extra["choices"] = choices["provinces"]
        self.filters["prefecture"].extra["choices"] = choices["prefectures"]
        self.filters["year"].extra["choices"] = choices["years"]
        self.province_names = dict(choices["provinces"]) | dict(choices["prefectures"])

    def filter_region(self, queryset, name, value):
        prefix = value[:2] if name == "province" else value[:4]
        return queryset.filter(bureau__region__code__startswith=prefix)

    def keep(self, queryset, name, value):
        return queryset

    @property
    def latest_only(self) -> bool:
        return not (self.form.is_valid() and self.form.cleaned_data.get("documents") == "all")

    @property
    def peers(self) -> str:
        """The peer group the medians are taken over, in words."""
        if not self.form.is_valid():
            return ""
        data = self.form.cleaned_data
        return self.province_names.get(data.get("prefecture") or data.get("province") or "", "")


class CompareFilter(django_filters.FilterSet):
    """Two or more bureaus and any indicators."""

    bureau = BureauFilter(
        label=_("单位"),
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 8}),
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
        fields = ["bureau", "indicator", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["bureau"].queryset = bureau_choices()
        self.filters["indicator"].extra["choices"] = [(i.key, _name(i)) for i in REGISTRY]

    def keep(self, queryset, name, value):
        return queryset

    @property
    def chosen_indicator_keys(self) -> list[str]:
        if self.form.is_valid():
            return list(self.form.cleaned_data.get("indicator") or [])
        return []

    @property
    def chosen_bureaus(self) -> list:
        if self.form.is_valid():
            return list(self.form.cleaned_data.get("bureau") or [])
        return []
