from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    BudgetLine,
    Bureau,
    BureauAlias,
    CheckResult,
    Denominator,
    Disclosure,
    Region,
    SourceTable,
    StatedFigure,
)

admin.site.site_header = _("县级医保预决算比较 · 管理")
admin.site.site_title = _("医保预决算比较")
admin.site.index_title = _("数据管理")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


class BureauAliasInline(admin.TabularInline):
    model = BureauAlias
    extra = 0


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
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
    """What was read from a published document is shown, never edited: a correction is a new version, imported
    with replace, so every figure still matches its source text and its checks."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
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


@admin.register(Denominator)
class DenominatorAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "kind", "value", "source", "entered_by", "entered_at"]
    list_filter = ["kind", "year"]
    search_fields = ["region__name", "region__code", "source"]
    list_select_related = ["region", "entered_by"]
    raw_id_fields = ["region"]
    readonly_fields = ["entered_by", "entered_at"]

    def save_model(self, request, obj, form, change):
        from comparisons.services import denominator_changed  # the stored indicator values follow the figure

        before = None
        if change:
            old = Denominator.objects.select_related("region").get(pk=obj.pk)
            before = (old.region, old.year)
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)
        denominator_changed(region=obj.region, year=obj.year, before=before)

    def delete_model(self, request, obj):
        from comparisons.services import denominator_changed

        super().delete_model(request, obj)
        denominator_changed(region=obj.region, year=obj.year)

    def delete_queryset(self, request, queryset):
        from comparisons.services import denominator_changed

        places = {(d.region, d.year) for d in queryset.select_related("region")}
        super().delete_queryset(request, queryset)
        for region, year in places:
            denominator_changed(region=region, year=year)
