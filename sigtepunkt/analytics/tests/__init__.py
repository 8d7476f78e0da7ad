"""Tests of the analytics package: the independent oracle and its golden cases."""
