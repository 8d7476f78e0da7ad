"""The official definitions the figures follow, each with where it is published."""

from __future__ import annotations

from sigtepunkt.analytics.catalogue.model import Source

FLIS_SICKNESS = Source(
    "FLIS KPI 569: sygefravær = sygedage (egen sygdom og arbejdsskade) ÷ aktive dage",
    "https://www.eflis.dk/KPI/KPI_lists/KPIs/569.html",
)
KRL_ABSENCE = Source(
    "KRL/FLD fraværsstatistik: fraværsdagsværk pr. fuldtidsbeskæftiget (7,4 timer pr. dag)",
    "http://docplayer.dk/10247198-Metoder-og-begreber-i-fravaersstatistikken.html",
)
REGION_H_CUBE = Source(
    "Region Hovedstadens HR-kube: sygefravær metode 2; genansættelse inden for 3 måneder er ikke en afgang",
    None,
)
KRL_TURNOVER = Source(
    "KRL/FLD personaleomsætningsstatistik: afgange ÷ gennemsnitligt antal ansatte",
    "http://fldnet.dk/publikationer/index.php?s=Personaleoms%C3%A6tningsstatistik",
)
BENCHMARK_COHORT = Source(
    "Benchmarkingenheden / Region Hovedstaden: afgangsrate efter kohortemetoden (ansatte ved periodens start, "
    "der er fratrådt inden periodens slut; pension og død tæller ikke)",
    "https://www.benchmark.dk/nyhedsarkiv/2023/jun/to-nye-analyser-om-fastholdelse-af-hhv-social-og-"
    "sundhedspersonalet-paa-det-kommunale-aeldreomraade-og-sygeplejersker-paa-sygehusene",
)
KRL_STAFF = Source(
    "KRL/FLIS personaleopgørelse: ordinært ansatte (tjenestemænd og overenskomstansatte), årsværk = "
    "beskæftigelsesdecimal",
    "http://www.geofyn.dk/flis/?dbschema=flis_dk&noegletalprocnavn=050-500-014-0-0-0",
)
PENSION_LAW = Source(
    "Lov om social pension § 1a: folkepensionsalder efter fødselsdato",
    None,
)
MED_AGREEMENT = Source(
    "Rammeaftale om medindflydelse og medbestemmelse: årlig medarbejderudviklingssamtale (MUS)",
    None,
)
WORK_ENV_ACT = Source(
    "Arbejdsmiljøloven og bekendtgørelse om arbejdsmiljøuddannelse: ledere og arbejdsmiljørepræsentanter",
    None,
)
BALLERUP = Source(
    "Ballerup Kommune: strategi for fastholdelse, uddannelse og rekruttering, 'Afklaring af data-understøttelse'",
    None,
)
KL_EDUCATION = Source(
    "KL: elever og studerende i kommunerne (Momentum 2023); STAR: forgæves rekrutteringer",
    "https://star.dk/da/viden-og-tal/udvikling-paa-arbejdsmarkedet/rekrutteringssurveys/",
)
SIGTEPUNKT = Source("sigtepunkt: defineret i KEY-FIGURES.md (ingen officiel definition fundet)", None)
