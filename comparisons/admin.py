"""The staff denominators in the admin: writes go through comparisons.services, so each is kept in the history."""

from django.contrib import admin
from django.db import models

from disclosures.admin import PublishedDataAdmin

from .models import Denominator, DenominatorChange
from .services import denominator_delete, denominator_set


class DenominatorChangeInline(admin.TabularInline):
    model = DenominatorChange
    extra = 0
    fields = ["changed_at", "changed_by", "action", "old_value", "new_value", "old_source", "new_source"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Denominator)
class DenominatorAdmin(admin.ModelAdmin):
    """Writes go through the same services as the staff page, so each one is kept in the history."""

    list_display = ["region", "year", "kind", "value", "source", "entered_by", "entered_at"]
    list_filter = ["kind", "year"]
    search_fields = ["region__name", "region__code", "source"]
    list_select_related = ["region", "entered_by"]
    raw_id_fields = ["region"]
    readonly_fields = ["entered_by", "entered_at"]
    inlines = [DenominatorChangeInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        # A figure is corrected in place; another region, year or kind is another figure.
        return [*self.readonly_fields, "region", "year", "kind"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved, _created = denominator_set(
            region=obj.region,
            year=obj.year,
            kind=obj.kind,
            value=obj.value,
            source=obj.source,
            source_url=obj.source_url,
            user=request.user,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        denominator_delete(denominator=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            denominator_delete(denominator=obj, user=request.user)


@admin.register(DenominatorChange)
class DenominatorChangeAdmin(PublishedDataAdmin):
    list_display = ["changed_at", "changed_by", "action", "region", "year", "kind", "old_value", "new_value"]
    list_filter = ["action", "kind", "year"]
    search_fields = ["region__name", "region__code", "old_source", "new_source"]
    list_select_related = ["region", "changed_by"]
