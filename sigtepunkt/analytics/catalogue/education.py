"""Education figures (uddannelse): intake, drop-out, hiring of finished apprentices, alternative routes.

Ballerup: "Kommunen som uddannelsesorganisation"; "For lille søgning til og stort frafald på
uddannelserne og for få praktikpladser".
"""

from __future__ import annotations

from sigtepunkt.analytics.catalogue import sources as src
from sigtepunkt.analytics.catalogue.model import Aggregation as A
from sigtepunkt.analytics.catalogue.model import Better, KeyFigure, Timing, Track, Unit

T = Track.EDUCATION
OWN = ("programme", "route", "adult")

FIGURES = (
    KeyFigure(
        "apprentice_intake", "Optag af elever og studerende", "Apprentice and student intake", T,
        "Elev- og praktikforløb, der starter i perioden.",
        "Education records starting in the period.",
        "antal forløb med start i P", A.COUNT, "education_started", None, Unit.RECORDS, Better.HIGHER,
        Timing.FLOW, src.KL_EDUCATION, numerator_da="forløb med start i P", segments=OWN,
    ),
    KeyFigure(
        "apprentice_dropout_rate", "Frafald", "Drop-out rate", T,
        "Af forløbene med faktisk slut i perioden: andel der er afbrudt.",
        "Of records with actual end in the period, % dropped out.",
        "100 × afbrudte ÷ afsluttede forløb", A.RATIO, "education_dropped", "education_ended", Unit.PERCENT,
        Better.LOWER, Timing.FLOW, src.KL_EDUCATION, numerator_da="afbrudte forløb",
        denominator_da="forløb med faktisk slut i P", scale=100, segments=OWN,
    ),
    KeyFigure(
        "apprentice_hired_rate", "Elever ansat efter endt uddannelse", "Apprentices hired after completion", T,
        "Af de gennemførte forløb med faktisk slut i perioden, hvis første år er gået inden udtræksdatoen: "
        "andel hvor personen er ordinært ansat i kommunen på en dag inden for 12 måneder efter slut.",
        "Of completed records ending in the period (matured), % whose person is ordinary staff in the "
        "municipality within 12 months after the end.",
        "100 × ansatte efter forløb ÷ modne gennemførte forløb", A.RATIO, "education_completed_hired",
        "education_completed_matured", Unit.PERCENT, Better.HIGHER, Timing.COHORT, src.BALLERUP,
        numerator_da="gennemførte forløb efterfulgt af ansættelse",
        denominator_da="gennemførte forløb hvis første år er gået", scale=100, segments=OWN,
    ),
    KeyFigure(
        "alternative_route_share", "Alternative veje", "Alternative routes", T,
        "Andel af forløbene med start i perioden, der går ad en alternativ vej: merit, oplæringsstilling "
        "eller fra ufaglært til faglært.",
        "% of records starting in the period by merit, training position or unskilled to skilled.",
        "100 × forløb ad alternative veje ÷ forløb med start i P", A.RATIO, "education_started_alternative",
        "education_started", Unit.PERCENT, Better.HIGHER, Timing.FLOW, src.BALLERUP,
        numerator_da="forløb ad alternative veje", denominator_da="forløb med start i P", scale=100,
        segments=OWN,
    ),
)
