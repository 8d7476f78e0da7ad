"""The engine: computes the catalogue's measures in DuckDB SQL and assembles the figures."""
