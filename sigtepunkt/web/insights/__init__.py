"""The pages that show the key figures: overview, organisation, unit, figure, definitions, exports."""
