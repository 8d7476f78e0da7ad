"""Controlled vocabularies of the import formats.

Each vocabulary maps a canonical code (stored in the warehouse, English) to the labels an
export may carry for it. Danish payroll systems and HR staff write these in many ways, so
every code accepts its Danish label, its English label and the code itself, compared
case-insensitively after the same normalisation as column headers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    code: str
    label_da: str
    label_en: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.code, self.label_da, self.label_en, *self.aliases)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    choices: tuple[Choice, ...]

    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    def label_da(self, code: str) -> str:
        return next(c.label_da for c in self.choices if c.code == code)


UNIT_LEVEL = Vocabulary(
    "unit_level",
    (
        Choice("national", "land", "national", ("landsdækkende", "danmark")),
        Choice("region", "region", "region", ("kkr",)),
        Choice("municipality", "kommune", "municipality"),
        Choice("centre", "center", "centre", ("center", "forvaltning", "direktørområde")),
        Choice("area", "område", "area", ("omraade", "afdeling")),
        Choice("workplace", "arbejdsplads", "workplace", ("institution", "enhed")),
    ),
)

EMPLOYMENT_TYPE = Vocabulary(
    "employment_type",
    (
        Choice("permanent", "fastansat", "permanent", ("fast", "månedslønnet", "ordinær")),
        Choice("fixed_term", "tidsbegrænset", "fixed-term", ("vikar", "midlertidig")),
        Choice("apprentice", "elev", "apprentice", ("lærling", "voksenelev")),
        Choice("student", "studerende i praktik", "student on placement", ("studerende", "praktikant")),
        Choice("flex_job", "fleksjob", "flex job", ("fleksjobber",)),
        Choice("hourly", "timelønnet", "hourly", ("timeløn",)),
    ),
)

END_REASON = Vocabulary(
    "end_reason",
    (
        Choice("resignation", "egen opsigelse", "resignation", ("opsagt af medarbejder", "selv opsagt")),
        Choice("dismissal", "afskedigelse", "dismissal", ("opsagt af arbejdsgiver", "bortvisning")),
        Choice("retirement", "pension", "retirement", ("alderspension", "efterløn", "folkepension")),
        Choice("fixed_term_end", "udløb af tidsbegrænsning", "end of fixed term", ("udløb",)),
        Choice("internal_move", "intern flytning", "move to another unit", ("intern overflytning", "omplacering")),
        Choice("death", "dødsfald", "death", ("død",)),
        Choice("other", "andet", "other", ("øvrige",)),
    ),
)

ABSENCE_CAUSE = Vocabulary(
    "absence_cause",
    (
        Choice("own_sickness", "egen sygdom", "own sickness", ("sygdom", "syg", "delvis sygdom")),
        Choice("work_injury", "arbejdsskade", "work injury", ("arbejdsulykke",)),
        Choice("child_sickness", "barns sygdom", "child's sickness", ("barns 1. sygedag", "barnets sygdom")),
        Choice("parental_leave", "barsel", "maternity/paternity", ("barselsorlov", "graviditet", "fædreorlov")),
        Choice("other_leave", "anden orlov", "other leave", ("orlov", "andet fravær")),
    ),
)

EDUCATION_ROUTE = Vocabulary(
    "education_route",
    (
        Choice("ordinary", "ordinær", "ordinary", ("almindelig",)),
        Choice("merit", "merit", "merit", ("merituddannelse",)),
        Choice("training_position", "oplæringsstilling", "training position", ("oplæring",)),
        Choice("unskilled_to_skilled", "fra ufaglært til faglært", "unskilled to skilled", ("ufaglært til faglært", "fuf")),
    ),
)

EDUCATION_OUTCOME = Vocabulary(
    "education_outcome",
    (
        Choice("completed", "gennemført", "completed", ("afsluttet", "bestået")),
        Choice("dropped_out", "afbrudt", "dropped out", ("frafald", "ophørt")),
        Choice("ongoing", "i gang", "ongoing", ("igangværende", "aktiv")),
    ),
)

TALK_KIND = Vocabulary(
    "talk_kind",
    (
        Choice("MUS", "MUS", "MUS", ("medarbejderudviklingssamtale",)),
        Choice("GRUS", "GRUS", "GRUS", ("gruppeudviklingssamtale",)),
        Choice("LUS", "LUS", "LUS", ("lederudviklingssamtale",)),
    ),
)

VOCABULARIES = (
    UNIT_LEVEL,
    EMPLOYMENT_TYPE,
    END_REASON,
    ABSENCE_CAUSE,
    EDUCATION_ROUTE,
    EDUCATION_OUTCOME,
    TALK_KIND,
)

# Employment types that make up ordinary staff (the KRL/FLIS population).
ORDINARY_EMPLOYMENT_TYPES = ("permanent", "fixed_term")
# Absence causes that count as sickness (FLIS, KRL).
SICKNESS_CAUSES = ("own_sickness", "work_injury")
