"""sigtepunkt: the data foundation for a municipal workforce strategy."""
