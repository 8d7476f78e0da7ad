"""The benchmark CSV format: its columns, their Danish headers and accepted spellings.

`docs/benchmark-format.md` documents this module; keep the two in step. Headers are compared
after folding (lower case, æøå spelled out, punctuation dropped), so "Kilde-URL", "kilde url"
and "KILDEURL" are one column, as in the HR importer.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    name: str
    header_da: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.header_da, *self.aliases)


SET = Column("set_name", "Benchmarksæt", ("set", "benchmark", "benchmarksaet", "sammenligningsgrundlag", "saet"))
FIGURE = Column("figure", "Nøgletal", ("figure_id", "noegletal_id", "nøgletal-id", "id"))
PERIOD_KIND = Column("period_kind", "Periodetype", ("periodtype", "period type"))
YEAR = Column("year", "År", ("aar", "aarstal", "årstal"))
PERIOD_START = Column("period_start", "Fra", ("periode start", "periodestart", "startdato", "fra dato", "start"))
PERIOD_END = Column("period_end", "Til", ("periode slut", "periodeslut", "slutdato", "til dato", "slut"))
SEGMENT = Column("segment", "Segment", ("opdeling",))
SEGMENT_VALUE = Column("segment_value", "Segmentværdi", ("segmentvaerdi", "gruppe"))
VALUE = Column("value", "Værdi", ("vaerdi", "tal"))
SOURCE = Column("source", "Kilde", ("kilde tekst",))
SOURCE_URL = Column("source_url", "Kilde-URL", ("url", "link", "kildelink", "kilde link"))
NOTE = Column("note", "Note", ("bemærkning", "bemaerkning", "kommentar"))

COLUMNS: tuple[Column, ...] = (
    SET, FIGURE, PERIOD_KIND, YEAR, PERIOD_START, PERIOD_END, SEGMENT, SEGMENT_VALUE, VALUE, SOURCE, SOURCE_URL,
    NOTE,
)
# Always required; the set is required unless given on the command line, the period as År or Fra/Til.
REQUIRED = (FIGURE, VALUE, SOURCE)

# Period types: the store's names and the Danish words a user writes.
PERIOD_KINDS = {
    "year": "year", "aar": "year", "kalenderaar": "year", "aarlig": "year",
    "quarter": "quarter", "kvartal": "quarter",
    "month": "month", "maaned": "month", "mdr": "month",
    "rolling12": "rolling12", "loebende12maaneder": "rolling12", "loebende12mdr": "rolling12",
    "rullende12maaneder": "rolling12", "12maaneder": "rolling12",
}
PERIOD_KIND_LABELS_DA = {"year": "år", "quarter": "kvartal", "month": "måned", "rolling12": "løbende 12 mdr."}

# Segment dimensions: the store's names and their Danish labels (also accepted in the file).
SEGMENT_LABELS_DA = {
    "total": "I alt", "job_group": "Faggruppe", "leader": "Leder/medarbejder", "age_band": "Aldersgruppe",
    "employment_type": "Ansættelsesform", "gender": "Køn", "seniority_band": "Anciennitet",
    "programme": "Uddannelse", "route": "Vej", "adult": "Voksenelev",
}
TOTAL = "total"


def fold(text: str) -> str:
    """Fold a header or label to a comparable form: lower case, æøå spelled out, no punctuation."""
    text = text.strip().lower().replace("\ufeff", "")
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


SPELLINGS: dict[str, Column] = {fold(s): c for c in COLUMNS for s in c.spellings()}
SEGMENTS_BY_SPELLING: dict[str, str] = {
    **{fold(k): k for k in SEGMENT_LABELS_DA}, **{fold(v): k for k, v in SEGMENT_LABELS_DA.items()},
    "ialt": TOTAL, "": TOTAL,
}
