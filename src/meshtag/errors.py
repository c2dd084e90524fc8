"""Bad input is reported, not fatal: one clear line per problem, naming file, record and reason."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO


class MeshtagError(Exception):
    """An error meant for the user: its message is printed without a traceback."""


class InputError(MeshtagError):
    """A file or record that cannot be read; carries where it happened."""

    def __init__(self, reason: str, file: str | None = None, record: str | int | None = None):
        self.reason, self.file, self.record = reason, file, record
        super().__init__(format_problem(file, record, reason))


def format_problem(file: str | None, record: str | int | None, reason: str) -> str:
    """`file: record N: reason` — the one-line form used on stderr and in errors files."""
    parts = [str(file) if file else "<input>"]
    if record is not None and record != "":
        parts.append(f"record {record}")
    parts.append(reason)
    return ": ".join(parts)


@dataclass
class ErrorLog:
    """Collects problems during a run, echoing each to `stream` and (optionally) appending to a file.

    The errors file sits beside the output (`OUTPUT.errors.txt`) so a long run's problems survive it.
    """

    stream: TextIO | None = field(default_factory=lambda: sys.stderr)
    path: Path | None = None
    problems: list[str] = field(default_factory=list)

    def report(self, file: str | None, record: str | int | None, reason: str) -> None:
        line = format_problem(file, record, reason)
        self.problems.append(line)
        if self.stream is not None:
            print(f"meshtag: {line}", file=self.stream)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def report_error(self, err: InputError) -> None:
        self.report(err.file, err.record, err.reason)

    @property
    def count(self) -> int:
        return len(self.problems)

    @staticmethod
    def beside(output: str | Path | None) -> Path | None:
        """The errors file for an output path (None for stdout)."""
        if output is None or str(output) == "-":
            return None
        output = Path(output)
        return output.with_name(output.name + ".errors.txt")
