from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Disclosure


class UploadForm(forms.Form):
    file = forms.FileField(label=_("文件（从 PDF 提取的文字，UTF-8 或 GBK）"))
    region = forms.RegexField(
        label=_("区划代码"), regex=r"^\d{6}$", required=False, help_text=_("文中无法判断地区时填写，如 130636")
    )
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=[("", "—"), *Disclosure.Kind.choices], required=False)
    scope = forms.ChoiceField(label=_("范围"), choices=[("", "—"), *Disclosure.Scope.choices], required=False)
    publisher = forms.CharField(label=_("发布单位"), max_length=128, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DISCLOSURE_MAX_BYTES:
            raise forms.ValidationError(
                _("文件太大：%(mb).1f MB，上限 %(limit).0f MB。")
                % {"mb": upload.size / 1024 / 1024, "limit": settings.DISCLOSURE_MAX_BYTES / 1024 / 1024}
            )
        return upload

    def overrides(self) -> dict:
        data = self.cleaned_data
        return {
            "region_code": data.get("region") or None,
            "year": data.get("year") or None,
            "kind": data.get("kind") or None,
            "scope": data.get("scope") or None,
            "publisher": data.get("publisher") or None,
        }


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(required=False, label=_("我确认用这份文件替换现有版本（旧版本会保留）"))
