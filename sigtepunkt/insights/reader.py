"""A shared read-only connection to the measurements store that follows its replacement.

Writers replace the store file atomically (`store_writing`), so a reader notices a new
version by the file's identity (inode and modification time) and reopens. Each thread gets
its own cursor, as DuckDB asks for concurrent readers of one connection.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sigtepunkt.analytics.store import open_store


class StoreMissing(Exception):
    """No key figures have been computed yet (the store file does not exist)."""


@dataclass
class _Open:
    identity: tuple[int, int]
    connection: duckdb.DuckDBPyConnection


class StoreReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._open: _Open | None = None
        self._local = threading.local()

    def _identity(self) -> tuple[int, int]:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError as exc:
            raise StoreMissing(str(self.path)) from exc
        return stat.st_ino, stat.st_mtime_ns

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the current version of the store, for this thread."""
        identity = self._identity()
        current = self._open
        if current is None or current.identity != identity:
            with self._lock:
                if self._open is None or self._open.identity != identity:
                    self._open = _Open(identity, open_store(self.path, read_only=True))
                current = self._open
        cached = getattr(self._local, "cursor", None)
        if cached is None or cached[0] is not current:
            cached = (current, current.connection.cursor())
            self._local.cursor = cached
        return cached[1]

    def version(self) -> tuple[int, int]:
        return self._identity()


_readers: dict[Path, StoreReader] = {}
_readers_lock = threading.Lock()


def store_reader(path: Path) -> StoreReader:
    """The process's one reader for a store file."""
    with _readers_lock:
        return _readers.setdefault(path, StoreReader(path))
