from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Disclosure
from .parsing.pdf import is_pdf

# Files one upload may carry: each is read, checked and saved while the page waits.
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's "Uploading multiple files" recipe): cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        return [one(d, initial) for d in data] if isinstance(data, list | tuple) else [one(data, initial)]


class UploadForm(forms.Form):
    file = MultipleFileField(
        label=_("文件（PDF 原件，或从 PDF 提取的文字，UTF-8 或 GBK）"),
        help_text=_("可以一次选择多个文件：每个文件单独导入，各有结果；需要替换的文件请单独上传，预览后确认。"),
    )
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
        uploads = self.cleaned_data["file"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("一次最多上传 %(max)s 个文件，这次选了 %(n)s 个。") % {"max": MAX_FILES, "n": len(uploads)}
            )
        # Several files: a file too large is refused on its own line of the results, the others go on.
        if len(uploads) == 1 and (error := size_error(uploads[0])):
            raise forms.ValidationError(error)
        return uploads

    def overrides(self) -> dict:
        data = self.cleaned_data
        return {
            "region_code": data.get("region") or None,
            "year": data.get("year") or None,
            "kind": data.get("kind") or None,
            "scope": data.get("scope") or None,
            "publisher": data.get("publisher") or None,
        }


def size_error(upload) -> str | None:
    """Why a file is refused before it is read, or None."""
    # A PDF carries fonts and images: it may be larger than the text taken from it.
    limit = settings.DISCLOSURE_MAX_PDF_BYTES if _starts_as_pdf(upload) else settings.DISCLOSURE_MAX_BYTES
    if upload.size <= limit:
        return None
    return _("文件太大：%(mb).1f MB，上限 %(limit).0f MB。") % {
        "mb": upload.size / 1024 / 1024,
        "limit": limit / 1024 / 1024,
    }


def _starts_as_pdf(upload) -> bool:
    head = upload.read(1024)
    upload.seek(0)
    return is_pdf(head)


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(required=False, label=_("我确认用这份文件替换现有版本（旧版本会保留）"))
