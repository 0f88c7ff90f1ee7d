"""What an indicator declares, and what it computes for one document.

Each indicator is a small module that builds one `Indicator`: its names, definition, formula, the codes and stated
figures it reads, its unit, caveats and sources (the methods page is generated from these), and a `compute`
function from one document's facts to an `IndicatorValue`. Missing is a value of None with its reason, never 0.

Reasons, notes and source labels are `Message`s: a stable code and its parameters, stored as such with the value
(comparisons.models.StoredIndicator) and put into words in the reader's language only when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext, gettext_noop

from comparisons.formatting import amounts_words, enumerated
from disclosures.links import document_url_pattern, line_url

if TYPE_CHECKING:
    from comparisons.facts import DocumentFacts


# code -> the Chinese source text (a msgid of locale/en): every Message a compute function can return.
MESSAGES: dict[str, str] = {}
# code -> {parameter: unit} of the parameters that are amounts (see MessageKind.amounts).
AMOUNTS: dict[str, dict[str, str]] = {}
# code -> a reason in a few words (a msgid too), for the cell of the value it leaves missing: see `reason`.
SHORT: dict[str, str] = {}
# code -> the parameters that are lists of the document's own labels ("2101301 城乡医疗救助"), stored joined by LIST
# and joined in the reader's language when shown ("、" in Chinese, ", " in English).
LISTS: dict[str, tuple[str, ...]] = {}
LIST = "、"


@dataclass(frozen=True)
class MessageKind:
    """A sentence an indicator can say, declared once at module level: `NO_LINE = message("...", gettext_noop(...))`."""

    code: str
    text: str
    # Parameters that are amounts in 元, by the unit `formatting.show` takes ("元" is shown in 万元, "yuan" in 元):
    # stored as plain decimals (a list of them space-separated), put into words with their unit only when shown.
    amounts: tuple[tuple[str, str], ...] = ()

    def __call__(self, **params) -> Message:
        return Message(self.code, tuple(sorted((k, _param(v)) for k, v in params.items())))


def _param(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def message(code: str, text: str, *, amounts: dict[str, str] | None = None, lists: tuple[str, ...] = ()) -> MessageKind:
    if MESSAGES.setdefault(code, text) != text:
        raise ValueError(f"message code {code!r} declared twice with different texts")
    AMOUNTS[code] = dict(amounts or {})
    LISTS[code] = lists
    return MessageKind(code, text, tuple((amounts or {}).items()))


def reason(code: str, text: str, *, short: str, **kwargs) -> MessageKind:
    """Why a value is missing: the sentence, and the same in a few words ("无参保人数"), which the value's own cell
    shows where the sentence (in the note column beside it, off a phone's screen) would be too long."""
    kind = message(code, text, **kwargs)
    SHORT[code] = short
    return kind


@dataclass(frozen=True)
class Message:
    """A reason, note or label as stored: its code and parameters; put into words (in the active language) by str()."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        text = gettext(MESSAGES[self.code])
        if not self.params:
            return text
        params = dict(self.params)
        try:
            for name, unit in AMOUNTS[self.code].items():
                if name in params:
                    params[name] = amounts_words(params[name], unit)
            for name in LISTS[self.code]:
                if name in params:
                    params[name] = enumerated(params[name].split(LIST))
            return text % params
        except (KeyError, ValueError, ArithmeticError):  # stored by an older definition, until rebuilt
            return " ".join(value for _, value in self.params)

    @property
    def short(self) -> str:
        """A reason in a few words, in the active language ('' for a message declared without them)."""
        return gettext(SHORT[self.code]) if self.code in SHORT else ""

    def __contains__(self, part: str) -> bool:
        return part in str(self)


# Document text (a code and the name the document gives it, a stated label) is shown as printed, untranslated.
TEXT = message("text", "%(text)s")


def as_text(value) -> Message:
    return value if isinstance(value, Message) else TEXT(text=str(value))


@dataclass(frozen=True)
class SourceRef:
    """Where a number came from: a document, its table and source line(s), or a staff-entered denominator."""

    text: Message  # what the number is, e.g. "2101202 财政对…" or "城乡居民参保人数 250,000 人"
    disclosure_id: int | None = None
    lines: tuple[int, ...] = ()
    note: str = ""  # e.g. the denominator's source as staff entered it, or the sentence quoted
    href: str = ""  # where a number outside the documents was published (a staff-entered denominator's link)
    table: str = ""  # the key of the table the line is in ("expenditure_summary", "narrative", "prose" ...)
    figure: str = ""  # the stated figure (or staff denominator) it gives: "insured_residents", "assistance_central"

    @property
    def label(self) -> str:
        """The text in the active language."""
        return str(self.text)

    @property
    def url(self) -> str:
        return self.url_in(document_url_pattern())

    def url_in(self, pattern: str) -> str:
        """`url`, with the document address pattern (disclosures.links.document_url_pattern) read by the caller."""
        if self.disclosure_id is None:
            return self.href
        return line_url(pattern, self.disclosure_id, self.lines[0] if self.lines else None)


@dataclass(frozen=True)
class IndicatorValue:
    indicator: str
    value: Decimal | None
    unit: str
    reason: Message | None = None  # why the value is missing
    notes: tuple[Message, ...] = ()  # shown beside the value, e.g. "booked under 2080101"
    sources: tuple[SourceRef, ...] = ()
    details: dict = field(default_factory=dict)  # extra columns: stated per head, share of national minimum ...
    version: int = 0  # the indicator definition's version it was computed with

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def missing_reason(self) -> str:
        return str(self.reason) if self.reason is not None else ""

    @property
    def note(self) -> str:
        return " ".join(str(n) for n in self.notes)

    def source_url(self, pattern: str | None = None) -> str:
        """The address of its first source that has one ("" with none); `pattern` the document address pattern
        (disclosures.links.document_url_pattern) where the caller has read it once for many values."""
        return first_source_url(self.sources, document_url_pattern() if pattern is None else pattern)


def first_source_url(sources: tuple[SourceRef, ...], pattern: str) -> str:
    """The address of the first of these sources that has one, "" with none."""
    return next((url for s in sources if (url := s.url_in(pattern))), "")


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str  # the name: a msgid (Chinese), marked with gettext_noop; `name` gives it in the reader's language
    definition: str
    formula: str
    unit: str  # "元" (stored money, shown in 万元), "元/人" per head, "%" share
    # A shorter name for the head of a table of every indicator (the bureau page's), pgettext_lazy("表头", …): the
    # full names, in English above all, make that table wider than a laptop screen. Empty: the name is short enough.
    heading: str = ""
    codes: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    compute: Callable[[DocumentFacts], IndicatorValue] | None = None
    group: str = ""  # a key of GROUPS
    headline: bool = False  # one of the three headline measures the dashboard shows first
    denominator: str = ""  # what a ratio divides by, for the methods page ("城乡居民参保人数", "支出总额" ...)
    # Raise when the definition or the compute function changes: `manage.py rebuild_indicators` recomputes the
    # stored values of older versions.
    version: int = 1

    @property
    def name(self) -> str:
        """The name in the active language."""
        return gettext(self.title)

    @property
    def short_name(self) -> str:
        """The heading of its column where every indicator is shown, in the active language."""
        return str(self.heading) if self.heading else self.name

    def value(self, facts: DocumentFacts) -> IndicatorValue:
        return self.compute(facts)

    def missing(self, reason: Message, **kwargs) -> IndicatorValue:
        return IndicatorValue(self.key, None, self.unit, reason=reason, version=self.version, **kwargs)

    def found(self, value: Decimal, sources: tuple[SourceRef, ...], **kwargs) -> IndicatorValue:
        return IndicatorValue(self.key, value, self.unit, sources=sources, version=self.version, **kwargs)


def per_head(amount: Decimal, people: Decimal) -> Decimal:
    """元 per person, to the fen."""
    return (amount / people).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """Percent to one decimal place."""
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- Declarations shared by the indicator modules ---

GROUPS: dict[str, str] = {
    # key -> heading (a msgid); the methods page and the pages group indicators by it.
    "contribution": gettext_noop("城乡居民医保财政补助"),
    "assistance": gettext_noop("医疗救助"),
    "running": gettext_noop("行政运行成本"),
    "budget": gettext_noop("收支规模与结构"),
}


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """Percent to two decimal places, for small shares of a total budget (0.63%)."""
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money(value: Decimal) -> Decimal:
    """An amount in 元 to the fen (stated figures are stored with four decimals)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def headcount(value: Decimal) -> Decimal:
    """A number of people as a whole number (stated counts are stored with four decimals)."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
