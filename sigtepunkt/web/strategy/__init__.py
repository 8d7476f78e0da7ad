"""Strategies, tracks, objectives and milestones that track themselves; forums; initiatives and action plans."""
