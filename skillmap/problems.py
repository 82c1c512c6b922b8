"""Located problems: what is wrong with an input, and exactly where.

Every importer and validator reports through :class:`Problem`. A problem names the file, and where it
applies the sheet, the row as the spreadsheet numbers it (1-based), the column header, or a path inside a
structured file (``roles[3].levels[0].requirements.STATISTICS``). It renders in English or Spanish and
serialises to JSON for the office that sent the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from skillmap.i18n import register, tr

Severity = Literal["error", "warning"]

register(
    {
        "where.file": {"en": "{file}", "es": "{file}"},
        "where.sheet": {"en": "sheet “{sheet}”", "es": "hoja «{sheet}»"},
        "where.row": {"en": "row {row}", "es": "fila {row}"},
        "where.column": {"en": "column “{column}”", "es": "columna «{column}»"},
        "where.path": {"en": "at {path}", "es": "en {path}"},
        "severity.error": {"en": "error", "es": "error"},
        "severity.warning": {"en": "warning", "es": "advertencia"},
    }
)


@dataclass(frozen=True)
class Term:
    """A message parameter that is itself translatable (``Term("fw.kind.integer")``): rendered in the
    language the problem is shown in, not the one current when it was found."""

    key: str

    def __str__(self) -> str:
        return tr(self.key)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input. ``key`` and ``params`` select a message in :mod:`skillmap.i18n`."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None
    severity: Severity = "error"

    def message(self, lang: str | None = None) -> str:
        params = {k: tr(v.key, lang) if isinstance(v, Term) else v for k, v in self.params.items()}
        return tr(self.key, lang, **params)

    def where(self, lang: str | None = None) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(tr("where.file", lang, file=Path(self.file).name))
        if self.sheet:
            parts.append(tr("where.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(tr("where.row", lang, row=self.row))
        if self.column:
            parts.append(tr("where.column", lang, column=self.column))
        if self.path:
            parts.append(tr("where.path", lang, path=self.path))
        return ", ".join(parts)

    def text(self, lang: str | None = None) -> str:
        where = self.where(lang)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.key,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "path": self.path,
            "message": self.message(lang),
            "params": {k: tr(v.key, lang) if isinstance(v, Term) else
                       v if isinstance(v, (str, int, float, bool, type(None))) else str(v)
                       for k, v in self.params.items()},
        }


class InputError(Exception):
    """Input was rejected. Carries the located problems; ``str()`` gives the first one, in the current language."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems = problems
        super().__init__(problems[0].text())

    def text(self, lang: str | None = None, limit: int = 20) -> str:
        lines = [p.text(lang) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"(+{len(self.problems) - limit})")
        return "\n".join(lines)
