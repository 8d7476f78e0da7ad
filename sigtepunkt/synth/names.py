"""Danish names for synthetic units: centres, areas, workplace types and their name pools.

The structure follows the organisation charts of mid-sized Danish municipalities (centres
under a director, areas under centres, workplaces at the bottom); sizes and job mixes are
own estimates, tuned so that the job groups land near their national shares.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkplaceType:
    pattern: str  # "{}" is filled from the pool
    pool: str
    size: float  # mean staff
    weight: float  # share of the centre's staff
    mix: tuple[tuple[str, float], ...]
    care: str = ""  # placement kind for apprentices: "sosu", "ped", "nurse"


@dataclass(frozen=True)
class Centre:
    name: str
    share: float
    areas: tuple[tuple[str, tuple[WorkplaceType, ...]], ...]


W = WorkplaceType
CENTRES: tuple[Centre, ...] = (
    Centre(
        "Center for Sundhed og Omsorg",
        0.30,
        (
            (
                "Område Plejecentre",
                (
                    W(
                        "Plejecenter {}",
                        "home",
                        70,
                        0.45,
                        (
                            ("sosu_h", 34),
                            ("sosu_a", 32),
                            ("nurse", 6),
                            ("therapist", 3),
                            ("cleaning", 10),
                            ("technical", 2),
                            ("admin", 2),
                        ),
                        "sosu",
                    ),
                ),
            ),
            (
                "Område Hjemmepleje",
                (
                    W(
                        "Hjemmeplejen {}",
                        "district",
                        45,
                        0.40,
                        (("sosu_h", 50), ("sosu_a", 32), ("nurse", 8), ("admin", 2)),
                        "sosu",
                    ),
                ),
            ),
            (
                "Område Sygepleje og Træning",
                (
                    W(
                        "Sygeplejen {}",
                        "district",
                        25,
                        0.08,
                        (("nurse", 70), ("sosu_a", 25), ("admin", 5)),
                        "nurse",
                    ),
                    W(
                        "Træningscenter {}",
                        "home",
                        20,
                        0.05,
                        (("therapist", 80), ("sosu_a", 10), ("admin", 10)),
                    ),
                    W(
                        "Visitationen {}",
                        "district",
                        15,
                        0.02,
                        (("nurse", 30), ("therapist", 20), ("admin", 50)),
                    ),
                ),
            ),
        ),
    ),
    Centre(
        "Center for Dagtilbud og Skole",
        0.33,
        (
            (
                "Skoleområdet",
                (
                    W(
                        "{} Skole",
                        "school",
                        60,
                        0.55,
                        (
                            ("teacher", 65),
                            ("pedagogue", 15),
                            ("ped_assistant", 6),
                            ("technical", 4),
                            ("admin", 5),
                            ("cleaning", 5),
                        ),
                    ),
                ),
            ),
            (
                "Dagtilbud Nord",
                (
                    W(
                        "Børnehuset {}",
                        "flower",
                        22,
                        0.23,
                        (("pedagogue", 55), ("ped_assistant", 40), ("cleaning", 5)),
                        "ped",
                    ),
                ),
            ),
            (
                "Dagtilbud Syd",
                (
                    W(
                        "Børnehuset {}",
                        "flower",
                        22,
                        0.22,
                        (("pedagogue", 55), ("ped_assistant", 40), ("cleaning", 5)),
                        "ped",
                    ),
                ),
            ),
        ),
    ),
    Centre(
        "Center for Børn og Familie",
        0.06,
        (
            (
                "Myndighed Børn og Unge",
                (
                    W(
                        "Familierådgivningen {}",
                        "district",
                        40,
                        0.40,
                        (("social_worker", 70), ("admin", 20), ("academic", 10)),
                    ),
                    W(
                        "Ungeenheden {}",
                        "district",
                        20,
                        0.15,
                        (("social_worker", 50), ("pedagogue", 40), ("admin", 10)),
                    ),
                ),
            ),
            (
                "Forebyggelse og Sundhed",
                (
                    W(
                        "PPR {}",
                        "district",
                        25,
                        0.15,
                        (("academic", 70), ("therapist", 15), ("admin", 15)),
                    ),
                    W(
                        "Sundhedsplejen {}",
                        "district",
                        20,
                        0.12,
                        (("nurse", 90), ("admin", 10)),
                        "nurse",
                    ),
                    W(
                        "Døgninstitutionen {}",
                        "home",
                        30,
                        0.18,
                        (
                            ("pedagogue", 70),
                            ("social_worker", 10),
                            ("sosu_a", 10),
                            ("cleaning", 10),
                        ),
                        "ped",
                    ),
                ),
            ),
        ),
    ),
    Centre(
        "Center for Job og Borgerservice",
        0.06,
        (
            (
                "Jobcenter",
                (
                    W(
                        "Jobcenter {}",
                        "team",
                        35,
                        0.60,
                        (("social_worker", 40), ("admin", 30), ("academic", 30)),
                    ),
                ),
            ),
            (
                "Borgerservice og Ydelse",
                (
                    W("Borgerservice {}", "district", 25, 0.20, (("admin", 90), ("academic", 10))),
                    W("Ydelsesafdelingen {}", "team", 25, 0.20, (("admin", 80), ("academic", 20))),
                ),
            ),
        ),
    ),
    Centre(
        "Center for Teknik og Miljø",
        0.07,
        (
            (
                "Drift og Service",
                (
                    W("Vej og Park {}", "district", 30, 0.30, (("technical", 90), ("admin", 10))),
                    W(
                        "Ejendomsservice {}",
                        "district",
                        25,
                        0.15,
                        (("technical", 70), ("cleaning", 30)),
                    ),
                    W(
                        "Rengøringsservice {}",
                        "district",
                        35,
                        0.20,
                        (("cleaning", 95), ("admin", 5)),
                    ),
                    W(
                        "Madservice {}",
                        "district",
                        25,
                        0.10,
                        (("cleaning", 85), ("admin", 5), ("technical", 10)),
                    ),
                ),
            ),
            (
                "Plan, Byg og Miljø",
                (
                    W("Byggeri og Plan {}", "team", 25, 0.15, (("academic", 60), ("admin", 40))),
                    W("Natur og Miljø {}", "team", 15, 0.10, (("academic", 70), ("admin", 30))),
                ),
            ),
        ),
    ),
    Centre(
        "Center for Økonomi og Personale",
        0.05,
        (
            (
                "Økonomi og Analyse",
                (
                    W("Økonomi {}", "team", 20, 0.40, (("academic", 60), ("admin", 40))),
                    W("Løn og Personale {}", "team", 20, 0.35, (("admin", 60), ("academic", 40))),
                ),
            ),
            (
                "Digitalisering og IT",
                (
                    W(
                        "IT og Digitalisering {}",
                        "team",
                        20,
                        0.25,
                        (("academic", 50), ("admin", 30), ("technical", 20)),
                    ),
                ),
            ),
        ),
    ),
    Centre(
        "Center for Kultur og Fritid",
        0.04,
        (
            (
                "Kultur",
                (
                    W("Biblioteket {}", "district", 15, 0.40, (("admin", 60), ("academic", 40))),
                    W("Musikskolen {}", "district", 15, 0.20, (("teacher", 80), ("admin", 20))),
                ),
            ),
            (
                "Fritid og Idræt",
                (
                    W(
                        "Idrætscenter {}",
                        "home",
                        12,
                        0.25,
                        (("technical", 70), ("admin", 15), ("cleaning", 15)),
                    ),
                    W(
                        "Ungdomsskolen {}",
                        "district",
                        15,
                        0.15,
                        (("teacher", 60), ("pedagogue", 30), ("admin", 10)),
                    ),
                ),
            ),
        ),
    ),
    Centre(
        "Center for Social og Handicap",
        0.09,
        (
            (
                "Botilbud",
                (
                    W(
                        "Bostedet {}",
                        "home",
                        35,
                        0.50,
                        (
                            ("pedagogue", 45),
                            ("sosu_a", 20),
                            ("sosu_h", 20),
                            ("nurse", 3),
                            ("therapist", 2),
                            ("cleaning", 10),
                        ),
                        "sosu",
                    ),
                ),
            ),
            (
                "Socialpsykiatri",
                (
                    W(
                        "Socialpsykiatrien {}",
                        "district",
                        30,
                        0.30,
                        (
                            ("pedagogue", 40),
                            ("sosu_a", 30),
                            ("social_worker", 15),
                            ("nurse", 10),
                            ("admin", 5),
                        ),
                        "sosu",
                    ),
                ),
            ),
            (
                "Myndighed Voksne",
                (
                    W(
                        "Voksenrådgivningen {}",
                        "team",
                        25,
                        0.20,
                        (("social_worker", 70), ("admin", 20), ("academic", 10)),
                    ),
                ),
            ),
        ),
    ),
)

POOLS: dict[str, tuple[str, ...]] = {
    "home": (
        "Søndergården",
        "Lindehøj",
        "Egely",
        "Bøgebakken",
        "Kastanjegården",
        "Fyrrebakken",
        "Rosenhaven",
        "Havgården",
        "Åbjerg",
        "Møllehøj",
        "Skovgården",
        "Solbjerg",
        "Kærgården",
        "Engbo",
        "Toftegården",
        "Æblehaven",
        "Nørrevang",
        "Bakkehuset",
        "Strandhøj",
        "Lærkely",
    ),
    "district": (
        "Nord",
        "Syd",
        "Øst",
        "Vest",
        "Midt",
        "Centrum",
        "Nordvest",
        "Sydøst",
        "Havnen",
        "Ådalen",
        "Skovbyen",
        "Søbyen",
    ),
    "team": ("Team 1", "Team 2", "Team 3", "Team 4", "Team 5", "Team 6", "Team 7", "Team 8"),
    "school": (
        "Søndre",
        "Vestre",
        "Engvang",
        "Højvang",
        "Bakkegård",
        "Ådals",
        "Nørre",
        "Kildevang",
        "Skovlund",
        "Rådhus",
        "Østerbro",
        "Mølleå",
        "Lindegård",
        "Hyldegård",
        "Brøndby",
        "Tårnby",
        "Strandgårds",
        "Grønnevang",
    ),
    "flower": (
        "Mælkebøtten",
        "Solsikken",
        "Åkanden",
        "Kløveren",
        "Bikuben",
        "Regnbuen",
        "Myretuen",
        "Troldehøj",
        "Spiren",
        "Valmuen",
        "Græshoppen",
        "Skovtrolden",
        "Lærkereden",
        "Østerbo",
        "Fuglereden",
        "Søstjernen",
        "Rønnebærret",
        "Humlebien",
        "Kastanjen",
        "Ællingen",
    ),
}

REGIONS = (
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
)
# Share of municipalities per region (29, 17, 22, 19, 11 of 98 in Denmark).
REGION_SHARES = (29, 17, 22, 19, 11)


def pool_name(pool: str, k: int) -> str:
    """The k-th name of a pool; past its end, numbered variants ("Søndergården 2")."""
    names = POOLS[pool]
    base = names[k % len(names)]
    round_ = k // len(names)
    return base if round_ == 0 else f"{base} {round_ + 1}"
