"""django-filter FilterSets of the comparison pages, over the current documents (the dashboard's form, one year and
kind at a time, is forms.DashboardForm)."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from disclosures.models import Disclosure

from .indicators import REGISTRY
from .pages import bureau_choices
from .params import parse_id


class ChosenBureaus(forms.models.ModelChoiceIterator):
    """The checkboxes from the queryset's own results, read once for the page (the template asks whether there are
    any first): Django's iterator would read them again through a server-side cursor."""

    def __iter__(self):
        for bureau in self.queryset:
            yield self.choice(bureau)


class BureauChoiceField(forms.ModelMultipleChoiceField):
    """Bureau ids: a value that cannot be one (², a 30-digit number) is refused by the form, never sent to the
    database (SQLite cannot even take such a number as a parameter)."""

    iterator = ChosenBureaus

    def _check_values(self, value):
        try:
            asked = frozenset(value)
        except TypeError as exc:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from exc
        for pk in asked:
            if parse_id(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        # Each id is now known to be one: Django's own check would build a queryset per id to see that it parses.
        # The queryset is already the bureaus asked for (CompareFilter): its results, read once here, are also the
        # checkboxes the page renders, so one query serves both.
        ids = {parse_id(str(pk)) for pk in asked}
        found = [bureau for bureau in self.queryset if bureau.pk in ids]
        known = {str(bureau.pk) for bureau in found}
        for pk in asked:
            if str(pk) not in known:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return found


class BureauFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = BureauChoiceField

    def filter(self, qs, value):
        """The chosen bureaus' documents as one `bureau_id IN (…)`: a range of the current documents' index. The
        filter's default, one `bureau_id = …` per bureau joined by OR and a DISTINCT, read every current document in
        the country (8 ms at national scale, growing with it) and sorted the rows on every column."""
        if not value:
            return qs
        return qs.filter(bureau_id__in=[bureau.pk for bureau in value])


class YearFilter(django_filters.NumberFilter):
    """A year: a whole number ("2023.5" is refused by the form)."""

    field_class = forms.IntegerField


def _name(indicator) -> str:
    return indicator.name


class CompareFilter(django_filters.FilterSet):
    """Two or more bureaus and any indicators. The chosen bureaus are checkboxes (untick one to drop it); more are
    added by name or code (`add`), never picked from a list of every bureau in the country."""

    bureau = BureauFilter(
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
    # The year the bar charts compare (each bar chart holds one year and kind); the table and the line charts keep
    # every year. A select of the chosen units' years, which the view fills in from the rows it has read.
    year = YearFilter(
        label=_("条形图的年度"),
        method="keep",
        min_value=1990,
        max_value=2100,
        widget=forms.Select(choices=[("", _("自动：所选单位都有（或有的最多）的最近年度"))]),
    )

    class Meta:
        model = Disclosure
        fields = ["bureau", "add", "indicator", "kind", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        values = self.data.getlist("bureau") if hasattr(self.data, "getlist") else []
        asked = [pk for v in values if (pk := parse_id(v)) is not None]  # ASCII digits only: "²" is no id
        self.filters["bureau"].queryset = bureau_choices(ids=asked[:200])
        self.filters["indicator"].extra["choices"] = [(i.key, _name(i)) for i in REGISTRY]

    def keep(self, queryset, name, value):
        return queryset

    @property
    def chosen_indicator_keys(self) -> list[str]:
        if self.form.is_valid():
            return list(self.form.cleaned_data.get("indicator") or [])
        return []

    @property
    def chosen_year(self) -> int | None:
        """The year asked for the bar charts, or None (the page chooses)."""
        if self.form.is_valid() and self.form.cleaned_data.get("year") is not None:
            return int(self.form.cleaned_data["year"])
        return None

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
