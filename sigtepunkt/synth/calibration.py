"""Every rate the synthetic municipality is calibrated to, each with its source.

Sources are cited by the short names used in `../shared/research/kpi-definitions.md`
(section and table "Numbers to calibrate synthetic data"); "own estimate" marks a value
no source gives, chosen to look like a real payroll export. `docs/synthetic-municipality.md`
lists the same parameters in prose. Changing a calibration is one edit here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JobGroup:
    """One job group (faggruppe) and the parameters that make its staff behave like it.

    exit_rate: annual exit hazard of permanent staff before retirement (incl. internal moves).
    full_time: share of staff on 37 h; the rest draw from part_hours.
    sick_days: sickness days per FTE in 2019 (KRL via dknyt, kpi-definitions 2.2).
    shortage: a shortage group (few applicants, many re-posts; STAR failed-recruitment rates).
    """

    code: str
    label_da: str
    title_da: str
    female: float
    full_time: float
    part_hours: tuple[float, ...]
    exit_rate: float
    sick_days: float
    fixed_term: float
    applicants: float
    repost: float
    hire_age: float
    shift_work: bool = False


# Sources per column:
# - exit_rate: odense.dk 2011 by group (academics 26.3%/13.5% national, pædagogmedhjælpere 24%,
#   cleaners 17.8%, SOSU-hjælpere 17.4%, office 14.7%, social workers 14.4%, day-care pedagogues
#   9.0%, teachers 8.3%); benchmark.dk 2023 (SOSU elderly care 19.5%); kristeligt-dagblad
#   (nurses 13.3%); cepos.dk (day-care ~30% at institution level). The rates are hazards
#   before retirement, fixed-term ends and internal moves are added, so they sit a little
#   below the published totals (14-21% overall: odense.dk, kora.dk, sn.dk Roskilde 16.7%).
# - full_time / part_hours: da.dk 2021-2023 and danskindustri.dk 2023 (full-time 2021:
#   SOSU-hjælper 25%, SOSU-assistent 40%, pædagoger 48%, sygeplejersker 57%; teachers 78%
#   full-time i.e. 22% under 37 h); the other groups are own estimates.
# - sick_days: dknyt 2019 by personnel group (SOSU 16.3, pædagogisk personale 14.1,
#   pædagogmedhjælpere 13.7, socialrådgivere 11.1, lærere 10.9, basic health 10.9 (used for
#   nurses and therapists), administration 8.9, akademikere 6.2); cleaning/technical/leaders
#   are own estimates.
# - female: own estimates from the municipal workforce (women about 3/4 of municipal staff).
# - fixed_term: FLIS 23% end-dated (sfi.dk) vs AKU 6-7%; we use 6-20% of hires by group.
# - applicants, repost: STAR failed-recruitment rates (bm.dk, altinget, jyllands-posten,
#   bupl.dk): SOSU 44%, nurses 46%, pedagogues ~25%, welfare 20-40%; re-post share is NOT
#   FOUND in any source, so the failed-recruitment rate is used as its proxy.
# - hire_age: own estimate, tuned so the stock's mean age is ~44.6 and 13% are 60+
#   (kl.dk 2023, kl.dk Momentum 2019).
GROUPS: tuple[JobGroup, ...] = (
    JobGroup(
        "sosu_h",
        "Social- og sundhedshjælpere",
        "Social- og sundhedshjælper",
        0.88,
        0.25,
        (24.0, 28.0, 30.0, 32.0, 32.0, 34.0),
        0.190,
        16.3,
        0.16,
        3.0,
        0.45,
        36.0,
        True,
    ),
    JobGroup(
        "sosu_a",
        "Social- og sundhedsassistenter",
        "Social- og sundhedsassistent",
        0.88,
        0.40,
        (28.0, 30.0, 32.0, 32.0, 34.0),
        0.150,
        16.3,
        0.14,
        4.0,
        0.45,
        35.0,
        True,
    ),
    JobGroup(
        "nurse",
        "Sygeplejersker",
        "Sygeplejerske",
        0.95,
        0.57,
        (28.0, 30.0, 32.0, 34.0),
        0.120,
        10.9,
        0.12,
        3.0,
        0.45,
        38.0,
        True,
    ),
    JobGroup(
        "therapist",
        "Terapeuter",
        "Fysioterapeut",
        0.85,
        0.75,
        (30.0, 32.0, 34.0),
        0.110,
        10.9,
        0.12,
        10.0,
        0.20,
        34.0,
    ),
    JobGroup(
        "pedagogue",
        "Pædagoger",
        "Pædagog",
        0.78,
        0.48,
        (30.0, 32.0, 34.0, 35.0),
        0.100,
        14.1,
        0.10,
        6.0,
        0.35,
        35.0,
    ),
    JobGroup(
        "ped_assistant",
        "Pædagogmedhjælpere og pædagogiske assistenter",
        "Pædagogmedhjælper",
        0.75,
        0.40,
        (25.0, 28.0, 30.0, 32.0),
        0.200,
        13.7,
        0.20,
        12.0,
        0.25,
        32.0,
    ),
    JobGroup(
        "teacher",
        "Lærere",
        "Lærer",
        0.68,
        0.78,
        (30.0, 32.0, 34.0),
        0.070,
        10.9,
        0.08,
        8.0,
        0.20,
        37.0,
    ),
    JobGroup(
        "admin",
        "Administrative medarbejdere (HK)",
        "Administrativ medarbejder",
        0.85,
        0.80,
        (30.0, 32.0, 34.0),
        0.120,
        8.9,
        0.12,
        40.0,
        0.08,
        38.0,
    ),
    JobGroup(
        "academic",
        "Akademikere",
        "Konsulent",
        0.60,
        0.92,
        (30.0, 32.0),
        0.150,
        6.2,
        0.15,
        35.0,
        0.08,
        35.0,
    ),
    JobGroup(
        "technical",
        "Teknisk service",
        "Teknisk servicemedarbejder",
        0.15,
        0.90,
        (30.0, 32.0),
        0.090,
        9.5,
        0.10,
        20.0,
        0.10,
        40.0,
    ),
    JobGroup(
        "cleaning",
        "Rengøring og køkken",
        "Rengøringsassistent",
        0.80,
        0.50,
        (20.0, 25.0, 28.0, 30.0),
        0.150,
        13.0,
        0.12,
        15.0,
        0.12,
        40.0,
    ),
    JobGroup(
        "social_worker",
        "Socialrådgivere",
        "Socialrådgiver",
        0.88,
        0.85,
        (30.0, 32.0, 34.0),
        0.130,
        11.1,
        0.12,
        8.0,
        0.30,
        34.0,
    ),
    JobGroup("leader", "Ledere", "Leder", 0.70, 1.00, (37.0,), 0.080, 7.5, 0.02, 15.0, 0.15, 45.0),
)
GROUP_INDEX = {g.code: i for i, g in enumerate(GROUPS)}
LEADER = GROUP_INDEX["leader"]

FULL_TIME_HOURS = 37.0  # KEY-FIGURES conventions: 37 unless the export says otherwise
DAY_HOURS = 7.4  # dst.dk / Region H ordforklaring: 1 day = 7.4 h, årsværk 1,924 h

# --- staffing and history -------------------------------------------------------------
STAFF_PER_WORKPLACE = 20  # brief: about 100 workplaces at N=2,000
EXIT_SCALE = 1.25  # lifts the group hazards so external turnover lands at ~17% after internal moves
HIRE_AGE_SHIFT = 4.5  # years added to every group's hire age (tuning knob for the stock's age)
HOURLY_SHARE = 0.06  # hourly-paid employments per ordinary slot (own estimate)
FLEX_SHARE = 0.015  # flex jobs per ordinary slot (own estimate)
CONCURRENT_HOURLY = (
    0.35  # share of hourly jobs held by someone with an ordinary job (brief: ~2% of persons)
)
VACANCY_GAP_DAYS = (7, 90)  # days a post stands empty between two holders (own estimate)
SHORT_STAYER = (
    0.25,
    1.2,
)  # share of hires leaving early, their mean tenure in years (Region H: many new-hire exits)
FIXED_TERM_MONTHS = (2, 12)  # length of fixed-term contracts (own estimate)
# Of voluntary exits; VIVE 21% incl. internal moves vs 14% leavers only (kora.dk, odense.dk).
INTERNAL_MOVE_SHARE = 0.22
# Of resignations/fixed-term ends re-hired within 90 days (Region H: "afbrudt ansættelse
# på under 3 mdr.").
REHIRE_SHORT = 0.06
REHIRE_LONG = (
    0.05  # of resignations/fixed-term ends re-hired after more than 90 days (own estimate)
)
DEATH_RATE = 0.0008  # annual deaths of staff (own estimate from DST mortality at working ages)
# Exit reasons of voluntary/other exits of permanent staff: resignation most common.
EXIT_REASONS = (("resignation", 0.78), ("dismissal", 0.14), ("other", 0.08))
HOURS_CHANGE_RATE = 0.05  # per year: a new spell with other weekly hours (the full-time agenda)
HOT_SPOT_SHARE = (
    0.06  # workplaces with high turnover and absence (cepos.dk: large institution spread)
)
HOT_SPOT_EXIT = 2.2
HOT_SPOT_SICK = 1.7

# Age structure of the stock (kl.dk 2023: mean 44.6; kl.dk Momentum 2019: 13% 60+, 26% 55+).
STOCK_AGE_BANDS = (
    (19, 25, 0.07),
    (25, 35, 0.21),
    (35, 45, 0.22),
    (45, 55, 0.22),
    (55, 60, 0.13),
    (60, 65, 0.12),
    (65, 68, 0.03),
)
# Retirement: age at which staff leave for pension, as years before folkepensionsalder
# (efterløn from 60-64, most leave at or just before folkepension; own estimate).
# Exit hazard multipliers by age at hire or at the window's start (own estimate, shaped after
# benchmark.dk 2023: turnover highest for the youngest, lowest for 50+ apart from retirement).
EXIT_AGE_YOUNG = 1.2
EXIT_AGE_SENIOR = 0.75
RETIRE_BEFORE_PENSION = ((-5.0, 0.05), (-3.0, 0.08), (-1.5, 0.12), (0.0, 0.55), (1.0, 0.20))

# --- absence ----------------------------------------------------------------------------
# National days/FTE by year relative to 2019 (KRL: 12.1 in 2019, 12.2 in 2020, 5.8% in 2021,
# 16.1 in 2022, ~16 in 2023; kpi-definitions 2.2).
SICK_YEAR_FACTOR = {2019: 1.0, 2020: 1.01, 2021: 1.12, 2022: 1.33, 2023: 1.33}
SICK_YEAR_EARLY, SICK_YEAR_LATE = 0.99, 1.28  # before 2019 (11.6-12.2), after 2023
SICK_SCALE = 1.55  # compensates records lost to overlaps and employment ends (tuned to 5.3%/7.1%)
SICK_GENDER = {"K": 1.07, "M": 0.80}  # women 12.9 vs men 9.6 days (dknyt 2019)
SICK_FRAILTY_SHAPE = 0.20  # gamma shape: top 5% of staff ≈ 42% of days (dknyt; docplayer 2014)
# Winter high, summer low (own estimate; DST shows the seasonal pattern of absence).
SICK_MONTH = (1.35, 1.30, 1.15, 1.0, 0.85, 0.80, 0.55, 0.80, 0.95, 1.05, 1.10, 1.10)
# Episode length in working days: (share, low, high); mean ≈ 7 days.
SICK_EPISODES = ((0.66, 1, 3), (0.24, 4, 14), (0.07, 15, 60), (0.03, 61, 200))
PARTIAL_DAY_SHARE = 0.08  # partial-day sickness (delvis sygdom) with hours
SHIFT_HOURS_SHARE = 0.35  # records of shift workers given in hours
WORK_INJURY_SHARE = 0.015  # of sickness episodes (own estimate)
CHILD_SICK_RATE = 1.6  # episodes per year, parents aged 25-45 (own estimate)
BIRTH_RATE_WOMEN, BIRTH_RATE_MEN = (
    0.075,
    0.06,
)  # per year aged 25-41 (own estimate from DST fertility)
OTHER_LEAVE_RATE = 0.006  # per year, 1-6 months (own estimate)

# --- apprentices and students, talks, courses ------------------------------------------
APPRENTICE_SHARE = 0.04  # kl.dk 2023: 20,900 elever og studerende = 4% of staff, ~2/3 SOSU
# programme label, job group it qualifies for, share, years, kind, drop-out rate, adult share
PROGRAMMES = (
    ("Social- og sundhedshjælper", "sosu_h", 0.22, 1.9, "apprentice", 0.32, 0.55),
    ("Social- og sundhedsassistent", "sosu_a", 0.45, 3.0, "apprentice", 0.28, 0.50),
    ("Pædagogisk assistent", "ped_assistant", 0.13, 2.2, "apprentice", 0.18, 0.55),
    ("Pædagog", "pedagogue", 0.12, 0.5, "student", 0.08, 0.30),
    ("Sygeplejerske", "nurse", 0.08, 0.4, "student", 0.06, 0.25),
)
ROUTES = (
    ("ordinary", 0.70),
    ("merit", 0.15),
    ("training_position", 0.07),
    ("unskilled_to_skilled", 0.08),
)
APPRENTICE_HIRED = 0.45  # completed apprentices hired within 12 months (own estimate)
MUS_COVERAGE = (0.78, 12.0)  # beta mean and concentration per unit (brief: 70-85%)
GRUS_UNIT_SHARE = 0.15  # units holding group talks instead of MUS (own estimate)
LEADER_PSYCH_COURSE = 0.55  # leaders who have taken "psykisk arbejdsmiljø for ledere"
TRIO_RATE, AMR_RATE, COURSE_RATE = 0.02, 0.015, 0.25  # per person-year
