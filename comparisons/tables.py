"""django-tables2 tables of indicator rows: sortable, paginated, exported to CSV/XLSX with the columns shown.

A value cell links to the line it was read from; a missing value's cell says 缺失 and why in a few words, its title
the whole reason, and the note column (shown and exported) carries the reasons and notes in words. Exports write plain
numbers in the unit of the column header (万元, 元/人, %), never 0 for missing.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from html import escape
from operator import attrgetter

import django_tables2 as tables
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.html import escape as escape_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tables2.templatetags.django_tables2 import table_page_range
from django_tables2.utils import OrderByTuple

from disclosures.links import document_url_pattern, object_url, object_url_pattern

from .formatting import detail_unit, display_unit, document_words, labelled, listed, number, show, with_unit
from .indicators import Indicator, IndicatorValue
from .pages import Detail
from .reference import reference_anchor
from .vocabulary import DetailKind

PER_PAGE = 25  # rows on a page of the dashboard's ranked tables and of the search results


class CountedPaginator(Paginator):
    """A paginator told how many rows there are (a dashboard table's count is in its distribution's statistics),
    so that it asks the database no COUNT."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


class FastBodyMixin:
    """The table body built in Python rather than by the template engine and django-tables2's per-cell machinery:
    the same markup (row attributes, each column's td attributes for its record, the rendered cell) in a small
    fraction of the time. A column that defines `fast(table, record) -> (td attributes, html)` is rendered by it;
    any other by django-tables2. Headers, sorting, pagination and exports stay django-tables2's."""

    @property
    def anchor(self) -> str:
        """'#<table id>' for the sort and page links, so the reader stays at the table; '' without an id."""
        table_id = self.attrs.get("id") if self.attrs else None
        return f"#{table_id}" if table_id else ""

    @property
    def link_pattern(self) -> str:
        """The document page's address pattern, for the cells that link a line (url_pattern's, read once)."""
        return self.url_pattern("disclosures:disclosure_detail")

    def url_pattern(self, name: str) -> str:
        """An object page's address pattern (a bureau's, a document's), read once per table: reversing a URL or
        reading the active language for every cell was a large part of a table's time."""
        patterns = self.__dict__.setdefault("_url_patterns", {})
        if name not in patterns:
            patterns[name] = object_url_pattern(name)
        return patterns[name]

    def reversed(self, name: str) -> str:
        """reverse(name) of a page without arguments, once per table."""
        found = self.__dict__.setdefault("_reversed", {})
        if name not in found:
            found[name] = reverse(name)
        return found[name]

    @cached_property
    def words(self) -> Words:
        """Texts put into words once per table (the demo mark, labels), in the reader's language."""
        return Words()

    @property
    def body_html(self) -> str:
        columns = list(self.columns)
        # Each column's cell maker, made once per table (its attributes and what it looks up, once): a column that
        # defines `cells(table, name) -> (record -> "<td …>…</td>")`, else one that defines `fast`, else
        # django-tables2's per-cell rendering.
        makers = [self.cell_maker(bound) for bound in columns]
        rows = []
        for row in self.paginated_rows:
            record = row.record
            cells = "".join(
                [make(record) if make is not None else self.slow_cell(row, bound) for make, bound in makers]
            )
            rows.append(f"<tr {self.row_html_attrs(row)}>{cells}</tr>")
        if not rows and self.empty_text:
            rows.append(f'<tr><td colspan="{len(columns)}">{conditional_escape(self.empty_text)}</td></tr>')
        return mark_safe("".join(rows))

    @property
    def head_cells(self) -> str:
        """The header cells, each sortable one linking to this page sorted by it (`_table.html`): the markup its
        template loop gave, built directly (the loop read each column's attributes and sort state several times and
        ran querystring_replace once per column), indented as the loop inside the <tr> indented it."""
        params = dict(self.request.GET)
        field = self.prefixed_order_by_field
        anchor = conditional_escape(self.anchor)
        cells = []
        for column in self.columns:
            aria = ""
            if column.is_ordered:
                order = column.order_by_alias
                aria = f'aria-sort="{"descending" if order.is_descending else "ascending"}"'
            # A short heading (IndicatorColumn's) shows in the head with the full one as its title; the exports keep
            # the full one.
            short = getattr(column.column, "short_header", "")
            header = conditional_escape(short or column.header)
            title = f' title="{conditional_escape(column.header)}"' if short else ""
            if column.orderable:
                link = escape_html("?" + urlencode(params | {field: column.order_by_alias.next}, doseq=True))
                inner = f'\n{" " * 24}<a href="{link}{anchor}">{header}</a>\n{" " * 20}'
            else:
                inner = f"\n{' ' * 24}{header}\n{' ' * 20}"
            cells.append(
                f'\n{" " * 16}<th scope="col" {column.attrs["th"].as_html()}{title} {aria}>\n{" " * 20}{inner}'
                f"\n{' ' * 16}</th>\n{' ' * 12}"
            )
        return mark_safe(f"\n{' ' * 12}{''.join(cells)}\n{' ' * 8}")

    @property
    def page_items(self) -> str:
        """The page links of the pagination (`_table.html`): the markup its template loop gave, built directly, each
        link this page's query with the page number changed (querystring_replace's), indented as in the loop."""
        params = dict(self.request.GET)
        field = self.prefixed_page_field
        anchor = conditional_escape(self.anchor)
        current = self.page.number
        items = []
        for p in table_page_range(self.page, self.paginator):
            if p == "...":
                inner = "<span>…</span>"
            elif p == current:
                inner = f'<span aria-current="page">{p}</span>'
            else:
                inner = f'<a href="{escape_html("?" + urlencode(params | {field: p}, doseq=True))}{anchor}">{p}</a>'
            items.append(f"\n{' ' * 24}<li>\n{' ' * 28}\n{' ' * 32}{inner}\n{' ' * 28}\n{' ' * 24}</li>\n{' ' * 20}")
        return mark_safe("".join(items))

    def cell_maker(self, bound):
        column, name = bound.column, bound.name
        cells = getattr(column, "cells", None)
        if cells is not None:
            return cells(self, name), bound
        fast = getattr(column, "fast", None)
        if fast is not None:

            def make(record):
                attrs, html = fast(self, name, record)
                return f"<td {flatatt_html(attrs)}>{html}</td>"

            return make, bound
        return None, bound

    @staticmethod
    def slow_cell(row, bound) -> str:
        return f"<td {bound.attrs['td'].as_html()}>{conditional_escape(row.get_cell(bound.name))}</td>"

    def row_html_attrs(self, row) -> str:
        """A <tr>'s attributes: django-tables2's (the table's `row_attrs`, and its even/odd class)."""
        return row.attrs.as_html()

    def as_values(self, exclude_columns=None):
        """The export (CSV/XLSX) rows: the header, then each record's values, with the same fast path."""
        exclude = set(exclude_columns or ())
        columns = [c for c in self.columns.iterall() if c.name not in exclude]
        yield [str(c.header) for c in columns]
        # A column that defines `exporter(table, name)` gives its cell's value by the function it returns, made once
        # per export (what it looks up and translates, once): thousands of rows call it.
        getters = [c.column.exporter(self, c.name) if hasattr(c.column, "exporter") else None for c in columns]
        if None not in getters:  # every cell from its record: no django-tables2 row for each
            for record in self.data:
                yield [get(record) for get in getters]
            return
        for row in self.rows:
            record = row.record
            yield [
                get(record) if get is not None else row.get_cell_value(c.name)
                for get, c in zip(getters, columns, strict=True)
            ]


