"""Cross-cutting figures (tværgående data): who are we?

Ballerup: "Hvordan ser demografien ud i dag? (aldersfordeling, anciennitet,
personaleomsætning, faggrupper, antal elever og studerende (heraf voksenelever), forventet
pensions-afgang, anciennitet hos ledere og medarbejdere, der stopper)".
"""

from __future__ import annotations

from sigtepunkt.analytics.catalogue import sources as src
from sigtepunkt.analytics.catalogue.model import Aggregation as A
from sigtepunkt.analytics.catalogue.model import Better, KeyFigure, Timing, Track, Unit

T = Track.CROSS_CUTTING

FIGURES = (
    KeyFigure(
        "headcount", "Antal ansatte", "Headcount", T,
        "Personer med en aktiv ordinær ansættelse i enheden (eller en underenhed) på periodens sidste dag.",
        "Persons with an active ordinary employment in the unit (or a sub-unit) on the period's last day.",
        "antal personer til stede på p1", A.COUNT, "persons_p1", None, Unit.PERSONS, Better.NEUTRAL,
        Timing.STOCK, src.KRL_STAFF, numerator_da="personer til stede på p1",
    ),
    KeyFigure(
        "fte", "Årsværk", "Full-time equivalents", T,
        "Summen af beskæftigelsesdecimaler (ugentlig arbejdstid ÷ fuldtidsnorm) for de aktive ordinære "
        "ansættelser i enheden på periodens sidste dag.",
        "Sum of fractions (weekly hours ÷ full-time norm) of active ordinary employments on the last day.",
        "Σ beskæftigelsesdecimal på p1", A.SUM, "fte_p1", None, Unit.FTE, Better.NEUTRAL,
        Timing.STOCK, src.KRL_STAFF, numerator_da="Σ beskæftigelsesdecimal på p1", n="persons_p1",
    ),
    KeyFigure(
        "fte_average", "Gennemsnitlige årsværk", "Average FTE", T,
        "Gennemsnittet over periodens dage af årsværk til stede.",
        "Average over the period's days of FTE present.",
        "Σ over dagene i P af Σ beskæftigelsesdecimal ÷ antal dage i P", A.SUM, "avg_fte", None, Unit.FTE,
        Better.NEUTRAL, Timing.FLOW, src.KRL_STAFF, numerator_da="gennemsnitlige årsværk i P", n="persons_in_p",
    ),
    KeyFigure(
        "age_mean", "Gennemsnitsalder", "Mean age", T,
        "Gennemsnitlig alder i hele år på periodens sidste dag for personer til stede.",
        "Mean age in whole years on the last day of persons present.",
        "Σ alder ÷ antal personer på p1", A.MEAN, "age_sum_p1", "persons_p1", Unit.YEARS, Better.NEUTRAL,
        Timing.STOCK, src.BALLERUP, numerator_da="Σ alder", denominator_da="personer til stede på p1",
        segments=("age_band",),
    ),
    KeyFigure(
        "share_aged_60_plus", "Andel 60 år og derover", "Share aged 60 and over", T,
        "Andel af personerne til stede på periodens sidste dag, der er fyldt 60 år.",
        "Share of persons present on the last day aged 60 or more.",
        "100 × personer ≥ 60 år ÷ personer på p1", A.RATIO, "aged_60_plus_p1", "persons_p1", Unit.PERCENT,
        Better.NEUTRAL, Timing.STOCK, src.BALLERUP, numerator_da="personer på 60 år og derover",
        denominator_da="personer til stede på p1", scale=100,
    ),
    KeyFigure(
        "seniority_mean", "Gennemsnitlig anciennitet", "Mean seniority", T,
        "Gennemsnitlig anciennitet i kommunen (år siden start af nuværende ansættelsesforløb, huller på "
        "højst 90 dage udjævnet) på periodens sidste dag.",
        "Mean seniority in the municipality (gaps of up to 90 days bridged) on the last day.",
        "Σ anciennitet ÷ antal personer på p1", A.MEAN, "seniority_sum_p1", "persons_p1", Unit.YEARS,
        Better.NEUTRAL, Timing.STOCK, src.BALLERUP, numerator_da="Σ anciennitet i år",
        denominator_da="personer til stede på p1", segments=("seniority_band",),
    ),
    KeyFigure(
        "turnover_rate", "Personaleomsætning", "Staff turnover", T,
        "Eksterne afgange fra enheden i perioden (personen forlader kommunen; død tæller ikke) i procent af "
        "det gennemsnitlige antal ansatte. Genansættelse inden for 90 dage er ikke en afgang.",
        "External exits in the period (death excluded) as a percentage of average headcount.",
        "100 × eksterne afgange ÷ gennemsnitligt antal ansatte", A.RATIO, "exits_external", "avg_headcount",
        Unit.PERCENT, Better.LOWER, Timing.FLOW, src.KRL_TURNOVER, numerator_da="eksterne afgange i P",
        denominator_da="gennemsnitligt antal ansatte i P", scale=100, n="persons_in_p",
    ),
    KeyFigure(
        "internal_mobility_rate", "Intern mobilitet", "Internal mobility", T,
        "Interne afgange fra enheden (personen fortsætter et andet sted i kommunen) i procent af det "
        "gennemsnitlige antal ansatte; 0 for hele kommunen.",
        "Internal exits from the unit as a percentage of average headcount (0 for the municipality).",
        "100 × interne afgange ÷ gennemsnitligt antal ansatte", A.RATIO, "exits_internal", "avg_headcount",
        Unit.PERCENT, Better.NEUTRAL, Timing.FLOW, src.REGION_H_CUBE, numerator_da="interne afgange i P",
        denominator_da="gennemsnitligt antal ansatte i P", scale=100, n="persons_in_p",
    ),
    KeyFigure(
        "leaver_rate", "Afgangsrate", "Leaver rate", T,
        "Af personerne til stede ved periodens start: andel der er fratrådt enheden (internt eller "
        "eksternt) inden periodens slut. Fratrædelse ved pension eller død tæller ikke, men personerne "
        "bliver i kohorten. Kun for 12-måneders perioder.",
        "Of persons present at the start, % who left the unit before the end (retirement and death excluded).",
        "100 × fratrådte af kohorten ÷ kohorten ved p0", A.RATIO, "cohort_p0_left", "cohort_p0", Unit.PERCENT,
        Better.LOWER, Timing.COHORT, src.BENCHMARK_COHORT, numerator_da="fratrådte af kohorten",
        denominator_da="personer til stede på p0", scale=100, period_months=12,
    ),
    KeyFigure(
        "leaver_seniority_median", "Anciennitet ved fratræden", "Seniority at exit (median)", T,
        "Median af ancienniteten på fratrædelsesdagen for de eksterne afgange i perioden (død tæller ikke). "
        "Segmentet leder adskiller ledere og medarbejdere efter den ophørende ansættelse.",
        "Median seniority on the exit day of external exits in the period (death excluded).",
        "median(anciennitet ved ekstern afgang)", A.MEDIAN, "exit_seniority_median", "exits_external",
        Unit.YEARS, Better.HIGHER, Timing.FLOW, src.BALLERUP, numerator_da="median anciennitet",
        denominator_da="eksterne afgange i P",
    ),
    KeyFigure(
        "retirements_due_1y", "Forventet pensionsafgang, 1 år", "Expected retirements, 1 year", T,
        "Personer til stede på p1, der når folkepensionsalderen inden for et år efter p1 eller allerede har nået den.",
        "Persons present at p1 reaching state pension age within a year after p1, or already past it.",
        "antal personer", A.COUNT, "retirements_due_1y", None, Unit.PERSONS, Better.NEUTRAL, Timing.STOCK,
        src.PENSION_LAW, numerator_da="personer der når folkepensionsalderen", n="persons_p1",
    ),
    KeyFigure(
        "retirements_due_3y", "Forventet pensionsafgang, 3 år", "Expected retirements, 3 years", T,
        "Personer til stede på p1, der når folkepensionsalderen inden for tre år efter p1 eller allerede har nået den.",
        "Persons present at p1 reaching state pension age within three years after p1, or already past it.",
        "antal personer", A.COUNT, "retirements_due_3y", None, Unit.PERSONS, Better.NEUTRAL, Timing.STOCK,
        src.PENSION_LAW, numerator_da="personer der når folkepensionsalderen", n="persons_p1",
    ),
    KeyFigure(
        "retirements_due_5y", "Forventet pensionsafgang, 5 år", "Expected retirements, 5 years", T,
        "Personer til stede på p1, der når folkepensionsalderen inden for fem år efter p1 eller allerede har nået den.",
        "Persons present at p1 reaching state pension age within five years after p1, or already past it.",
        "antal personer", A.COUNT, "retirements_due_5y", None, Unit.PERSONS, Better.NEUTRAL, Timing.STOCK,
        src.PENSION_LAW, numerator_da="personer der når folkepensionsalderen", n="persons_p1",
    ),
    KeyFigure(
        "retirements_due_5y_share", "Forventet pensionsafgang, 5 år (andel)", "Expected retirements, 5 years (share)", T,
        "Forventet pensionsafgang inden for fem år i procent af antal ansatte på p1.",
        "Expected retirements within five years as a percentage of headcount at p1.",
        "100 × forventet pensionsafgang 5 år ÷ personer på p1", A.RATIO, "retirements_due_5y", "persons_p1",
        Unit.PERCENT, Better.NEUTRAL, Timing.STOCK, src.PENSION_LAW,
        numerator_da="personer der når folkepensionsalderen inden 5 år", denominator_da="personer til stede på p1",
        scale=100,
    ),
    KeyFigure(
        "apprentices_active", "Elever og studerende", "Apprentices and students", T,
        "Personer med et aktivt elev- eller praktikforløb på periodens sidste dag (egen population, ikke "
        "ordinært ansatte).",
        "Persons with an apprenticeship or student placement active on the last day.",
        "antal personer", A.COUNT, "apprentices_p1", None, Unit.PERSONS, Better.HIGHER, Timing.STOCK,
        src.KL_EDUCATION, numerator_da="personer i aktive forløb", segments=("programme", "route", "adult"),
    ),
)
