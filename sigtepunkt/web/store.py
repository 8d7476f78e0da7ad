"""The web layer's one door to the measurements store (aggregates only).

Views never hold a DuckDB connection themselves: they ask for `store_cursor()` and the unit
tree, both following the store's replacement after a recomputation.
"""

from __future__ import annotations

import threading

import duckdb
from django.conf import settings

from sigtepunkt.analytics.store import store_path
from sigtepunkt.insights.reader import StoreMissing, store_reader
from sigtepunkt.insights.tree import UnitTree, unit_tree_read

_tree_cache: dict[tuple, UnitTree] = {}
_tree_lock = threading.Lock()
EMPTY_TREE = UnitTree.from_rows([])


def store_cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the current store; raises `StoreMissing` when nothing has been computed yet."""
    return store_reader(store_path(settings.SIGTEPUNKT.home)).cursor()


def unit_tree() -> UnitTree:
    """The organisation tree of the current store version (empty before the first computation)."""
    reader = store_reader(store_path(settings.SIGTEPUNKT.home))
    try:
        version = reader.version()
    except StoreMissing:
        return EMPTY_TREE
    with _tree_lock:
        if version not in _tree_cache:
            _tree_cache.clear()
            _tree_cache[version] = unit_tree_read(reader.cursor())
        return _tree_cache[version]