def cell_escape(value) -> str:
    """conditional_escape's text for a cell (safe markup as it is, anything else escaped), without its lazy-text
    wrapper and SafeString made for each of a table's thousands of cells: the caller marks the whole body safe."""
    if isinstance(value, Promise):
        value = str(value)
    html = getattr(value, "__html__", None)
    return html() if html is not None else escape(str(value))


def flatatt_html(attrs: dict) -> str:
    return " ".join(f'{key}="{conditional_escape(value)}"' for key, value in attrs.items() if value not in (None, ""))


class FastColumn(tables.Column):
    """A column rendered in Python by FastBodyMixin: `html(table, name, record)` gives the cell's escaped HTML.

    Its accessor names attributes (`disclosure__bureau__name`), read one after the other, a None ending the path
    as in django-tables2: without Accessor.resolve's tries of a key, an index and a call at every step, which an
    export of thousands of rows paid for each cell."""

    def __deepcopy__(self, _memo):
        """Each table's copy of its class's column (django-tables2 deep-copies every declared column for each table:
        over a thousand copy calls a table): a shallow copy with its own attributes, enough since a table only
        reassigns a column's attributes (visible, attrs, order_by, accessor), never changes what they hold."""
        copied = copy.copy(self)
        copied.attrs = {key: dict(value) if isinstance(value, dict) else value for key, value in self.attrs.items()}
        return copied

    @cached_property
    def bits(self) -> tuple[str, ...] | None:
        return tuple(self.accessor.bits) if self.accessor else None

    def resolve(self, record):
        if self.bits is None:
            return None
        value = record
        for name in self.bits:
            value = getattr(value, name)
            if value is None:
                break
        return value

    def cells(self, table, name):
        """Cells with this column's fixed attributes, put into markup once."""
        start, html = f"<td {flatatt_html(self.attrs.get('td', {}))}>", self.html
        return lambda record: f"{start}{html(table, name, record)}</td>"

    def exporter(self, table, name):
        resolve = self.resolve
        if self.bits:
            # The path read by one attrgetter; a None on the way (an AttributeError) read again by `resolve`.
            path = attrgetter(".".join(self.bits))

            def resolve(record):
                try:
                    return path(record)
                except AttributeError:
                    return self.resolve(record)

        method = getattr(table, f"value_{name}", None)
        if method is None and type(self).value is not tables.Column.value:
            method = self.value
        if method is None:
            return resolve
        return lambda record: method(value=resolve(record), record=record)

    def html(self, table, name, record) -> str:
        value = self.resolve(record)
        method = getattr(table, f"render_{name}", None)
        shown = method(value=value, record=record) if method else value
        return cell_escape("" if shown is None else shown)


