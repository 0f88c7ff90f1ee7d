"""What the site holds: regions, bureaus, their published documents, and every line and figure read from them.

Money is stored in 元 as exact decimals; each document keeps the unit it was published in.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disclosures import vocabulary
from disclosures.region_names import region_display_full_name, region_display_name

MONEY = {"max_digits": 18, "decimal_places": 2}
AMOUNT_COLUMNS = ("total", "basic", "project", "personnel", "public")


def region_full_name(names: Iterable[str | None]) -> str:
    """A region's full name from its names, province first: "河北省 保定市 顺平县". A name equal to the one before it is
    left out: a municipality (北京、上海、天津、重庆) is both the province and the prefecture, "上海市 普陀区" not
    "上海市 上海市 普陀区". Every full name is made here (the models, the rankings' plain rows)."""
    shown: list[str] = []
    for name in names:
        if name and (not shown or shown[-1] != name):
            shown.append(name)
    return " ".join(shown)


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        PREFECTURE = "prefecture", _("地级")
        COUNTY = "county", _("县级")

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=64, db_index=True)
    level = models.CharField(_("级别"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return _("%(name)s（%(code)s）") % {"name": self.display_name, "code": self.code}

    @property
    def full_name(self) -> str:
        """The full name as held, in Chinese: what the data (the API, the import records) gives."""
        names, region = [], self
        while region is not None:
            names.append(region.name)
            region = region.parent
        return region_full_name(reversed(names))

    @property
    def display_name(self) -> str:
        """The name a page shows, in the reader's language (a province's English name to a reader of English)."""
        return region_display_name(self.code, self.name)

    @property
    def display_full_name(self) -> str:
        """The full name a page shows, in the reader's language: "Hebei 保定市 顺平县" to a reader of English."""
        return region_display_full_name(self.code, self.full_name)


class Bureau(models.Model):
    class Kind(models.TextChoices):
        BUREAU = "bureau", _("医疗保障局")
        AGENCY = "agency", _("医保经办机构")

    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="bureaus")
    name = models.CharField(_("名称"), max_length=128)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.BUREAU)
    # The code printed on the tables ("450") is the county's own numbering: not an identity, two counties share it.
    budget_code = models.CharField(_("预算单位编码"), max_length=32, blank=True)
    # A bureau found to be another one (merged by staff): kept, with what stayed with it, but listed nowhere.
    merged_into = models.ForeignKey(
        "self", verbose_name=_("已并入"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    merged_at = models.DateTimeField(_("合并时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["region__code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="bureau_unique_name_in_region")]

    def __str__(self) -> str:
        return self.name


class BureauAlias(models.Model):
    """Another name a document uses for the same body (经办机构 / 经办中心)."""

    bureau = models.ForeignKey(Bureau, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("别名"), max_length=128)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        constraints = [models.UniqueConstraint(fields=["bureau", "name"], name="alias_unique_per_bureau")]

    def __str__(self) -> str:
        return self.name


DOCUMENT_KINDS = {
    ("department", "budget"): _("部门预算"),
    ("department", "final"): _("部门决算"),
    ("unit", "budget"): _("单位预算"),
    ("unit", "final"): _("单位决算"),
}


def document_kind_label(*, scope: str, kind: str) -> str:
    """部门预算 / "Department budget": scope and kind named whole, not two labels run together."""
    return str(DOCUMENT_KINDS.get((scope, kind), f"{scope} {kind}"))


class Disclosure(models.Model):
    Kind = vocabulary.Kind
    Scope = vocabulary.Scope

    Unit = vocabulary.PublishedUnit

    class Status(models.TextChoices):
        CURRENT = "current", _("现行")
        SUPERSEDED = "superseded", _("已被替换")

    bureau = models.ForeignKey(Bureau, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="disclosures")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    scope = models.CharField(_("范围"), max_length=16, choices=Scope.choices)
    title = models.CharField(_("标题"), max_length=255, blank=True)
    source_filename = models.CharField(_("文件名"), max_length=255, blank=True)
    source_text = models.TextField(_("原文"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    unit = models.CharField(_("公布单位"), max_length=8, choices=Unit.choices)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.CURRENT)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("替换为"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_versions",
    )
    superseded_at = models.DateTimeField(_("替换时间"), null=True, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Generated by `manage.py generate_demo` from the samples: marked on every page and export, removable at once.
    demo = models.BooleanField(_("演示数据"), default=False, db_index=True)

    class Meta:
        verbose_name = _("公开文件")
        verbose_name_plural = _("公开文件")
        ordering = ["bureau__region__code", "-fiscal_year", "kind"]
        constraints = [
            # One current version per bureau, year, kind and scope; replaced versions stay, marked superseded.
            models.UniqueConstraint(
                fields=["bureau", "fiscal_year", "kind", "scope"],
                condition=Q(status="current"),
                name="disclosure_one_current_version",
            ),
            models.UniqueConstraint(fields=["sha256", "bureau"], name="disclosure_unique_text_per_bureau"),
            models.CheckConstraint(condition=Q(fiscal_year__gte=1990, fiscal_year__lte=2100), name="disclosure_year"),
        ]

    def __str__(self) -> str:
        return f"{self.bureau.name} {self.label}"

    @property
    def label(self) -> str:
        """'2023年部门预算' / '2023 Department budget': year, scope and kind, readable in either language."""
        return _("%(year)s年%(kind)s") % {"year": self.fiscal_year, "kind": self.kind_label}

    @property
    def kind_label(self) -> str:
        """部门预算 / "Department budget": scope and kind named whole, not two labels run together."""
        return document_kind_label(scope=self.scope, kind=self.kind)

    @property
    def year_kind(self) -> str:
        return _("%(year)s年%(kind)s") % {"year": self.fiscal_year, "kind": self.get_kind_display()}

    @property
    def source_lines(self) -> list[str]:
        return self.source_text.split("\n")


class SourceTable(models.Model):
    """A table as printed in the document (one even when the PDF broke it over pages)."""

    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("公开文件"), on_delete=models.CASCADE, related_name="tables"
    )
    position = models.PositiveIntegerField(_("顺序"))
    key = models.CharField(_("表类型"), max_length=64)
    title = models.CharField(_("表名"), max_length=255)
    unit = models.CharField(_("单位"), max_length=8, blank=True)
    start_line = models.PositiveIntegerField(_("起始行"))
    end_line = models.PositiveIntegerField(_("结束行"))
    declared_empty = models.BooleanField(_("空表"), default=False)

    class Meta:
        verbose_name = _("表")
        verbose_name_plural = _("表")
        ordering = ["disclosure", "position"]
        # What a line's one foreign key points at: its table and that table's document (BudgetLine).
        constraints = [models.UniqueConstraint(fields=["id", "disclosure"], name="source_table_of_document")]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_open(self) -> bool:
        """The document page opens the tables a reader looks at first: the spending summary and the prose amounts;
        the page opens them only when lines were read from them (an empty table opened hides what follows)."""
        return self.key in vocabulary.OPENED_TABLES


class BudgetLine(models.Model):
    class Classification(models.TextChoices):
        FUNCTIONAL = "functional", _("功能分类")
        ECONOMIC_DEPARTMENT = "economic_department", _("部门经济分类")
        ECONOMIC_GOVERNMENT = "economic_government", _("政府经济分类")
        PROJECT = "project", _("项目")
        SUMMARY = "summary", _("汇总")
        OTHER = "other", _("其他")

    # Found by the (disclosure, code) index below: an index of the document alone would be one more to write for
    # every line imported, and serve no query that one does not. The document and the table are checked together, on
    # PostgreSQL, by one foreign key (table, disclosure) -> the table's (id, disclosure) (migration 0010): the line's
    # table exists and is its document's, one check per line imported where two keys made two.
    disclosure = models.ForeignKey(
        Disclosure,
        verbose_name=_("公开文件"),
        on_delete=models.CASCADE,
        related_name="lines",
        db_index=False,
        db_constraint=False,
    )
    table = models.ForeignKey(
        SourceTable, verbose_name=_("表"), on_delete=models.CASCADE, related_name="lines", db_constraint=False
    )
    position = models.PositiveIntegerField(_("顺序"))
    classification = models.CharField(_("分类"), max_length=32, choices=Classification.choices)
    code = models.CharField(_("科目编码"), max_length=16, blank=True)
    name = models.CharField(_("科目名称"), max_length=255)
    published_name = models.CharField(_("原文名称"), max_length=255)
    row_kind = models.CharField(_("行类型"), max_length=32, blank=True)
    total = models.DecimalField(_("合计（元）"), null=True, blank=True, **MONEY)
    basic = models.DecimalField(_("基本支出（元）"), null=True, blank=True, **MONEY)
    project = models.DecimalField(_("项目支出（元）"), null=True, blank=True, **MONEY)
    personnel = models.DecimalField(_("人员经费（元）"), null=True, blank=True, **MONEY)
    public = models.DecimalField(_("公用经费（元）"), null=True, blank=True, **MONEY)
    # Columns beyond the five above, keyed by their printed header; values are decimal strings in 元.
    other_amounts = models.JSONField(_("其他列（元）"), default=dict, blank=True)
    source_lines = models.JSONField(_("原文行号"), default=list)
    first_line = models.PositiveIntegerField(_("首行"))
    from_narrative = models.BooleanField(_("取自文字说明"), default=False)

    class Meta:
        verbose_name = _("预算行")
        verbose_name_plural = _("预算行")
        ordering = ["disclosure", "position"]
        indexes = [
            models.Index(fields=["disclosure", "code"]),
            # Lines of a code, or of the codes under one, across documents (the API's code and code_prefix): a
            # pattern index answers both `=` and a prefix; the plain index Django adds beside it answered nothing
            # more, and was one more to write for every line imported (migration 0011).
            models.Index(fields=["code"], name="budgetline_code_prefix", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def amounts(self) -> dict[str, Decimal]:
        """Every published column of the row, in 元; a blank cell is absent, not 0."""
        return line_amounts({key: getattr(self, key) for key in AMOUNT_COLUMNS}, self.other_amounts)


def line_amounts(columns: dict[str, Decimal | None], other_amounts: dict[str, str]) -> dict[str, Decimal]:
    """BudgetLine.amounts of a row's amount columns and its `other_amounts` (a row not yet written reads the same)."""
    standard = {key: value for key, value in columns.items() if value is not None}
    return standard | {key: Decimal(value) for key, value in other_amounts.items()}


class StatedFigure(models.Model):
    """A figure the document states in words or in a target table, with the text it was read from."""

    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("公开文件"), on_delete=models.CASCADE, related_name="figures"
    )
    # Not indexed: figures are read by their document, never looked up by key across documents.
    key = models.CharField(_("指标"), max_length=64)
    label = models.CharField(_("原文称谓"), max_length=64, blank=True)
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=16)
    line = models.PositiveIntegerField(_("原文行号"))
    quote = models.TextField(_("原文"))
    year = models.PositiveSmallIntegerField(_("所指年度"), null=True, blank=True)
    # The table whose row states the figure ("three_public"); blank for a figure stated in words.
    table_key = models.CharField(_("出自表"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("文中数字")
        verbose_name_plural = _("文中数字")
        ordering = ["disclosure", "line"]

    def __str__(self) -> str:
        return f"{self.label or self.key} {self.value}{self.unit}"

    @property
    def table(self) -> str:
        """As the parsed figure names it: summaries read parsed and stored figures alike."""
        return self.table_key


class CheckResult(models.Model):
    Severity = vocabulary.Severity

    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("公开文件"), on_delete=models.CASCADE, related_name="checks"
    )
    severity = models.CharField(_("级别"), max_length=16, choices=Severity.choices)
    code = models.CharField(_("检查项"), max_length=64)
    # The sentence and its parameters (disclosures/parsing/wording.py): worded in the reader's language when shown.
    # Rows stored before findings had parameters keep only their Chinese message.
    finding = models.CharField(_("结果代码"), max_length=64, blank=True, default="")
    params = models.JSONField(_("参数"), null=True, blank=True)
    message = models.TextField(_("说明"))
    lines = models.JSONField(_("涉及行号"), default=list)

    class Meta:
        verbose_name = _("核对结果")
        verbose_name_plural = _("核对结果")
        ordering = ["disclosure", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The finding in the active language (the stored Chinese message for rows without parameters)."""
        from .findings import finding_text

        return finding_text(self.finding, self.params, fallback=self.message)


class DataVersion(models.Model):
    """One row whose number goes up with every change the public pages show (an import, a restore, a denominator,
    a document moved): cached pages are keyed by it, so a change is seen at once by every worker."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return str(self.version)
