"""Small-group suppression with complementary suppression for published key figures."""

from sigtepunkt.analytics.suppression.suppress import suppress

__all__ = ["suppress"]