class LinkColumn(FastColumn):
    """Its text links to an object's page: `page` names the URL (one id argument), `pk` gives the record's id."""

    def __init__(self, *, page: str, pk, **kwargs):
        self.page, self.pk = page, pk
        super().__init__(linkify=lambda record: object_url(page, pk(record)), **kwargs)

    def url(self, table, record) -> str:
        return table.url_pattern(self.page).format(int(self.pk(record)))

    def html(self, table, name, record) -> str:
        text = super().html(table, name, record)
        return mark_safe(f'<a href="{escape(self.url(table, record))}">{text}</a>')


# The spreadsheet number format of a column by its unit (exports.xlsx_bytes): money with thousands separators.
NUMBER_FORMATS = {"元": "#,##0.00", "元/人": "#,##0.00", "yuan": "#,##0.00", "%": "0.00", "count": "#,##0"}


def _value_of(record, key: str) -> IndicatorValue | None:
    return record.values.get(key)


NOT_COMPUTED = _("本站尚未计算这一指标。")
NOT_COMPUTED_SHORT = _("未计算")
MISSING = pgettext_lazy("表格中没有数值的单元格", "缺失")
SEPARATOR = _("；")  # as formatting.listed joins


class Words(dict):
    """Messages put into words once (`words[message]`), and lazy texts (`words.text(NOT_COMPUTED)`): a table's cells
    repeat a few, and each str() of one is a translation lookup. Made with its table, in the reader's language."""

    def __missing__(self, message) -> str:
        text = self[message] = str(message)
        return text

    def text(self, lazy) -> str:
        # A lazy text hashes by its translation (a lookup each time): kept by its identity instead.
        key = ("lazy", id(lazy))
        if key not in self:
            self[key] = str(lazy)
        return self[key]


def missing_html(value: IndicatorValue | None) -> str:
    """What the cell of a missing value says: 缺失, and why in a few words under it; a phone shows the cell where the
    whole reason, in the note column at the far end of the row, is off the screen. (Its title gives the sentence.)"""
    why = str(NOT_COMPUTED_SHORT) if value is None else value.reason.short if value.reason is not None else ""
    missing = escape(str(MISSING))
    return f"{missing}<small>{escape(why)}</small>" if why else missing


