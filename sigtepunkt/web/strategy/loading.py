"""Loading strategy files and indicator files from disk: the examples for the demo, a municipality's own.

Files are validated completely before anything is written (the parsers collect every
problem), then stored in one transaction each.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sigtepunkt.strategy.document.parsing import strategy_document_load, strategy_document_parse
from sigtepunkt.strategy.document.problems import Code, DocumentProblem
from sigtepunkt.strategy.external.reading import external_load, external_read
from sigtepunkt.web.store import unit_tree
from sigtepunkt.web.strategy.models import Initiative, Strategy
from sigtepunkt.web.strategy.services import (
    external_series_import,
    initiative_update,
    org_units_of,
    strategy_import,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "strategy" / "examples"


def strategy_file_load(*, path: Path, user=None) -> Strategy:
    """Parse, validate against the organisation tree and store one strategy file (raises StrategyRejected)."""
    document = strategy_document_load(path=path, units=org_units_of(unit_tree()))
    return strategy_import(document=document, user=user)


def indicator_file_load(*, path: Path) -> int:
    """Parse and store one StatBank CSV file (raises ExternalRejected); returns the number of series."""
    return external_series_import(series=external_load(path=path), file=path.name)


# The strategy file format has no field for "what works" yet, so the demo sets it after loading:
# the onboarding initiative in Sundhed og Omsorg is compared on staff turnover, its units being
# the centre's workplaces (the other workplaces of the municipality are the comparison).
DEMO_EFFECT = {"onboarding-sundhed": "turnover_rate"}


def _demo_effect() -> None:
    tree = unit_tree()
    for initiative in Initiative.objects.filter(key__in=DEMO_EFFECT, unit_id__in=list(tree.units)):
        workplaces = sorted(u for u in tree.subtree(initiative.unit_id)
                            if tree.units[u].level == "workplace" and tree.units[u].is_current)
        initiative_update(initiative=initiative, user=None, effect_figure_id=DEMO_EFFECT[initiative.key],
                          effect_units=workplaces)


def examples_load() -> list[Strategy]:
    """The example indicators and strategies of Eksempel Kommune, for the demo."""
    for path in sorted(EXAMPLES.glob("*.csv")):
        indicator_file_load(path=path)
    strategies = [strategy_file_load(path=p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    _demo_effect()
    return strategies


def strategy_upload(*, data: bytes, file: str, user) -> tuple[Strategy | None, list]:
    """An uploaded strategy file: the stored strategy and the warnings, or None and every problem (nothing stored)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [DocumentProblem(Code.UNREADABLE_FILE, file, detail=str(exc))]
    document, problems = strategy_document_parse(text=text, file=file, units=org_units_of(unit_tree()))
    if document is None:
        return None, problems
    return strategy_import(document=document, user=user), problems


def indicator_upload(*, data: bytes, file: str) -> tuple[int, list]:
    """An uploaded StatBank CSV: the number of series stored and the warnings, or 0 and the problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(file).name
        path.write_bytes(data)
        series, problems = external_read(path=path)
    if any(not p.is_warning for p in problems):
        return 0, problems
    return external_series_import(series=series, file=path.name), problems
