"""Bytes of an uploaded or named file -> text the parsers can read, or a clear DisclosureError."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .types import DisclosureError
from .wording import gettext_noop, term

# Magic numbers of the files people attach by mistake instead of the extracted text.
_BINARY_SIGNATURES = {
    b"\x89PNG": gettext_noop("PNG 图片"),
    b"\xff\xd8\xff": gettext_noop("JPEG 图片"),
    b"GIF8": gettext_noop("GIF 图片"),
    b"PK\x03\x04": gettext_noop("ZIP 压缩包或 Office 文件"),
    b"\xd0\xcf\x11\xe0": gettext_noop("旧版 Office 文件"),
    b"Rar!": gettext_noop("RAR 压缩包"),
    b"\x1f\x8b": gettext_noop("gzip 压缩包"),
}


def read_disclosure(data: bytes, *, max_bytes: int, max_pdf_bytes: int) -> str:
    """A PDF as published or its extracted text -> the text the parsers read (pages separated by \\f)."""
    from .pdf import is_pdf, pdf_text

    if is_pdf(data):
        if len(data) > max_pdf_bytes:
            raise DisclosureError(
                gettext_noop("PDF 文件太大：%(mb)s MB，超过 %(limit)s MB 的上限。"),
                {"mb": f"{len(data) / 1024 / 1024:.1f}", "limit": f"{max_pdf_bytes / 1024 / 1024:.0f}"},
            )
        return pdf_text(data)
    return decode_disclosure(data, max_bytes=max_bytes)


def decode_disclosure(data: bytes, *, max_bytes: int) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; normalise line endings."""
    if not data.strip():
        raise DisclosureError(gettext_noop("文件是空的：没有可读的文字。"))
    if len(data) > max_bytes:
        raise DisclosureError(
            gettext_noop("文件太大：%(mb)s MB，超过 %(limit)s MB 的上限；一份预决算公开的文字通常不到 1 MB。"),
            {"mb": f"{len(data) / 1024 / 1024:.1f}", "limit": f"{max_bytes / 1024 / 1024:.0f}"},
        )
    for magic, what in _BINARY_SIGNATURES.items():
        if data.startswith(magic):
            raise DisclosureError(
                gettext_noop("这是%(what)s，不是文字文件：应为从 PDF 提取出的 UTF-8 或 GBK 文本。"),
                {"what": term(what)},
            )
    text = _decode(data)
    if "\x00" in text or _control_share(text) > 0.01:
        raise DisclosureError(
            gettext_noop("这是二进制文件，不是文字文件：应为 PDF 原件，或从 PDF 提取出的 UTF-8 或 GBK 文本。")
        )
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DisclosureError(
                gettext_noop("文件以 UTF-16 标记开头，但内容不是完整的 UTF-16 文本：文件可能已损坏。")
            ) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # gb18030 decodes almost any byte string; accept it only when it reads as Chinese text.
        if encoding == "utf-8-sig" or _cjk_share(text) > 0.05:
            return text
    best = from_bytes(data).best()
    if best is None or _cjk_share(str(best)) < 0.05:
        raise DisclosureError(gettext_noop("无法识别文件的文字编码：应为 UTF-8、GB18030 或 GBK 编码的中文文本。"))
    return str(best)


_CJK = re.compile("[\u4e00-\u9fff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    return len(_CJK.findall(sample)) / len(sample) if sample else 0.0


def _control_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0