class IndicatorColumn(tables.Column):
    """One indicator's value: the number in its display unit, linked to its first source."""

    def __init__(
        self, indicator: Indicator, *, ordered_by: tuple[str, ...] | None = None, short: bool = False, **kwargs
    ):
        self.indicator = indicator
        key = indicator.key
        unit = display_unit(indicator.unit)
        name = indicator.name
        # The page's heading when asked (head_cells): the indicator's short name, with its unit.
        self.short_header = with_unit(indicator.short_name, unit) if short else ""

        # The reasons and source labels in words once per table: a column's cells repeat a few.
        words = Words()

        def td_title(record):
            value = _value_of(record, key)
            if value is None:
                return words.text(NOT_COMPUTED)
            if value.missing:
                return words[value.reason] if value.reason is not None else ""
            return words.text(SEPARATOR).join(filter(None, (words[s.text] for s in value.sources)))

        def td_class(record):
            value = _value_of(record, key)
            return "num missing" if value is None or value.missing else "num"

        self.td_title, self.td_class = td_title, td_class
        self.number_format = NUMBER_FORMATS.get(indicator.unit, "0.00")

        super().__init__(
            accessor=tables.A(f"values__{key}"),
            order_by=ordered_by or (f"values__{key}__value",),
            verbose_name=with_unit(name, unit),
            empty_values=(),
            attrs={"th": {"class": "num"}, "td": {"class": td_class, "title": td_title}},
            **kwargs,
        )

    def exporter(self, table, name):
        key = self.indicator.key

        def get(record):  # `value`, for thousands of rows
            found = record.values.get(key)
            return "" if found is None or found.value is None else number(found.value, found.unit)

        return get

    def cells(self, table, name):
        key, td_title, render, pattern = self.indicator.key, self.td_title, self.render, table.link_pattern

        def cell(record):
            # The attributes flatatt_html gave: the class, then the title unless empty.
            value = _value_of(record, key)
            css = "num missing" if value is None or value.missing else "num"
            title = td_title(record)
            start = f'<td class="{css}" title="{escape(title)}">' if title else f'<td class="{css}">'
            return f"{start}{render(value, pattern=pattern)}</td>"

        return cell

    def render(self, value, *, pattern: str):
        """The number linked to its first source that has an address, marked ※ where a note goes with it (the
        markup format_html gave, built directly: a table renders thousands); a missing value says so."""
        if value is None or value.missing:
            return mark_safe(missing_html(value))
        text = escape(show(value.value, value.unit))
        url = value.source_url(pattern)
        marker = ' <span class="flag" aria-hidden="true">※</span>' if value.notes and value.note else ""
        if url:
            return mark_safe(f'<a href="{escape(url)}">{text}</a>{marker}')
        return mark_safe(f"{text}{marker}")

    def value(self, value):
        if value is None or value.missing:
            return ""
        return number(value.value, value.unit)


class DetailColumn(tables.Column):
    """A number from an indicator's details (the stated per head, a share, the split by source)."""

    def __init__(self, detail: Detail, **kwargs):
        self.detail = detail
        numeric = detail.kind != DetailKind.TEXT
        self.number_format = NUMBER_FORMATS.get(detail_unit(detail.kind), "0.00") if numeric else None
        attrs = {"th": {"class": "num"}, "td": {"class": "num"}} if numeric else {}
        super().__init__(
            accessor=tables.A(f"values__{detail.indicator}"),
            order_by=(f"values__{detail.indicator}__details__{detail.key}",),
            verbose_name=detail.label,
            empty_values=(),
            attrs=attrs,
            **kwargs,
        )

    def exporter(self, table, name):
        key, value = self.detail.indicator, self.value
        return lambda record: value(record.values.get(key))

    def cells(self, table, name):
        start, key, render = f"<td {flatatt_html(self.attrs.get('td', {}))}>", self.detail.indicator, self.render
        return lambda record: f"{start}{cell_escape(render(_value_of(record, key), record, table))}</td>"

    def _raw(self, value: IndicatorValue | None):
        if value is None:
            return None
        return value.details.get(self.detail.key)

    def render(self, value, record, table):
        """The number linked to its source (`table` for the addresses it has read once)."""
        raw = self._raw(value)
        if raw is None or raw == "":
            return ""
        if self.detail.kind == DetailKind.TEXT:
            return self._words(raw)
        text = show(raw, detail_unit(self.detail.kind))
        pattern = table.link_pattern
        # Without a line of its own, the number links to the figures the document states.
        if self.detail.reference:  # the row of the document's year: the minimum it was measured against
            url = table.reversed("comparisons:methods") + "#" + reference_anchor(record.disclosure.fiscal_year)
        elif self.detail.source_figure:
            figure = self.detail.source_figure
            url = next((u for s in value.sources if s.figure == figure and (u := s.url_in(pattern))), "")
        else:
            url = pattern.format(int(record.disclosure.pk)) + "#figures-heading"
        return mark_safe(f'<a href="{escape(url)}">{escape(text)}</a>') if url else text

    def value(self, value):
        raw = self._raw(value)
        if raw is None or raw == "":
            return ""
        if self.detail.kind == DetailKind.TEXT:
            return self._words(raw)
        return number(raw, detail_unit(self.detail.kind))

    def _words(self, raw) -> str:
        """A text detail: the site's label (a Message) in the reader's language; the document's words as printed,
        quoted with their meaning in another language."""
        if isinstance(raw, str) and self.detail.meaning is not None:
            return document_words(raw, self.detail.meaning(raw))
        return str(raw)


