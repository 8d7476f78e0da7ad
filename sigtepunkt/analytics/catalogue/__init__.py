"""The key-figure catalogue: every figure of KEY-FIGURES.md as one validated definition."""

from __future__ import annotations

from sigtepunkt.analytics.catalogue import cross_cutting, education, recruitment, retention
from sigtepunkt.analytics.catalogue.measures import MEASURES_BY_ID, SEGMENTS
from sigtepunkt.analytics.catalogue.model import KeyFigure
from sigtepunkt.analytics.catalogue.validation import validate

FIGURES: tuple[KeyFigure, ...] = (
    *cross_cutting.FIGURES, *retention.FIGURES, *education.FIGURES, *recruitment.FIGURES,
)
validate(FIGURES)
FIGURES_BY_ID: dict[str, KeyFigure] = {f.id: f for f in FIGURES}


def figure_segments(figure: KeyFigure) -> tuple[str, ...]:
    """The segment dimensions a figure can be split by: its population's, then its own."""
    population = MEASURES_BY_ID[figure.numerator].population
    return tuple(dict.fromkeys((*SEGMENTS[population], *figure.segments)))


def get_figure(figure_id: str) -> KeyFigure:
    try:
        return FIGURES_BY_ID[figure_id]
    except KeyError:
        raise KeyError(f"unknown key figure {figure_id!r}") from None
