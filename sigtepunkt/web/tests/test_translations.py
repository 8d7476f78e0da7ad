"""The web application is Danish first: every message has a Danish translation, and the catalogue is current.

The catalogue is current when `makemessages` run on a copy of the code finds no msgid that
the committed `django.po` lacks (so a new {% translate %} without its Danish fails here).
"""

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[1]
PO = WEB / "locale" / "da" / "LC_MESSAGES" / "django.po"


def _catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalogue) -> set:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}


def test_every_message_has_a_danish_translation():
    catalogue = _catalogue(PO)
    untranslated = [m.id for m in catalogue if m.id and not (m.string if isinstance(m.string, str) else m.string[0])]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    assert not catalogue.fuzzy and catalogue.plural_forms.startswith("nplurals=2")


def test_catalogue_has_every_msgid_of_the_code(tmp_path):
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    shutil.rmtree(copy / "locale")
    (copy / "locale").mkdir()
    manage = WEB.parents[1] / "manage.py"
    subprocess.run([sys.executable, str(manage), "makemessages", "-l", "da", "--no-location", "--ignore", "tests/*"],
                   cwd=copy, check=True, capture_output=True)
    extracted = _ids(_catalogue(copy / "locale" / "da" / "LC_MESSAGES" / "django.po"))
    missing = extracted - _ids(_catalogue(PO))
    assert not missing, f"run scripts/i18n.sh and translate: {sorted(missing)}"