class NoteColumn(tables.Column):
    """Why a value is missing, and the notes that go with the values, in words (shown and exported)."""

    def __init__(self, keys: Sequence[str], names: dict[str, str], **kwargs):
        self.keys = list(keys)
        self.names = names
        # Each message and labelled note in words once per table: an export's thousands of rows repeat a few.
        self.words: dict = {}
        super().__init__(
            accessor=tables.A("values"), verbose_name=_("说明"), orderable=False, empty_values=(), **kwargs
        )

    def notes(self, values: dict) -> list[str]:
        """Each text once, under the first indicator that says it."""
        seen, out = set(), []
        for key in self.keys:
            value = values.get(key)
            if value is None or not (value.sources or value.notes or value.reason is not None):
                continue
            texts = [s.note for s in value.sources if s.disclosure_id is None]
            if value.notes:
                texts.insert(0, " ".join(self.said(n) for n in value.notes))
            if value.reason is not None:
                texts.insert(0, self.said(value.reason))
            for text in texts:
                if text and text not in seen:
                    seen.add(text)
                    out.append(self.said((key, text)))
        return out

    def said(self, what) -> str:
        """A Message in words, or a (key, text) note labelled with its indicator's name."""
        if what not in self.words:
            self.words[what] = labelled(self.names[what[0]], what[1]) if isinstance(what, tuple) else str(what)
        return self.words[what]

    def exporter(self, table, name):
        notes, separator = self.notes, str(SEPARATOR)  # `value`, with its separator translated once

        def get(record):
            found = notes(record.values)
            return separator.join(found) if found else ""

        return get

    def cells(self, table, name):
        start, render = f"<td {flatatt_html(self.attrs.get('td', {}))}>", self.render
        return lambda record: f"{start}{cell_escape(render(record.values))}</td>"

    def render(self, value):
        notes = self.notes(value)
        if not notes:
            return ""
        return format_html('<ul class="notes">{}</ul>', format_html_join("", "<li>{}</li>", ((n,) for n in notes)))

    def value(self, value):
        notes = self.notes(value)
        return listed(notes) if notes else ""


DEMO = _("（演示数据）")


class BureauColumn(LinkColumn):
    """The publisher, marked where the document is generated demo data (on the page and in the export)."""

    def html(self, table, name, record) -> str:
        document = record.disclosure
        text = f'<a href="{escape(self.url(table, record))}">{escape(document.bureau.name)}</a>'
        if document.demo:
            return mark_safe(f'{text} <span class="badge demo">{escape(table.words.text(DEMO))}</span>')
        return mark_safe(text)

    def render(self, value, record):
        if record.disclosure.demo:
            return format_html('{} <span class="badge demo">{}</span>', value, DEMO)
        return value

    def value(self, value, record):
        return f"{value}{DEMO}" if record.disclosure.demo else value

    def exporter(self, table, name):
        resolve, demo = self.resolve, str(DEMO)  # put in words once, not once per row
        return lambda record: f"{resolve(record)}{demo}" if record.disclosure.demo else resolve(record)


# Codes never break; headers do (English ones are long), so the table fits the width it has.
NOWRAP = {"td": {"class": "nowrap"}}
# The name column: first of the descriptive columns, and pinned to the left edge on a phone while the figures
# scroll beside it (comparisons.css).
PINNED = {"td": {"class": "name pin"}, "th": {"class": "pin"}}


