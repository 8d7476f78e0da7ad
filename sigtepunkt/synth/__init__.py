"""Synthetic municipality: realistic, calibrated HR exports for demos, tests and load tests.

`generate_municipality` writes one CSV per import table (`sigtepunkt.hrdata.schema.TABLES`)
in the format a Danish payroll/HR export has; see docs/synthetic-municipality.md.
"""

from __future__ import annotations

from sigtepunkt.synth.generator import GenerationSummary, generate_municipality

__all__ = ["GenerationSummary", "generate_municipality"]
