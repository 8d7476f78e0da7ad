"""HR exports: the canonical import formats, reading, validation and loading."""