class IndicatorRowTable(FastBodyMixin, tables.Table):
    """Rows of `IndicatorRow`; the indicator columns are given when the table is made.

    The columns read name, figures, then where and what: the bureau, the columns that tell its rows apart, the
    indicators and their details, then region and code, and the notes last (they wrap, so the table fits 1366 px)."""

    LEAD: tuple[str, ...] = ("bureau", "year", "kind")
    AFTER_FIGURES: tuple[str, ...] = ()
    TRAIL: tuple[str, ...] = ("region", "code")

    region = FastColumn(
        verbose_name=_("地区"),
        accessor="disclosure__bureau__region__display_full_name",
        order_by=("disclosure__bureau__region__code",),
    )
    code = FastColumn(verbose_name=_("区划代码"), accessor="disclosure__bureau__region__code", attrs=NOWRAP)
    bureau = BureauColumn(
        verbose_name=_("单位名称"),
        attrs=PINNED,
        accessor="disclosure__bureau__name",
        page="comparisons:bureau_detail",
        pk=lambda record: record.disclosure.bureau_id,
        order_by=("disclosure__bureau__name",),
    )
    year = FastColumn(
        verbose_name=_("年度"),
        accessor="disclosure__fiscal_year",
        attrs={"td": {"class": "num"}},
    )
    kind = LinkColumn(
        verbose_name=_("类型"),
        accessor="disclosure",
        page="disclosures:disclosure_detail",
        pk=lambda record: record.disclosure.pk,
        order_by=("disclosure__kind", "disclosure__scope"),
        attrs={"td": {"class": "kind"}},
    )

    class Meta:
        template_name = "comparisons/_table.html"
        attrs = {"class": "data sortable"}
        orderable = True
        empty_text = _("没有符合条件的文件。")

    def __init__(
        self,
        data,
        *,
        indicators: Sequence[Indicator],
        details: Sequence[Detail] = (),
        caption: str = "",
        table_id: str = "",
        ranked_by: str = "",
        page_hides: Sequence[str] = (),
        short_headings: bool = False,
        **kwargs,
    ):
        if table_id:
            kwargs.setdefault("attrs", {"class": "data sortable", "id": table_id})
        names = {i.key: i.name for i in indicators}
        extra = [(f"ind_{i.key}", self.indicator_column(i, ranked_by, short=short_headings)) for i in indicators]
        extra += [
            (f"det_{d.indicator}_{d.key}", DetailColumn(d, orderable=not ranked_by))
            for d in details
            if d.indicator in names
        ]
        extra.append(("note", NoteColumn([i.key for i in indicators], names)))
        self.caption = caption
        indicator_names = [name for name, _column in extra if name.startswith("ind_")]
        detail_names = [name for name, _column in extra if name.startswith("det_")]
        kwargs.setdefault(
            "sequence",
            (*self.LEAD, *indicator_names, *self.AFTER_FIGURES, *detail_names, *self.TRAIL, "note"),
        )
        super().__init__(data, extra_columns=extra, **kwargs)
        self.page_hides(page_hides)

    def page_hides(self, names: Sequence[str]) -> None:
        """Columns the page leaves out (the same on every row there) but the export keeps, so a file names its
        rows; the first column left pins in place of the bureau."""
        for name in names:
            self.columns.hide(name)
        if "bureau" in names:
            self.columns[self.LEAD[1]].column.attrs = {"td": {"class": "num pin"}, "th": {"class": "pin"}}

    @staticmethod
    def indicator_column(indicator: Indicator, ranked_by: str, *, short: bool = False) -> IndicatorColumn:
        # A ranked table is a queryset of one indicator's stored rows: only that indicator sorts, in the database.
        if not ranked_by:
            return IndicatorColumn(indicator, short=short)
        if indicator.key == ranked_by:
            return IndicatorColumn(indicator, ordered_by=("missing", "value", "region_code"))
        return IndicatorColumn(indicator, orderable=False)

    def render_kind(self, value, record=None):
        return kind_words(self.words, value)

    def value_kind(self, value, record=None):
        return value.kind_label


