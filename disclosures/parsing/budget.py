"""What one document may cost to parse: lines of bounded length, and a time budget checked between the stages.

Every pattern of the parsers is linear on hostile lines (tests/parsing/test_bounded.py), so each stage is bounded by
the size of the text (DISCLOSURE_MAX_BYTES); the budget is the second line of defence, and its error says what
happened instead of a worker being killed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .types import DisclosureError
from .wording import gettext_noop, term

# Text extracted from a PDF has lines of a few hundred characters; a paragraph kept on one line, a few thousand.
MAX_LINE_CHARS = 20_000
DEFAULT_SECONDS = 20.0


class ParseBudget:
    def __init__(self, seconds: float = DEFAULT_SECONDS, *, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self.deadline = clock() + seconds

    def check(self, stage: str) -> None:
        """Raise when the document has used up its time, naming the stage it had reached."""
        if self.clock() > self.deadline:
            raise DisclosureError(
                gettext_noop(
                    "解析超出预算：读到“%(stage)s”时已用时超过 %(seconds)s 秒，没有导入。"
                    "文件的结构异常（如极长的行或大量重复内容），请检查文字提取是否正确。"
                ),
                {"stage": term(stage), "seconds": f"{self.seconds:g}"},
            )


def require_bounded_lines(lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise DisclosureError(
                gettext_noop(
                    "这一行有 %(chars)s 个字符（最多 %(limit)s）：从 PDF 提取的文字不会有这么长的行，"
                    "文件可能已损坏或不是预决算公开的文字。"
                ),
                {"chars": f"{len(line):,}", "limit": f"{MAX_LINE_CHARS:,}"},
                line=number,
            )
