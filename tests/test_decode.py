"""Bytes to text: the encodings we accept and the inputs we refuse, with reasons."""

from __future__ import annotations

import codecs

import pytest

from pactwatch.errors import InputError
from pactwatch.ingest.decode import decode_bytes

TEXT = "Russia and North Korea signed a treaty in Pyongyang — “without delay”."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "utf16be-nobom"],
)
def test_unicode_encodings_decode_exactly(data: bytes) -> None:
    assert decode_bytes(data, "f.txt") == TEXT


def test_latin1_is_decoded() -> None:
    text = "Le traité signé à Pyongyang était très discuté."
    assert decode_bytes(text.encode("latin-1"), "f.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary file"),
        (bytes(range(0, 32)) * 40, "binary file"),
    ],
    ids=["empty", "blank", "png", "control-bytes"],
)
def test_refused_inputs_name_file_and_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.bin")
    assert str(info.value).startswith("bad.bin: ")
    assert reason in str(info.value)
