"""Recruitment figures (rekruttering): part time, hours, job ads, new hires.

Ballerup: "deltid kontra fuldtid", "genopslåede stillinger", "nytænkning og fleksibilitet".
"""

from __future__ import annotations

from sigtepunkt.analytics.catalogue import sources as src
from sigtepunkt.analytics.catalogue.model import Aggregation as A
from sigtepunkt.analytics.catalogue.model import Better, KeyFigure, Timing, Track, Unit

T = Track.RECRUITMENT

FIGURES = (
    KeyFigure(
        "part_time_share", "Andel deltidsansatte", "Part-time share", T,
        "Andel af personerne til stede på p1, hvis samlede beskæftigelsesdecimal i enheden er under 1.",
        "% of persons present at p1 whose fraction in the unit is below 1.",
        "100 × personer med decimal < 1 ÷ personer på p1", A.RATIO, "part_time_p1", "persons_p1",
        Unit.PERCENT, Better.LOWER, Timing.STOCK, src.BALLERUP, numerator_da="deltidsansatte personer",
        denominator_da="personer til stede på p1", scale=100,
    ),
    KeyFigure(
        "weekly_hours_mean", "Gennemsnitlig ugentlig arbejdstid", "Mean weekly hours", T,
        "Gennemsnittet af personernes ugentlige arbejdstid i enheden på p1.",
        "Mean of persons' weekly hours in the unit at p1.",
        "Σ ugentlige timer ÷ personer på p1", A.MEAN, "weekly_hours_sum_p1", "persons_p1", Unit.HOURS,
        Better.HIGHER, Timing.STOCK, src.BALLERUP, numerator_da="Σ ugentlige timer",
        denominator_da="personer til stede på p1",
    ),
    KeyFigure(
        "hours_increased_share", "Andel gået op i tid", "Share with increased hours", T,
        "Af personerne til stede i enheden både på p0 og p1: andel hvis ugentlige timer i enheden er højere på p1.",
        "Of persons present at both p0 and p1, % whose weekly hours in the unit are higher at p1.",
        "100 × gået op ÷ til stede på p0 og p1", A.RATIO, "hours_up", "present_p0_p1", Unit.PERCENT,
        Better.HIGHER, Timing.COHORT, src.REGION_H_CUBE, numerator_da="personer gået op i tid",
        denominator_da="personer til stede på p0 og p1", scale=100,
    ),
    KeyFigure(
        "hours_decreased_share", "Andel gået ned i tid", "Share with decreased hours", T,
        "Af personerne til stede i enheden både på p0 og p1: andel hvis ugentlige timer i enheden er lavere på p1.",
        "Of persons present at both p0 and p1, % whose weekly hours in the unit are lower at p1.",
        "100 × gået ned ÷ til stede på p0 og p1", A.RATIO, "hours_down", "present_p0_p1", Unit.PERCENT,
        Better.NEUTRAL, Timing.COHORT, src.REGION_H_CUBE, numerator_da="personer gået ned i tid",
        denominator_da="personer til stede på p0 og p1", scale=100,
    ),
    KeyFigure(
        "repost_share", "Andel genopslag", "Re-posted ads", T,
        "Andel af jobopslagene opslået i perioden, der er genopslag af et tidligere opslag.",
        "% of job ads published in the period that re-post an earlier ad.",
        "100 × genopslag ÷ opslag i P", A.RATIO, "ads_reposts", "ads_published", Unit.PERCENT, Better.LOWER,
        Timing.FLOW, src.KL_EDUCATION, numerator_da="genopslag", denominator_da="opslag i P", scale=100,
        segments=("job_group",),
    ),
    KeyFigure(
        "unfilled_ad_share", "Forgæves opslag", "Unfilled ads", T,
        "Andel af jobopslagene med ansøgningsfrist i perioden, der ikke blev besat.",
        "% of job ads with deadline in the period that were not filled.",
        "100 × ikke besatte ÷ opslag med frist i P", A.RATIO, "ads_unfilled", "ads_deadline", Unit.PERCENT,
        Better.LOWER, Timing.FLOW, src.KL_EDUCATION, numerator_da="ikke besatte opslag",
        denominator_da="opslag med frist i P", scale=100, segments=("job_group",),
    ),
    KeyFigure(
        "applicants_median", "Ansøgere pr. opslag (median)", "Applicants per ad (median)", T,
        "Medianen af antal ansøgere til jobopslagene opslået i perioden (opslag uden oplyst antal tæller ikke).",
        "Median number of applicants of the ads published in the period.",
        "median(ansøgere)", A.MEDIAN, "applicants_median", "ads_with_applicants", Unit.APPLICANTS,
        Better.HIGHER, Timing.FLOW, src.BALLERUP, numerator_da="median antal ansøgere",
        denominator_da="opslag med oplyst antal ansøgere", segments=("job_group",),
    ),
    KeyFigure(
        "new_hires", "Nyansatte", "New hires", T,
        "Personer der træder ind i kommunen i perioden (første gang eller efter mere end 90 dage uden "
        "ansættelse), med første enhed i enheden.",
        "Entries into the municipality in the period whose first unit is in scope.",
        "antal indtrædelser", A.COUNT, "entries", None, Unit.PERSONS, Better.NEUTRAL, Timing.FLOW,
        src.REGION_H_CUBE, numerator_da="nyansatte i P",
    ),
)
