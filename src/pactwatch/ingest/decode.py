"""Turn raw bytes into text: UTF-8, UTF-16 (with or without BOM), else Windows-1252/Latin-1.

A file that is none of these (binary data) is refused with a reason.
"""

from __future__ import annotations

import codecs
import re

from pactwatch.errors import InputError

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.005


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROL.finditer(text)) / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0) / pairs
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0) / pairs
    encoding = "utf-16-le" if odd > 0.3 > even else "utf-16-be" if even > 0.3 > odd else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _control_share(text) <= _MAX_CONTROL_SHARE else None


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode ``data`` read from ``origin``; raise :class:`InputError` if it is not text."""
    if not data.strip():
        raise InputError(origin, "empty file; nothing to read")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(origin, f"broken UTF-16 ({exc.reason}); re-save it as UTF-8") from exc
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(origin, "binary file (NUL bytes); give text, HTML, JSONL or RSS/Atom")
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _legacy_8bit(data, origin)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(origin, "binary file (control bytes); give text, HTML, JSONL or RSS/Atom")
    return text


def _legacy_8bit(data: bytes, origin: str) -> str:
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) <= _MAX_CONTROL_SHARE:
            return text
    raise InputError(origin, "not UTF-8, UTF-16 or Latin-1 text; convert it with: iconv -f ENCODING -t UTF-8")
