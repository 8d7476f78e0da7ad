"""The strategy exchange format: a whole strategy as one YAML or JSON file (docs/strategy-format.md)."""

from sigtepunkt.strategy.document.model import FORMAT, StrategyDocument
from sigtepunkt.strategy.document.parsing import (
    strategy_document_load,
    strategy_document_parse,
    strategy_document_read,
)
from sigtepunkt.strategy.document.problems import Code, StrategyRejected
from sigtepunkt.strategy.document.schema import strategy_schema
from sigtepunkt.strategy.document.units import OrgUnit
from sigtepunkt.strategy.document.writing import strategy_document_dump

__all__ = ["FORMAT", "Code", "OrgUnit", "StrategyDocument", "StrategyRejected", "strategy_document_dump",
           "strategy_document_load", "strategy_document_parse", "strategy_document_read", "strategy_schema"]
