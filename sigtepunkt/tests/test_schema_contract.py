"""The import formats are internally consistent: spellings unambiguous, keys real columns."""

from __future__ import annotations

from sigtepunkt.hrdata.enums import VOCABULARIES
from sigtepunkt.hrdata.schema import TABLES, normalise_header


def test_it_never_maps_one_header_spelling_to_two_columns() -> None:
    for table in TABLES:
        seen: dict[str, str] = {}
        for column in table.columns:
            for spelling in column.spellings():
                folded = normalise_header(spelling)
                assert seen.setdefault(folded, column.name) == column.name, (table.name, spelling)


def test_it_never_maps_one_label_to_two_codes() -> None:
    for vocabulary in VOCABULARIES:
        seen: dict[str, str] = {}
        for choice in vocabulary.choices:
            for spelling in choice.spellings():
                folded = normalise_header(spelling)
                assert seen.setdefault(folded, choice.code) == choice.code, (vocabulary.name, spelling)


def test_it_keys_and_merges_on_real_columns() -> None:
    for table in TABLES:
        assert set(table.key) <= set(table.column_names), table.name
        assert set(table.entity) <= set(table.column_names), table.name
        assert table.merge in ("entity", "key")
        assert (table.merge == "entity") == bool(table.entity)


def test_it_recognises_each_table_by_its_danish_file_name() -> None:
    from pathlib import Path

    from sigtepunkt.hrdata.reading import _recognise

    for table in TABLES:
        assert _recognise(Path(f"{table.file_da}.csv"), []) is table
        assert _recognise(Path(f"{table.file_da}_2026-10.csv"), []) is table
