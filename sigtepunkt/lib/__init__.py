"""Small helpers shared by the engine's packages (no web imports)."""
