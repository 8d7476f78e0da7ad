"""The key-figure engine: catalogue, computation, suppression. Imports no Django."""
