"""A problem with input a person must fix: where it is, what is wrong, and what to do, in Danish.

Every importer (HR exports, benchmark files, later strategy files) reports through this one
record. Each importer has its own `Code` enum whose members carry their sentence
(`code.sentence`), so tests assert on the code, never on a copied string.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Protocol

from sigtepunkt.hrdata.cpr import mask
from sigtepunkt.i18n import gettext as _

_CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")


class ProblemCode(Protocol):
    value: str

    @property
    def sentence(self) -> str: ...


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the check allows.

    `row` is the line in the file as a spreadsheet shows it (the header is row 1). A CPR
    number in `value` or `detail` is masked here, the one door every problem passes through,
    whatever it came from (a header that was really a data row, a cell).
    """

    code: Enum
    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    detail: str | None = None
    is_warning: bool = False

    def __post_init__(self) -> None:
        for name in ("value", "detail"):
            text = getattr(self, name)
            if text and _CPR_LIKE.search(text):
                object.__setattr__(self, name, _CPR_LIKE.sub(lambda m: mask(m.group(0)), text))

    @property
    def text(self) -> str:
        sentence: str = self.code.sentence  # type: ignore[attr-defined]
        return sentence.format(column=self.column or "", value=self.value or "", detail=self.detail or "")

    @property
    def where(self) -> str:
        """File, row and column as one phrase in the active language."""
        parts = [self.file]
        if self.row:
            parts.append(_("row {row}").format(row=self.row))
        if self.column:
            parts.append(_("column \"{column}\"").format(column=self.column))
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["code"] = self.code.value
        data["message"] = self.text
        data["severity"] = "warning" if self.is_warning else "error"
        del data["is_warning"]
        return data
