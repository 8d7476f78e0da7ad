"""Retention figures (fastholdelse): absence, development talks, leaders' training, early leavers.

Glostrup: "Flere medarbejdere i TAL sammen 2023 end ved TAL 2021 svarer, at de har haft en
MUS"; Ballerup: "Hvordan oplever nye medarbejdere at blive integreret i organisationen?".
"""

from __future__ import annotations

from sigtepunkt.analytics.catalogue import sources as src
from sigtepunkt.analytics.catalogue.model import Aggregation as A
from sigtepunkt.analytics.catalogue.model import Better, KeyFigure, Timing, Track, Unit

T = Track.RETENTION

FIGURES = (
    KeyFigure(
        "sickness_absence_rate", "Sygefraværsprocent", "Sickness absence rate", T,
        "Sygefraværstimer (egen sygdom og arbejdsskade) i procent af de planlagte timer i perioden. "
        "Planlagte timer er ugentlig arbejdstid ÷ 5 på hverdage, der ikke er helligdage.",
        "Sickness hours (own sickness and work injury) as a percentage of planned hours in the period.",
        "100 × sygefraværstimer ÷ planlagte timer", A.RATIO, "sick_hours", "planned_hours", Unit.PERCENT,
        Better.LOWER, Timing.FLOW, src.FLIS_SICKNESS, numerator_da="sygefraværstimer i P",
        denominator_da="planlagte timer i P", scale=100, n="persons_in_p",
    ),
    KeyFigure(
        "sickness_absence_days_per_fte", "Sygefraværsdage pr. årsværk", "Sickness absence days per FTE", T,
        "Sygefraværstimer ÷ 7,4 (dagsværk) pr. gennemsnitligt årsværk i perioden. For et kalenderår er det "
        "KRL's landstal (ca. 12 før 2020, 16 i 2022).",
        "Sickness hours ÷ 7.4 per average FTE in the period.",
        "(sygefraværstimer ÷ 7,4) ÷ gennemsnitlige årsværk", A.RATIO, "sick_hours", "avg_fte", Unit.DAYS,
        Better.LOWER, Timing.FLOW, src.KRL_ABSENCE, numerator_da="sygefraværstimer i P",
        denominator_da="gennemsnitlige årsværk i P", scale=1 / 7.4, n="persons_in_p",
    ),
    KeyFigure(
        "mus_coverage", "Andel med MUS", "Development talk coverage", T,
        "Af personerne til stede på p1 med mindst et års anciennitet: andel med en udviklingssamtale "
        "(MUS, GRUS eller LUS) i de 12 måneder, der slutter p1.",
        "Of persons present at p1 with at least a year's seniority, % with a development talk in the 12 "
        "months ending p1.",
        "100 × personer med samtale ÷ personer med ≥ 1 års anciennitet", A.RATIO, "mus_done_p1",
        "mus_eligible_p1", Unit.PERCENT, Better.HIGHER, Timing.STOCK, src.MED_AGREEMENT,
        numerator_da="personer med samtale de seneste 12 måneder",
        denominator_da="personer til stede med mindst 1 års anciennitet", scale=100,
    ),
    KeyFigure(
        "leaders_trained_psych_env", "Ledere uddannet i psykisk arbejdsmiljø",
        "Leaders trained in psychological work environment", T,
        "Af personerne i en lederansættelse på p1: andel der har gennemført et kursus i kategorien "
        "'psykisk arbejdsmiljø for ledere' senest p1.",
        "Of persons in a leader employment at p1, % who completed a course in psychological work "
        "environment for leaders on or before p1.",
        "100 × uddannede ledere ÷ ledere på p1", A.RATIO, "leaders_trained_p1", "leaders_p1", Unit.PERCENT,
        Better.HIGHER, Timing.STOCK, src.WORK_ENV_ACT, numerator_da="ledere med kurset",
        denominator_da="ledere til stede på p1", scale=100,
    ),
    KeyFigure(
        "new_hire_first_year_leaver_rate", "Nyansatte der stopper inden et år", "New hires leaving within a year", T,
        "Af de nyansatte i kommunen i perioden med første enhed i enheden, hvis første år er gået inden "
        "udtræksdatoen: andel der har forladt kommunen (død tæller ikke) inden for et år.",
        "Of entries into the municipality in the period (first unit in scope, matured), % who left the "
        "municipality within a year (death excluded).",
        "100 × nyansatte fratrådt inden et år ÷ modne nyansatte", A.RATIO, "entries_matured_left",
        "entries_matured", Unit.PERCENT, Better.LOWER, Timing.COHORT, src.BALLERUP,
        numerator_da="nyansatte der forlod kommunen inden et år",
        denominator_da="nyansatte hvis første år er gået", scale=100,
    ),
)
