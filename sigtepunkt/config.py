"""Where sigtepunkt keeps its data, and the few settings the engine reads.

The data folder is `$SIGTEPUNKT_HOME`, or `sigtepunkt-data` in the working directory. It
holds the warehouse (`warehouse.duckdb`) and, unless `SIGTEPUNKT_PSEUDONYM_KEY_FILE`
points elsewhere, the pseudonymisation key (`pseudonym.key`). In production, keep the key
on other storage than the warehouse and its backups: with the key and a list of CPR
numbers, pseudonyms can be linked back to persons.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

DEFAULT_HOME = "sigtepunkt-data"
DEFAULT_SUPPRESSION_THRESHOLD = 5


class ConfigError(Exception):
    """A setting has a value that cannot be used."""


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from exc


@dataclass(frozen=True)
class Settings:
    home: Path
    key_file: Path
    suppression_threshold: int
    suppression_audit: bool = False

    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"


def get_settings() -> Settings:
    """Read the settings from the environment; a bad value raises at once."""
    home = Path(os.environ.get("SIGTEPUNKT_HOME") or DEFAULT_HOME).expanduser().resolve()
    key_file = os.environ.get("SIGTEPUNKT_PSEUDONYM_KEY_FILE")
    threshold = _env_int("SIGTEPUNKT_SUPPRESSION_THRESHOLD", DEFAULT_SUPPRESSION_THRESHOLD)
    if threshold < 1:
        raise ConfigError("SIGTEPUNKT_SUPPRESSION_THRESHOLD must be at least 1")
    audit = os.environ.get("SIGTEPUNKT_SUPPRESSION_AUDIT", "").strip().lower() in ("1", "true", "yes", "ja")
    return Settings(
        suppression_audit=audit,
        home=home,
        key_file=Path(key_file).expanduser().resolve() if key_file else home / "pseudonym.key",
        suppression_threshold=threshold,
    )
