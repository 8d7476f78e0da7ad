"""A shared read-only connection to the measurements store that follows its replacement.

Writers replace the store file atomically (`store_writing`), so a reader notices a new
version by the file's identity (inode and modification time) and reopens. Each thread gets
its own cursor, as DuckDB asks for concurrent readers of one connection.

What depends only on the store's contents (the periods with results, the benchmarks, the
tree) is worth computing once per version, not per request: `version_cached` keeps such
values beside the open version, so they are dropped with it when the store is replaced.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb

T = TypeVar("T")
READER_THREADS = 1


class StoreMissing(Exception):
    """No key figures have been computed yet (the store file does not exist)."""


@dataclass
class _Open:
    identity: tuple[int, int]
    connection: duckdb.DuckDBPyConnection
    memo: dict = field(default_factory=dict)


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

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection of its own to the current file, whose queries run on the calling thread.

        `duckdb.connect(path)` hands out the database already open for that path in this
        process while any cursor of it lives, so after a replacement it would go on reading
        the old file; an in-memory database that attaches the file is never shared.
        The readers are web requests on several threads at once, each reading a few hundred
        cells: DuckDB's own worker threads would only add hand-overs between threads (and
        wait for a core on a busy machine) without making such small reads faster.
        """
        if not self.path.exists():
            raise StoreMissing(str(self.path))
        con = duckdb.connect(config={"threads": READER_THREADS})
        quoted = str(self.path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS store (READ_ONLY)")
        con.execute("USE store")
        return con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the current version of the store, for this thread."""
        identity = self._identity()
        current = self._open
        if current is None or current.identity != identity:
            with self._lock:
                if self._open is None or self._open.identity != identity:
                    self._open = _Open(identity, self._connect())
                current = self._open
        cached = getattr(self._local, "cursor", None)
        if cached is None or cached[0] is not current:
            cursor = current.connection.cursor()
            cursor.execute("USE store")  # each cursor is a connection of its own, with its own default catalog
            cached = (current, cursor)
            self._local.cursor = cached
        return cached[1]

    def version(self) -> tuple[int, int]:
        return self._identity()

    def memo_of(self, con: duckdb.DuckDBPyConnection) -> dict | None:
        """The per-version memo of the version `con` reads, if `con` is this thread's cursor of this reader."""
        cached = getattr(self._local, "cursor", None)
        return cached[0].memo if cached is not None and cached[1] is con else None


_readers: dict[Path, StoreReader] = {}
_readers_lock = threading.Lock()


def store_reader(path: Path) -> StoreReader:
    """The process's one reader for a store file."""
    with _readers_lock:
        return _readers.setdefault(path, StoreReader(path))


def version_cached(con: duckdb.DuckDBPyConnection, key: tuple, build: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """`build(con)`, computed once per store version when `con` is a reader's cursor (else every time).

    Only for values that depend on the store's contents alone, never on who asks. Two threads
    may build the same value at once; both get an equal value and one of them is kept.
    """
    with _readers_lock:
        readers = list(_readers.values())
    memo = next((m for r in readers if (m := r.memo_of(con)) is not None), None)
    if memo is None:
        return build(con)
    if key not in memo:
        memo[key] = build(con)
    return memo[key]
