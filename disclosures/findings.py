"""A finding put into words in the reader's language: the sentences are in disclosures/parsing/wording.py (their
msgids Chinese, their English in locale/en), the parameters stored with the finding."""

from __future__ import annotations

from django.utils.translation import get_language, gettext

from .parsing.wording import Voice, sentence


def reader_voice() -> Voice:
    return Voice(translate=gettext, chinese=(get_language() or "zh-hans").startswith("zh"))


def finding_text(finding: str, params: dict | None, *, fallback: str = "") -> str:
    """The sentence of a finding code and its parameters; `fallback` (the Chinese message stored with it) for a row
    stored before findings had parameters, or of a code this version does not know."""
    if params is None or not finding:
        return fallback
    return sentence(finding, params, reader_voice()) or fallback
