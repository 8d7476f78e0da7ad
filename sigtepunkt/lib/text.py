"""Bytes of a file a Danish user made, as text: the encodings Excel and statistikbanken.dk write."""

from __future__ import annotations


def danish_text_decode(data: bytes) -> str:
    """UTF-8 (with or without byte-order mark) when valid, else Windows-1252; newlines made "\\n".

    Older Danish Excel and statistikbanken.dk write Windows-1252; anything valid as UTF-8 is
    taken as UTF-8, since Windows-1252 text with æøå is almost never valid UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return text.replace("\r\n", "\n").replace("\r", "\n")
