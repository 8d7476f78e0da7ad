"""The warehouse: person-level HR data in an embedded DuckDB file, read only by the engine."""
