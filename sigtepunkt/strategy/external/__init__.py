"""External indicator series from Danmarks Statistik's StatBank downloads (themes beyond staff)."""

from sigtepunkt.strategy.external.model import ExternalPoint, ExternalSeries
from sigtepunkt.strategy.external.problems import Code, ExternalRejected
from sigtepunkt.strategy.external.reading import external_load, external_read

__all__ = ["Code", "ExternalPoint", "ExternalRejected", "ExternalSeries", "external_load", "external_read"]
