"""The committed import-format docs and JSON schemas are exactly what the schema generates."""

from __future__ import annotations

from pathlib import Path

from sigtepunkt.hrdata.formats_doc import write_docs

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_it_has_current_import_format_docs(tmp_path: Path) -> None:
    for written in write_docs(tmp_path):
        committed = DOCS / written.relative_to(tmp_path)
        assert committed.exists(), f"{committed} missing: run python -m sigtepunkt.hrdata.formats_doc docs"
        assert committed.read_text(encoding="utf-8") == written.read_text(encoding="utf-8"), (
            f"{committed} is stale: run python -m sigtepunkt.hrdata.formats_doc docs"
        )


def test_it_has_current_key_figure_docs() -> None:
    from sigtepunkt.analytics.catalogue.doc import key_figures_markdown

    committed = (DOCS / "key-figures.md").read_text(encoding="utf-8")
    assert committed == key_figures_markdown(), "docs/key-figures.md is stale: run python -m sigtepunkt.analytics.catalogue.doc docs"
