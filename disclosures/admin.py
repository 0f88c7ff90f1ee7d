from django import forms
from django.contrib import admin
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import (
    BudgetLine,
    Bureau,
    BureauAlias,
    CheckResult,
    Disclosure,
    Region,
    SourceTable,
    StatedFigure,
)
from .versioning import data_version_bump


class BumpsDataVersion:
    """Admin edits of what the public pages show invalidate the cached pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        data_version_bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        data_version_bump()


admin.site.site_header = _("县级医保预决算比较 · 管理")
admin.site.site_title = _("医保预决算比较")
admin.site.index_title = _("数据管理")
# "View site" leads to the home page in the admin's language: /en/ from the English admin at /en/admin/.
admin.site.site_url = reverse_lazy("comparisons:home")


@admin.register(Region)
class RegionAdmin(BumpsDataVersion, admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


class BureauAliasInline(admin.TabularInline):
    model = BureauAlias
    extra = 0


@admin.register(Bureau)
class BureauAdmin(BumpsDataVersion, admin.ModelAdmin):
    list_display = ["name", "region", "kind", "budget_code"]
    list_filter = ["kind", ("region__parent__parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "region__name", "region__code", "aliases__name", "budget_code"]
    list_select_related = ["region"]
    raw_id_fields = ["region"]
    inlines = [BureauAliasInline]


class CheckResultInline(admin.TabularInline):
    model = CheckResult
    extra = 0
    fields = ["severity", "message", "lines"]
    readonly_fields = fields
    can_delete = False


class PublishedDataAdmin(admin.ModelAdmin):
    """What was read from a published document is shown, never edited nor deleted: a correction is a new version,
    imported with replace, so every figure still matches its source text and its checks."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DisclosureForm(forms.ModelForm):
    """A document may be moved to another bureau (a misread publisher) only where that bureau can take it."""

    def clean_bureau(self):
        bureau, d = self.cleaned_data["bureau"], self.instance
        if bureau is None or bureau.pk == d.bureau_id:
            return bureau
        same_text = Disclosure.objects.filter(bureau=bureau, sha256=d.sha256).first()
        if same_text is not None:
            raise forms.ValidationError(
                gettext("%(bureau)s 已有同一文件（编号 %(pk)s）：不能再移过去。")
                % {"bureau": bureau.name, "pk": same_text.pk}
            )
        if d.status == Disclosure.Status.CURRENT:
            current = Disclosure.objects.filter(
                bureau=bureau, fiscal_year=d.fiscal_year, kind=d.kind, scope=d.scope, status=Disclosure.Status.CURRENT
            ).first()
            if current is not None:
                raise forms.ValidationError(
                    gettext(
                        "%(bureau)s 已有现行的%(label)s（编号 %(pk)s）：一个单位每年每类只有一个现行版本。"
                        "请改用导入时的“替换”。"
                    )
                    % {"bureau": bureau.name, "label": current.label, "pk": current.pk}
                )
        return bureau


@admin.register(Disclosure)
class DisclosureAdmin(BumpsDataVersion, admin.ModelAdmin):
    form = DisclosureForm
    list_display = ["bureau", "fiscal_year", "kind", "scope", "unit", "status", "imported_at", "imported_by"]
    list_filter = ["status", "kind", "scope", "fiscal_year", "unit"]
    search_fields = ["bureau__name", "bureau__region__name", "bureau__region__code", "title", "sha256"]
    list_select_related = ["bureau", "imported_by"]
    raw_id_fields = ["bureau"]
    # Title and bureau may be corrected; the text, its hash and what was read from it may not.
    readonly_fields = [
        "fiscal_year",
        "kind",
        "scope",
        "unit",
        "source_filename",
        "source_text",
        "sha256",
        "status",
        "superseded_by",
        "superseded_at",
        "imported_at",
        "imported_by",
    ]
    inlines = [CheckResultInline]

    def has_add_permission(self, request):
        return False  # documents come in through the importer (command or upload page)

    def has_delete_permission(self, request, obj=None):
        return False  # published data is never deleted, only superseded by a new version


@admin.register(SourceTable)
class SourceTableAdmin(PublishedDataAdmin):
    list_display = ["title", "key", "disclosure", "unit", "start_line", "end_line", "declared_empty"]
    list_filter = ["key", "declared_empty"]
    search_fields = ["title", "disclosure__bureau__name"]
    list_select_related = ["disclosure__bureau"]
    raw_id_fields = ["disclosure"]


@admin.register(BudgetLine)
class BudgetLineAdmin(PublishedDataAdmin):
    list_display = ["code", "name", "disclosure", "table", "total", "basic", "project", "first_line"]
    list_filter = ["classification", "from_narrative", "disclosure__fiscal_year", "disclosure__kind"]
    search_fields = ["code", "name", "published_name", "disclosure__bureau__name"]
    list_select_related = ["disclosure__bureau", "table"]
    raw_id_fields = ["disclosure", "table"]


@admin.register(StatedFigure)
class StatedFigureAdmin(PublishedDataAdmin):
    list_display = ["key", "label", "value", "unit", "disclosure", "line"]
    list_filter = ["key", "unit"]
    search_fields = ["key", "label", "quote", "disclosure__bureau__name"]
    list_select_related = ["disclosure__bureau"]
    raw_id_fields = ["disclosure"]


@admin.register(CheckResult)
class CheckResultAdmin(PublishedDataAdmin):
    list_display = ["severity", "code", "message", "disclosure"]
    list_filter = ["severity", "code"]
    search_fields = ["message", "disclosure__bureau__name"]
    list_select_related = ["disclosure__bureau"]
    raw_id_fields = ["disclosure"]
