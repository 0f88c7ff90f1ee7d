"""What the comparison pages read: every indicator of every document, computed once and stored.

Written in the import transaction and again whenever a staff denominator of the document's region and year
changes (comparisons.services.indicator_values); `manage.py rebuild_indicators` rewrites those of an older
definition version. Pages, the API, the exports and the charts read these rows, never the budget lines.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosures.models import Disclosure


class StoredIndicator(models.Model):
    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("公开文件"), on_delete=models.CASCADE, related_name="indicator_values"
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
                # The slices' counts, medians and histograms, by province too, read from the index alone.
                include=["region_code"],
                condition=models.Q(ranked=True),
                name="stored_indicator_ranked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.value}"
