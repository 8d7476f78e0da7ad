"""The `sigtepunkt` command line."""
