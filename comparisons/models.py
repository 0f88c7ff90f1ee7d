"""What the comparison pages read: every indicator of every document, computed once and stored.

Written in the import transaction and again whenever a staff denominator of the document's region and year
changes (comparisons.services.indicator_values); `manage.py rebuild_indicators` rewrites those of an older
definition version. Pages, the API, the exports and the charts read these rows, never the budget lines.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosures.models import Disclosure, Region


class StoredIndicator(models.Model):
    # Found by the unique (disclosure, indicator) constraint's index: one of the document alone would be one more to
    # write for every value imported.
    disclosure = models.ForeignKey(
        Disclosure,
        verbose_name=_("公开文件"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
        db_index=False,
    )
    indicator = models.CharField(_("指标"), max_length=64)
    version = models.PositiveSmallIntegerField(_("定义版本"))
    # None is missing, never 0: the reason is then missing_code with its parameters.
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=8)
    missing_code = models.CharField(_("缺失原因"), max_length=64, blank=True)
    missing_params = models.JSONField(_("缺失原因参数"), default=dict, blank=True)
    notes = models.JSONField(_("说明"), default=list, blank=True)  # [[code, {params}], ...]
    # [{"label": [code, {params}], "document": id, "table": key, "lines": [...], "note": "", "href": ""}, ...]
    sources = models.JSONField(_("来源"), default=list, blank=True)
    details = models.JSONField(_("补充数据"), default=dict, blank=True)
    # Copied from the document (they never change) so that one year and kind is ranked from one index.
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=16, choices=Disclosure.Kind.choices)
    region_code = models.CharField(_("区划代码"), max_length=6)
    # Whether the document is the one its bureau is ranked by for its year and kind: current, and its department
    # document (a unit document only where the bureau has none). Kept by services.indicator_values_rank.
    ranked = models.BooleanField(_("参与排名"), default=False)
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)

    class Meta:
        verbose_name = _("指标值")
        verbose_name_plural = _("指标值")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "indicator"], name="stored_indicator_one_per_document")
        ]
        indexes = [
            models.Index(
                fields=["indicator", "fiscal_year", "kind", "value"],
                # The slices' counts, medians and histograms, by province too, and a county's standing among its
                # peers (a list of documents) read from the index alone.
                include=["region_code", "disclosure_id"],
                condition=Q(ranked=True),
                name="stored_indicator_ranked",
            ),
            # The ranked table's page in its default order (missing last, largest first, then by region) read from
            # the index with its LIMIT, and the reverse order read backwards: not every value of the slice sorted.
            models.Index(
                "indicator",
                "fiscal_year",
                "kind",
                ExpressionWrapper(Q(value__isnull=True), output_field=models.BooleanField()),
                F("value").desc(),
                "region_code",
                condition=Q(ranked=True),
                name="stored_indicator_ranking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.value}"


class Denominator(models.Model):
    """A figure staff enter for a region and year that its documents do not state (insured residents, population)."""

    class Kind(models.TextChoices):
        INSURED_RESIDENTS = "insured_residents", _("城乡居民参保人数")
        POPULATION = "population", _("常住人口")

    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="denominators"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=32, choices=Kind.choices)
    value = models.PositiveBigIntegerField(_("人数"))
    source = models.CharField(_("来源"), max_length=500)
    source_url = models.URLField(_("来源链接"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)

    class Meta:
        verbose_name = _("分母")
        verbose_name_plural = _("分母")
        ordering = ["region__code", "-year", "kind"]
        db_table = "disclosures_denominator"  # the table kept its name when the model moved here
        constraints = [models.UniqueConstraint(fields=["region", "year", "kind"], name="denominator_unique")]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year} {self.get_kind_display()} {self.value}"


class DenominatorChange(models.Model):
    """One entry, correction or deletion of a denominator: who, when, and the value before and after.

    Kept when the denominator itself is deleted: the region, year and kind are copied, not only linked."""

    class Action(models.TextChoices):
        ENTERED = "entered", _("录入")
        CORRECTED = "corrected", _("更正")
        DELETED = "deleted", _("删除")

    denominator = models.ForeignKey(
        Denominator,
        verbose_name=_("分母"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=32, choices=Denominator.Kind.choices)
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    old_value = models.PositiveBigIntegerField(_("原人数"), null=True, blank=True)
    new_value = models.PositiveBigIntegerField(_("新人数"), null=True, blank=True)
    old_source = models.CharField(_("原来源"), max_length=500, blank=True)
    new_source = models.CharField(_("新来源"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("分母修改记录")
        verbose_name_plural = _("分母修改记录")
        db_table = "disclosures_denominatorchange"
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year} {self.get_kind_display()} {self.get_action_display()}"


class SliceSummary(models.Model):
    """One indicator over one year and kind, in one group of the ranked documents (every county, a province, a size
    band of insured residents), as of one data version: its counts, median and histogram, and its values in order.

    Written the first time a page needs them after a change (comparisons.services.slice_summaries) and read by the
    dashboard and the bureau page, so that a page does not sort and count every county's values on every request:
    what they read no longer grows with the number of bureaus. Derived data: rows of older data versions are
    deleted when newer ones are written."""

    data_version = models.PositiveBigIntegerField(_("数据版本"))
    group = models.CharField(_("范围"), max_length=16)  # "" every county, "13" a province, "b200000" a size band
    indicator = models.CharField(_("指标"), max_length=64)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=16, choices=Disclosure.Kind.choices)
    count = models.PositiveIntegerField(_("文件数"))  # ranked documents, with a value or not
    present = models.PositiveIntegerField(_("有数值"))
    median = models.DecimalField(_("中位数"), max_digits=20, decimal_places=2, null=True, blank=True)
    # The values in ascending order, as the database sorted them, in fen (a stored value has two decimals): 64-bit
    # little-endian integers (selectors.rankings.fen_bytes), read back without parsing thousands of numbers.
    values = models.BinaryField(_("数值（分）"), default=b"", blank=True)
    # [[low, high, count], ...] as exact decimal strings: every county's histogram (the national group only).
    bins = models.JSONField(_("分组"), default=list, blank=True)

    class Meta:
        verbose_name = _("汇总")
        verbose_name_plural = _("汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["data_version", "group", "indicator", "fiscal_year", "kind"], name="slice_summary_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.fiscal_year} {self.kind} {self.group or '*'}"
