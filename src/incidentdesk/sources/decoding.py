"""Turn raw bytes into text, or say in words why they are not readable text.

Only UTF-8 is accepted (with or without a byte-order mark); other encodings are reported, never
guessed. Line endings are normalised to ``\\n`` so that offsets mean the same on every platform.
"""

from __future__ import annotations

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


class UnreadableText(ValueError):
    """Raised by :func:`decode_text`; its message is the human reason for a ``SourceProblem``."""


def megabytes(size: int) -> str:
    """``25_300_000`` -> ``"25.3 MB"`` (decimal megabytes, trailing ``.0`` dropped)."""
    value = f"{size / 1_000_000:.1f}".removesuffix(".0")
    return f"{value} MB"


def too_large(size: int, max_bytes: int) -> str:
    """The reason for an input over the size limit."""
    return f"file too large ({megabytes(size)} > {megabytes(max_bytes)})"


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes) -> str:
    """Decode UTF-8 bytes (a BOM is dropped) and normalise newlines.

    Raises :class:`UnreadableText` for binary data (NUL bytes), a UTF-16/32 byte-order mark,
    invalid UTF-8 (the message gives the byte offset) and empty or whitespace-only content.
    """
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            raise UnreadableText(
                f"not valid UTF-8: the file starts with a {name} byte-order mark; "
                "convert it to UTF-8"
            )
    if b"\x00" in data:
        raise UnreadableText("binary file, not text")
    skip = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        raise UnreadableText(
            f"not valid UTF-8: {exc.reason} at byte offset {offset} "
            f"(byte 0x{data[offset]:02x}); convert the file to UTF-8"
        ) from None
    if not text.strip():
        raise UnreadableText("empty file")
    return normalise_newlines(text)


def check_text(text: str) -> str:
    """The same checks for input that is already text (stdin opened in text mode)."""
    if "\x00" in text:
        raise UnreadableText("binary file, not text")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise UnreadableText("empty file")
    return normalise_newlines(text)
