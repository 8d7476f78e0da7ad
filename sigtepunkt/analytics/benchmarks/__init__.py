"""External benchmarks: published comparison values stored beside the municipality's own figures.

A benchmark set (e.g. "Landsgennemsnit, kommuner" or "Region Hovedstaden") is imported from a
documented CSV file (`docs/benchmark-format.md`) into the `benchmarks` table of the
measurements store; `national.csv` is the shipped starting set, each row with its source.
"""
