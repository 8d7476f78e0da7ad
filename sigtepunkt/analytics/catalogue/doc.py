"""Generate `docs/key-figures.md` from the catalogue: `python -m sigtepunkt.analytics.catalogue.doc docs`.

A test keeps the committed page equal to what this writes, so the documentation is the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sigtepunkt.analytics.catalogue import FIGURES, figure_segments
from sigtepunkt.analytics.catalogue.measures import MEASURES
from sigtepunkt.analytics.catalogue.model import KeyFigure, Track

TRACK_TITLES = {
    Track.CROSS_CUTTING: "Tværgående data",
    Track.RETENTION: "Fastholdelse",
    Track.EDUCATION: "Uddannelse",
    Track.RECRUITMENT: "Rekruttering",
}
BETTER_DA = {"higher": "højere er bedre", "lower": "lavere er bedre", "neutral": "ingen retning"}


def _figure(f: KeyFigure) -> list[str]:
    source = f"[{f.source.name}]({f.source.url})" if f.source.url else f.source.name
    rows = [
        ("Id", f"`{f.id}` (version {f.version})"),
        ("English", f.name_en),
        ("Formel", f.formula_da),
        ("Tæller", f"{f.numerator_da or f.numerator} (`{f.numerator}`)"),
        ("Nævner", f"{f.denominator_da} (`{f.denominator}`)" if f.denominator else "–"),
        ("n (gruppestørrelse)", f"`{f.n_measure}`"),
        ("Enhed", f.unit.value),
        ("Retning", BETTER_DA[f.better.value]),
        ("Opgørelse", {"stock": "bestand på p1", "flow": "hændelser/dage i P", "cohort": "kohorte"}[f.timing.value]
         + (f", kun perioder på {f.period_months} måneder" if f.period_months else "")),
        ("Segmenter", ", ".join(f"`{s}`" for s in figure_segments(f))),
        ("Kilde", source),
    ]
    return [f"### {f.name_da}", "", f.description_da, "", "| | |", "|---|---|",
            *(f"| {k} | {v} |" for k, v in rows), ""]


def key_figures_markdown() -> str:
    lines = [
        "# Nøgletal",
        "",
        "*Genereret fra `sigtepunkt/analytics/catalogue/` med "
        "`python -m sigtepunkt.analytics.catalogue.doc docs`. Ret i koden, ikke her.*",
        "",
        "Hvert nøgletal er én deklarativ definition. Det beregnes for enhver enhed (med underenheder, "
        "efter organisationstræets gyldighedsdatoer), enhver periode (måned, kvartal, kalenderår, løbende 12 "
        "måneder) og ethvert segment, og hvert resultat har værdi, tæller, nævner og n. Fortolkningen af "
        "definitionerne står i [key-figure-conventions.md](key-figure-conventions.md). Celler med n under "
        "grænsen (standard 5) undertrykkes, også komplementært.",
        "",
        f"{len(FIGURES)} nøgletal:",
        "",
    ]
    for track, title in TRACK_TITLES.items():
        figures = [f for f in FIGURES if f.track is track]
        lines += [f"## {title}", ""]
        for f in figures:
            lines += _figure(f)
    lines += ["## Mål (measures)", "", "Nøgletallene regnes ud fra fælles mål, som motoren beregner én gang pr. "
              "familie.", "", "| mål | familie | population | betydning |", "|---|---|---|---|"]
    lines += [f"| `{m.id}` | {m.family} | {m.population.value} | {m.description} |" for m in MEASURES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs") / "key-figures.md"
    out.write_text(key_figures_markdown(), encoding="utf-8")
    print(out)
