"""Bytes to text: byte-order marks, UTF-8, then a detected legacy encoding.

Binary data is refused with a reason rather than decoded into garbage.
"""

from __future__ import annotations

import codecs

from dossier.errors import InputError

__all__ = ["decode_bytes", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}
_LATIN_FAMILY = {
    "ascii", "latin_1", "iso8859_1", "iso8859_2", "iso8859_9", "iso8859_13", "iso8859_15", "iso8859_16",
    "cp1250", "cp1252", "cp1254", "cp1257", "cp850", "cp437", "mac_roman", "mac_latin2", "mac_iceland",
}  # fmt: skip


def looks_binary(data: bytes) -> bool:
    """True if the first 8 KiB are not plausibly text in any common encoding."""
    sample = data[:8192]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding used)``.

    Args:
        data: The raw bytes.
        name: The input's name, for error messages.
        declared: An encoding declared by the container (HTTP header, XML prolog), tried first.

    Raises:
        InputError: The data is empty or binary.
    """
    if not data.strip():
        raise InputError(f"{name}: the input is empty; nothing to ingest", input=name, reason="empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if looks_binary(data):
        raise InputError(
            f"{name}: this looks like binary data, not text, HTML, a feed or a WARC; "
            "pass text, HTML, JSON Lines, RSS/Atom or WARC files",
            input=name,
            reason="binary",
        )
    candidates = [declared] if declared else []
    for encoding in (*candidates, "utf-8"):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    # Short Western texts are easily mistaken for another Latin code page; cp1252 is what
    # most "Latin-1" text really is, so it wins whenever the guess is a Latin cousin.
    if encoding in _LATIN_FAMILY:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return data.decode(encoding, errors="replace"), encoding