def _percent(value) -> Decimal | None:
    return None if value is None else Decimal(str(value * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class RankedTable(IndicatorRowTable):
    """One year and kind of the dashboard, ranked by the headline's first indicator, in the database: rows are that
    indicator's stored values (rank and percentile set by rankings.ranks_set), the other columns' values attached."""

    rank = FastColumn(
        verbose_name=_("排名"),
        accessor="rank",
        order_by=("missing", "-value", "region_code"),
        attrs={"td": {"class": "num"}, "th": {"class": "num rank"}},
    )
    rank.number_format = "0"
    percentile = FastColumn(
        verbose_name=_("百分位（%）"),
        accessor="percentile",
        order_by=("missing", "-value", "region_code"),
        attrs={"td": {"class": "num"}, "th": {"class": "num"}},
    )
    percentile.number_format = "0.0"

    LEAD = ("rank", "bureau")
    AFTER_FIGURES = ("percentile",)
    TRAIL = ("region", "code", "year", "kind")

    class Meta(IndicatorRowTable.Meta):
        order_by = ("rank",)

    def __init__(self, data, *, found: int | None = None, **kwargs):
        self.found = found
        super().__init__(data, **kwargs)
        # By the stored rows' own region code; a column's order_by is an OrderByTuple (a plain tuple fails to sort).
        self.columns["region"].column.order_by = OrderByTuple(("region_code",))

    def row_html_attrs(self, row) -> str:
        # The found county's row marked, then django-tables2's even/odd class: what `row_attrs` would give, without
        # its inspection of a callable on every row.
        parity = row.get_even_odd_css_class()
        return f'class="found {parity}"' if row.record.disclosure_id == self.found else f'class="{parity}"'

    def render_rank(self, value, record):
        return "" if record.value is None else value

    def value_rank(self, value, record):
        return "" if record.value is None else value

    def value_percentile(self, value, record):
        return "" if record.value is None or record.with_value < 2 else _percent(value)

    def render_percentile(self, value, record):
        return self.value_percentile(value, record)


def document_links_html(documents, *, pattern: str = "", words: dict | None = None) -> str:
    """A bureau's documents as a list of links: the markup the `_document_links.html` template gave, built directly
    (a search page lists hundreds; a template rendered per row ran every context processor each time). `pattern`
    and `words` (labels by scope and kind) when the caller links many lists."""
    pattern = pattern or document_url_pattern()
    words = {} if words is None else words
    if "label" not in words:
        words["label"] = str(LABEL)
    items = []
    for d in documents:
        label = words["label"] % {"year": d.fiscal_year, "kind": kind_words(words, d)}
        url = pattern.format(int(d.pk))
        items.append(f'\n        <li>\n            <a href="{escape(url)}">{escape(label)}</a>\n        </li>\n    ')
    if not items:
        items.append(f'\n        <li class="muted">{escape(str(NO_DOCUMENTS))}</li>\n    ')
    return mark_safe(f'\n<ul class="inline-list">\n    {"".join(items)}\n</ul>\n')


LABEL = _("%(year)s年%(kind)s")  # as Disclosure.label


def kind_words(words: dict, document) -> str:
    """A document's kind and scope in words (部门预算, Unit final accounts), once per `words` (a table's, a list's):
    a translation lookup each time otherwise."""
    key = ("kind", document.scope, document.kind)
    if key not in words:
        words[key] = document.kind_label
    return words[key]


NO_DOCUMENTS = _("暂无文件")


class DocumentLinksColumn(FastColumn):
    """A bureau's current documents as links (document_links_html)."""

    def html(self, table, name, record) -> str:
        return document_links_html(self.resolve(record), pattern=table.link_pattern, words=table.words)


class BureauSearchTable(FastBodyMixin, tables.Table):
    """Search results: bureaus and their current documents."""

    name = LinkColumn(
        verbose_name=_("单位名称"),
        attrs=PINNED,
        accessor="name",
        page="comparisons:bureau_detail",
        pk=lambda record: record.pk,
    )
    region = FastColumn(verbose_name=_("地区"), accessor="region__display_full_name", order_by=("region__code",))
    code = FastColumn(verbose_name=_("区划代码"), accessor="region__code")
    documents = DocumentLinksColumn(verbose_name=_("文件"), accessor="current_disclosures", orderable=False)

    class Meta:
        template_name = "comparisons/_table.html"
        attrs = {"class": "data sortable", "id": "table-search"}
        empty_text = _("没有找到单位。")

    def __init__(self, *args, caption: str = "", **kwargs):
        self.caption = caption
        super().__init__(*args, **kwargs)

    def value_documents(self, value, record=None):
        return listed(value)
