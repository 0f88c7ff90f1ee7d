from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Disclosure
from .parsing.pdf import is_pdf


class UploadForm(forms.Form):
    file = forms.FileField(label=_("文件（PDF 原件，或从 PDF 提取的文字，UTF-8 或 GBK）"))
    check = forms.BooleanField(
        label=_("只核对，不导入"),
        required=False,
        help_text=_("读取并核对任何部门的公开文件，不保存任何数据。"),
    )
    region = forms.RegexField(
        label=_("区划代码"), regex=r"^\d{6}$", required=False, help_text=_("文中无法判断地区时填写，如 130636")
    )
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=[("", "—"), *Disclosure.Kind.choices], required=False)
    scope = forms.ChoiceField(label=_("范围"), choices=[("", "—"), *Disclosure.Scope.choices], required=False)
    publisher = forms.CharField(label=_("发布单位"), max_length=128, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # A PDF carries fonts and images: it may be larger than the text taken from it.
        limit = settings.DISCLOSURE_MAX_PDF_BYTES if _starts_as_pdf(upload) else settings.DISCLOSURE_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("文件太大：%(mb).1f MB，上限 %(limit).0f MB。")
                % {"mb": upload.size / 1024 / 1024, "limit": limit / 1024 / 1024}
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


def _starts_as_pdf(upload) -> bool:
    head = upload.read(1024)
    upload.seek(0)
    return is_pdf(head)


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(required=False, label=_("我确认用这份文件替换现有版本（旧版本会保留）"))
