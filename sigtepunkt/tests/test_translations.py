"""The Danish catalogue covers every message, and the compiled catalogue matches it.

The engine's catalogue, that is; the web application (`sigtepunkt/web`) has Django's own,
checked in `sigtepunkt/web/tests/test_translations.py`.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sigtepunkt.i18n import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def _source_msgids() -> set[str]:
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, keywords=KEYWORDS, method_map=[("**/tests/**.py", "ignore"), ("web/**.py", "ignore"), ("**.py", "python")]
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalogue():
    with open(LOCALE_DIR / "da" / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        return read_po(handle, locale="da")


def test_it_translates_every_message_in_the_code_to_danish() -> None:
    catalogue = _catalogue()
    msgids = _source_msgids()
    assert len(msgids) > 50, "the extractor found too few messages to be looking at the code"
    untranslated = [
        msgid for msgid in sorted(msgids)
        if msgid not in catalogue or not catalogue[msgid].string or catalogue[msgid].fuzzy
    ]
    assert untranslated == [], "run scripts/i18n.sh and translate these in the .po file"


def test_it_ships_a_compiled_catalogue_that_matches_the_po_file() -> None:
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, languages=["da"])
    stale = []
    for message in _catalogue():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            got = compiled.ngettext(message.id[0], message.id[1], 2)
            want = message.string[1]
        else:
            got, want = compiled.gettext(message.id), message.string
        if got != want:
            stale.append(message.id)
    assert stale == [], "run scripts/i18n.sh to compile the catalogue"


def test_it_keeps_placeholders_in_the_translations() -> None:
    import re

    placeholder = re.compile(r"\{[a-z_]+(?::[^}]*)?\}")
    for message in _catalogue():
        if not message.id or isinstance(message.id, tuple):
            continue
        assert set(placeholder.findall(message.id)) == set(placeholder.findall(message.string)), message.id


def test_it_speaks_english_when_asked() -> None:
    from sigtepunkt.hrdata.problems import Code, message
    from sigtepunkt.i18n import activate

    activate("en")
    try:
        assert message(Code.BAD_DATE).startswith('"{value}" is not a valid date')
    finally:
        activate("da")
    assert message(Code.BAD_DATE).startswith('"{value}" er ikke en gyldig dato')
