"""Forms of the comparisons app: the staff denominator form (the public pages only read)."""

from __future__ import annotations

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.models import Disclosure, Region

from .data_selectors import region_match
from .formatting import enumerated
from .models import Denominator
from .selectors.bands import BANDS

USED_KINDS = (Denominator.Kind.INSURED_RESIDENTS,)


class DenominatorForm(forms.Form):
    region = forms.CharField(
        label=gettext_lazy("行政区划"),
        max_length=64,
        help_text=gettext_lazy("6 位区划代码或县（区）名，如 411103 或 郾城区。"),
        widget=forms.TextInput(attrs={"list": "region-options", "autocomplete": "off"}),
    )
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=1990, max_value=2100)
    # Only the denominators an indicator divides by are offered: no indicator is per resident (常住人口), so a
    # population entered here would be shown nowhere (the kind stays in the model for the figures entered before).
    kind = forms.ChoiceField(
        label=gettext_lazy("类型"),
        choices=[(k, label) for k, label in Denominator.Kind.choices if k in USED_KINDS],
        initial=Denominator.Kind.INSURED_RESIDENTS,
    )
    value = forms.IntegerField(
        label=gettext_lazy("人数"),
        min_value=1,
        max_value=2_000_000_000,
        help_text=gettext_lazy("整数，单位：人。"),
    )
    source = forms.CharField(
        label=gettext_lazy("来源"),
        max_length=500,
        help_text=gettext_lazy(
            "必填：发布机构和文件名称，如“漯河市郾城区医疗保障局 2024 年城乡居民医保参保情况通报”。"
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source_url = forms.URLField(label=gettext_lazy("来源链接"), required=False, max_length=200, assume_scheme="https")

    def clean_region(self) -> Region:
        text = self.cleaned_data["region"].strip()
        found = region_match(query=text)
        if not found:
            raise forms.ValidationError(_("找不到“%(text)s”：请输入 6 位区划代码或完整的县（区）名。") % {"text": text})
        if len(found) > 1:
            names = enumerated(f"{r.code} {r.display_full_name}" for r in found[:8])
            raise forms.ValidationError(
                _("“%(text)s”对应多个区划，请输入代码：%(names)s") % {"text": text, "names": names}
            )
        return found[0]

    def clean_source(self) -> str:
        source = self.cleaned_data["source"].strip()
        if not source:
            raise forms.ValidationError(_("请写明来源。"))
        return source

    @classmethod
    def for_denominator(cls, denominator: Denominator) -> DenominatorForm:
        """The form filled with an existing figure, to correct it."""
        return cls(
            initial={
                "region": f"{denominator.region.code} {denominator.region.name}",
                "year": denominator.year,
                "kind": denominator.kind,
                "value": denominator.value,
                "source": denominator.source,
                "source_url": denominator.source_url,
            }
        )


def _attributes(attrs: dict) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them: a True one by its name, a False one left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """A <select> written directly, the markup of Django's select.html and select_option.html (options without
    groups): the templates rendered an include per option, and the dashboard's province list has 35."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _choices, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(
            f'\n  <option value="{escape(str(option["value"]))}"{_attributes(option["attrs"])}>'
            f"{escape(str(option['label']))}</option>\n"
            for _group, choices, _index in widget["optgroups"]
            for option in choices
        )
        return mark_safe(f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>{options}\n</select>')


class DashboardForm(forms.Form):
    """One year and kind at a time (the latest year with the most documents, budgets, by default), a province or
    prefecture, and a county to find. A value that is not a choice is an error shown on the form, never a 500."""

    year = forms.TypedChoiceField(
        label=gettext_lazy("年度"), coerce=int, required=False, empty_value=None, widget=FastSelect
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("类型"), choices=Disclosure.Kind.choices, required=False, widget=FastSelect
    )
    province = forms.ChoiceField(label=gettext_lazy("省份"), required=False, widget=FastSelect)
    prefecture = forms.ChoiceField(label=gettext_lazy("地级市"), required=False, widget=FastSelect)
    band = forms.ChoiceField(
        label=gettext_lazy("参保居民规模"),
        required=False,
        widget=FastSelect,
        help_text=gettext_lazy("只看参保居民人数在同一档次的单位（同规模的单位）；人数不详的单位不在其中。"),
    )
    county = forms.CharField(
        label=gettext_lazy("查找县（区）"),
        required=False,
        max_length=32,
        help_text=gettext_lazy("县名、单位名或区划代码：显示它的排名和百分位。"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("如 顺平 或 130636")}),
    )

    def __init__(self, *args, years: list[int], provinces, prefectures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        self.fields["province"].choices = [("", gettext_lazy("全国")), *provinces]
        self.fields["prefecture"].choices = [("", gettext_lazy("全部地级市")), *prefectures]
        self.fields["band"].choices = [("", gettext_lazy("全部规模")), *((str(b.low), b.label) for b in BANDS)]

    def value(self, name: str):
        """The cleaned value, or the default when the field is absent or invalid."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name) or None
        return None
