"""The baseline (startmåling) workbook: every key figure for the municipality, its centres and job groups.

Reads the measurements store only (aggregates, suppressed cells already hidden), never the
warehouse; see `docs/baseline.md`.
"""
