"""The canonical import formats: one table per kind of HR export.

This module is the contract between the exports a municipality has, the importer, the
synthetic municipality generator and the documentation (`docs/import-formats.md` and the
JSON schemas in `docs/schemas/` are generated from it). Column names are English
snake_case; every column also accepts its Danish header and common spellings, compared
after `normalise_header`.

Two merge modes decide how a newer extract changes what is loaded:

- ``entity``: every row of an entity (all validity rows of a unit, all spells of an
  employment) is replaced by the rows the new extract carries for it;
- ``key``: a row replaces the row with the same key; other rows stay.

A full re-extract can also replace a table whole (``sigtepunkt import --replace``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from sigtepunkt.hrdata import enums
from sigtepunkt.hrdata.enums import Vocabulary


class Kind(Enum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    CPR = "cpr"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    header_da: str
    description_da: str
    description_en: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    vocabulary: Vocabulary | None = None
    example: str = ""

    def spellings(self) -> tuple[str, ...]:
        return (self.name, self.header_da, *self.aliases)


@dataclass(frozen=True)
class Table:
    name: str
    file_da: str
    title_da: str
    title_en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    merge: str  # "entity" or "key"
    entity: tuple[str, ...] = ()
    description_da: str = ""
    file_aliases: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def normalise_header(text: str) -> str:
    """Fold a header or label to a comparable form: lower case, æøå spelled out, no punctuation.

    Danish Excel users write "Ansættelses-ID", "ansaettelses id" and "ANSÆTTELSESID" for the
    same column; all three fold to "ansaettelsesid".
    """
    text = text.strip().lower().replace("\ufeff", "")
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


CPR = Column(
    "cpr", Kind.CPR, "CPR-nummer",
    "Personens CPR-nummer (10 cifre, med eller uden bindestreg). Pseudonymiseres ved import og gemmes aldrig.",
    "The person's CPR number (10 digits, with or without hyphen). Pseudonymised on import, never stored.",
    aliases=("cpr_nr", "cprnr", "cpr nummer", "personnummer", "person", "cpr_number"),
    example="0707614285",
)

ORG_UNITS = Table(
    "org_units", "organisation", "Organisationsenheder", "Organisation units",
    key=("unit_id", "valid_from"), merge="entity", entity=("unit_id",),
    file_aliases=("org_units", "enheder", "organisationsenheder", "orgenheder"),
    description_da="Organisationstræet med gyldighedsperioder. En enhed kan have flere rækker, "
    "fx hvis den flyttes til et andet center; perioderne må ikke overlappe.",
    columns=(
        Column("unit_id", Kind.TEXT, "Enheds-ID", "Enhedens nøgle i lønsystemet.", "The unit's key in the payroll system.",
               aliases=("enhedsid", "enhed_id", "enhedsnr", "org_id", "losid", "unit"), example="1042"),
        Column("parent_id", Kind.TEXT, "Overordnet enhed", "Enheds-ID for den overordnede enhed; tom for roden.",
               "The parent unit's id; empty for the root.", required=False,
               aliases=("forælder", "foraelder_id", "overordnet_id", "parent", "overenhed"), example="1000"),
        Column("name", Kind.TEXT, "Navn", "Enhedens navn.", "The unit's name.",
               aliases=("enhedsnavn", "unit_name"), example="Plejecenter Søndergården"),
        Column("level", Kind.CHOICE, "Niveau", "Niveau i træet: kommune, center, område eller arbejdsplads (region og land over kommunerne).",
               "Level: municipality, centre, area or workplace (region and national above).",
               aliases=("enhedsniveau", "unit_level"), vocabulary=enums.UNIT_LEVEL, example="arbejdsplads"),
        Column("valid_from", Kind.DATE, "Gyldig fra", "Første dag enheden gælder i denne form.", "First day of this version of the unit.",
               aliases=("fra", "startdato", "from"), example="2016-01-01"),
        Column("valid_to", Kind.DATE, "Gyldig til", "Sidste dag (inklusive); tom hvis stadig gyldig.", "Last day (inclusive); empty if still valid.",
               required=False, aliases=("til", "slutdato", "to"), example=""),
    ),
)

EMPLOYMENTS = Table(
    "employments", "ansaettelser", "Ansættelser", "Employments",
    key=("employment_id", "start_date"), merge="entity", entity=("employment_id",),
    file_aliases=("employments", "ansættelser", "ansaettelse", "medarbejdere", "personale"),
    description_da="Én række pr. ansættelsesforløb (spell). En ansættelse kan have flere rækker, "
    "når timetal, enhed eller stilling skifter; rækkerne for samme ansættelse må ikke overlappe. "
    "Fratrædelsesårsagen står på den sidste række.",
    columns=(
        CPR,
        Column("employment_id", Kind.TEXT, "Ansættelses-ID", "Ansættelsens nøgle (tjenestenummer).", "The employment's key.",
               aliases=("ansaettelsesnr", "ansaettelsesnummer", "tjenestenummer", "tjnr", "employment"), example="E000123"),
        Column("unit_id", Kind.TEXT, "Enheds-ID", "Enheden ansættelsen hører til i perioden.", "The unit of the employment in this spell.",
               aliases=("enhedsid", "enhed_id", "enhedsnr", "org_id", "losid", "unit"), example="1042"),
        Column("job_group", Kind.TEXT, "Faggruppe", "Faggruppe, fx Social- og sundhedsassistenter.", "Job group.",
               aliases=("stillingsgruppe", "personalegruppe", "faggrp"), example="Social- og sundhedsassistenter"),
        Column("job_title", Kind.TEXT, "Stillingsbetegnelse", "Stillingsbetegnelse.", "Job title.",
               required=False, aliases=("stilling", "title"), example="Social- og sundhedsassistent"),
        Column("is_leader", Kind.BOOLEAN, "Leder", "Er ansættelsen en lederstilling? (ja/nej)", "Leader position? (yes/no)",
               aliases=("lederflag", "leder_jn", "leader"), example="nej"),
        Column("leader_level", Kind.TEXT, "Ledelsesniveau", "Ledelsesniveau for ledere (fx 1 = direktør, 4 = daglig leder).",
               "Leader level (e.g. 1 = director, 4 = first-line leader).", required=False,
               aliases=("lederniveau",), example=""),
        Column("weekly_hours", Kind.DECIMAL, "Ugentlig arbejdstid", "Aftalt ugentligt timetal, fx 32 eller 37,0.",
               "Contracted weekly hours.", aliases=("timer_pr_uge", "timetal", "ugentlige_timer", "hours"), example="32,00"),
        Column("full_time_hours", Kind.DECIMAL, "Fuldtidsnorm", "Fuldtidsnorm i timer pr. uge; tom betyder 37.",
               "Full-time norm in hours per week; empty means 37.", required=False,
               aliases=("norm", "fuldtid", "normtimer"), example="37,00"),
        Column("employment_type", Kind.CHOICE, "Ansættelsestype",
               "fastansat, tidsbegrænset, elev, studerende i praktik, fleksjob eller timelønnet.",
               "permanent, fixed-term, apprentice, student on placement, flex job or hourly.",
               aliases=("ansaettelsesform", "type"), vocabulary=enums.EMPLOYMENT_TYPE, example="fastansat"),
        Column("start_date", Kind.DATE, "Startdato", "Første dag i perioden.", "First day of the spell.",
               aliases=("fra", "ansat_fra", "tiltraedelsesdato", "start"), example="2019-03-01"),
        Column("end_date", Kind.DATE, "Slutdato", "Sidste dag (inklusive); tom hvis løbende. Kan ligge efter udtræksdatoen ved tidsbegrænsede ansættelser.",
               "Last day (inclusive); empty if running.", required=False,
               aliases=("til", "ansat_til", "fratraedelsesdato", "end"), example=""),
        Column("end_reason", Kind.CHOICE, "Fratrædelsesårsag",
               "egen opsigelse, afskedigelse, pension, udløb af tidsbegrænsning, intern flytning, dødsfald eller andet.",
               "resignation, dismissal, retirement, end of fixed term, internal move, death or other.",
               required=False, aliases=("fratraedelsesaarsag", "aarsag", "ophoersaarsag"),
               vocabulary=enums.END_REASON, example=""),
    ),
)

ABSENCES = Table(
    "absences", "fravaer", "Fravær", "Absence",
    key=("employment_id", "from_date", "cause"), merge="key",
    file_aliases=("absence", "absences", "fravær", "sygefravaer", "sygefravær"),
    description_da="Én række pr. fraværsperiode. Angiv timer (fx ved deltidssygdom og skiftende vagter) "
    "eller dage; uden timer regnes hele arbejdsdage.",
    columns=(
        CPR,
        Column("employment_id", Kind.TEXT, "Ansættelses-ID", "Ansættelsen fraværet hører til.", "The employment.",
               aliases=("ansaettelsesnr", "tjenestenummer", "tjnr", "employment"), example="E000123"),
        Column("from_date", Kind.DATE, "Fra dato", "Første fraværsdag.", "First day of absence.",
               aliases=("fra", "startdato", "from"), example="2026-02-02"),
        Column("to_date", Kind.DATE, "Til dato", "Sidste fraværsdag (inklusive).", "Last day of absence (inclusive).",
               aliases=("til", "slutdato", "to"), example="2026-02-04"),
        Column("hours", Kind.DECIMAL, "Timer", "Fraværstimer i alt for perioden (valgfri).", "Absence hours for the record (optional).",
               required=False, aliases=("fravaerstimer", "antal_timer"), example="22,2"),
        Column("days", Kind.DECIMAL, "Dage", "Fraværsdage (valgfri, kun til kontrol).", "Absence days (optional).",
               required=False, aliases=("fravaersdage", "antal_dage"), example="3"),
        Column("cause", Kind.CHOICE, "Årsag",
               "egen sygdom, arbejdsskade, barns sygdom, barsel eller anden orlov.",
               "own sickness, work injury, child's sickness, maternity/paternity or other leave.",
               aliases=("fravaersaarsag", "fravaerstype", "aarsag", "type"), vocabulary=enums.ABSENCE_CAUSE, example="egen sygdom"),
    ),
)

JOB_ADS = Table(
    "job_ads", "jobopslag", "Jobopslag", "Job advertisements",
    key=("ad_id",), merge="key",
    file_aliases=("job_ads", "opslag", "stillingsopslag"),
    columns=(
        Column("ad_id", Kind.TEXT, "Opslags-ID", "Opslagets nøgle i rekrutteringssystemet.", "The ad's key.",
               aliases=("opslagsid", "opslagsnr", "ad"), example="A2026-0042"),
        Column("unit_id", Kind.TEXT, "Enheds-ID", "Enheden der rekrutterer.", "The recruiting unit.",
               aliases=("enhedsid", "enhed_id", "enhedsnr", "unit"), example="1042"),
        Column("job_group", Kind.TEXT, "Faggruppe", "Faggruppe for stillingen.", "Job group of the position.",
               aliases=("stillingsgruppe",), example="Sygeplejersker"),
        Column("weekly_hours", Kind.DECIMAL, "Ugentlig arbejdstid", "Timer pr. uge i stillingen.", "Weekly hours of the position.",
               required=False, aliases=("timer_pr_uge", "timetal"), example="32"),
        Column("published", Kind.DATE, "Opslået", "Dato for opslag.", "Date published.",
               aliases=("opslagsdato", "publiceret", "published_date"), example="2026-03-01"),
        Column("deadline", Kind.DATE, "Ansøgningsfrist", "Ansøgningsfrist.", "Application deadline.",
               aliases=("frist",), example="2026-03-20"),
        Column("reposts_ad_id", Kind.TEXT, "Genopslag af", "Opslags-ID for det opslag, dette er et genopslag af; tom hvis nyt.",
               "The ad this one re-posts; empty if new.", required=False,
               aliases=("genopslag", "genopslag_af_id", "reposts"), example=""),
        Column("applicants", Kind.INTEGER, "Antal ansøgere", "Antal ansøgere.", "Number of applicants.",
               required=False, aliases=("ansoegere", "antal_ansoegninger"), example="7"),
        Column("filled_by_employment_id", Kind.TEXT, "Besat med ansættelse",
               "Ansættelses-ID for den, der blev ansat; tom hvis ikke besat.",
               "Employment id of the hire; empty if not filled.", required=False,
               aliases=("besat_af", "besat_ansaettelses_id", "filled_by"), example="E000981"),
    ),
)

EDUCATION = Table(
    "education", "elever", "Elever og studerende", "Apprentices and students",
    key=("cpr", "programme", "start_date"), merge="key",
    file_aliases=("education", "apprentices", "elever_og_studerende", "uddannelse", "praktik"),
    columns=(
        CPR,
        Column("programme", Kind.TEXT, "Uddannelse", "Uddannelsen, fx social- og sundhedsassistent, pædagog, sygeplejerske.",
               "The programme.", aliases=("uddannelsesretning", "retning"), example="Social- og sundhedsassistent"),
        Column("route", Kind.CHOICE, "Vej", "ordinær, merit, oplæringsstilling eller fra ufaglært til faglært.",
               "ordinary, merit, training position or unskilled to skilled.",
               aliases=("uddannelsesvej", "forloebstype"), vocabulary=enums.EDUCATION_ROUTE, example="ordinær"),
        Column("is_adult", Kind.BOOLEAN, "Voksenelev", "Er eleven voksenelev? (ja/nej)", "Adult apprentice? (yes/no)",
               aliases=("voksen", "adult"), example="nej"),
        Column("unit_id", Kind.TEXT, "Enheds-ID", "Praktikstedets enhed.", "The placement's unit.",
               aliases=("enhedsid", "enhed_id", "enhedsnr", "unit"), example="1042"),
        Column("start_date", Kind.DATE, "Startdato", "Første dag.", "First day.", aliases=("start", "fra"), example="2025-08-15"),
        Column("planned_end", Kind.DATE, "Planlagt slut", "Planlagt sidste dag.", "Planned last day.",
               aliases=("forventet_slut", "planlagt_slutdato"), example="2027-12-20"),
        Column("actual_end", Kind.DATE, "Faktisk slut", "Faktisk sidste dag; tom hvis i gang.", "Actual last day; empty if ongoing.",
               required=False, aliases=("slutdato", "ophoer"), example=""),
        Column("outcome", Kind.CHOICE, "Udfald", "gennemført, afbrudt eller i gang.", "completed, dropped out or ongoing.",
               aliases=("status", "resultat"), vocabulary=enums.EDUCATION_OUTCOME, example="i gang"),
    ),
)

DEVELOPMENT_TALKS = Table(
    "development_talks", "samtaler", "Udviklingssamtaler", "Development talks",
    key=("cpr", "talk_date", "kind"), merge="key",
    file_aliases=("development_talks", "mus", "udviklingssamtaler"),
    columns=(
        CPR,
        Column("talk_date", Kind.DATE, "Dato", "Dato for samtalen.", "Date of the talk.",
               aliases=("samtaledato", "date"), example="2026-04-14"),
        Column("kind", Kind.CHOICE, "Type", "MUS, GRUS eller LUS.", "MUS, GRUS or LUS.",
               aliases=("samtaletype",), vocabulary=enums.TALK_KIND, example="MUS"),
    ),
)

COURSES = Table(
    "course_completions", "kurser", "Gennemførte kurser", "Course completions",
    key=("cpr", "course", "completed_on"), merge="key",
    file_aliases=("course_completions", "courses", "kursusdeltagelse", "uddannelsesaktiviteter"),
    columns=(
        CPR,
        Column("course", Kind.TEXT, "Kursus", "Kursets navn.", "Course name.", aliases=("kursusnavn",),
               example="Psykisk arbejdsmiljø for ledere"),
        Column("category", Kind.TEXT, "Kategori",
               "Kategori, fx psykisk arbejdsmiljø for ledere, TRIO-uddannelse, arbejdsmiljøuddannelse.",
               "Category, e.g. psychological work environment for leaders, TRIO training.",
               aliases=("kursuskategori",), example="psykisk arbejdsmiljø for ledere"),
        Column("completed_on", Kind.DATE, "Gennemført dato", "Dato kurset blev gennemført.", "Date completed.",
               aliases=("dato", "gennemfoert", "date"), example="2025-11-05"),
    ),
)

TABLES: tuple[Table, ...] = (ORG_UNITS, EMPLOYMENTS, ABSENCES, JOB_ADS, EDUCATION, DEVELOPMENT_TALKS, COURSES)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# Columns an export may carry that identify a person; they are dropped at the door.
PERSONAL_COLUMNS = frozenset(
    normalise_header(h)
    for h in ("navn", "fornavn", "efternavn", "name", "first_name", "last_name", "adresse",
              "address", "postnr", "by", "email", "e-mail", "telefon", "phone", "mobil")
)
