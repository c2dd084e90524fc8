"""The curation folder on disk: several TSV files that change together or not at all.

A commit writes every new file into a hidden staging folder, then renames that folder to
`.import-pending` — the single atomic commit point — and finally moves the files into place.
A crash before the commit point leaves the old files (the staging folder is discarded on the next
write); a crash after it is rolled forward by the next writer, and readers already see the pending
files in the meantime. So a reader always sees the folder either before or after a commit.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from meshtag.fsutil import fsync_dir

try:  # POSIX advisory locks; on other systems concurrent imports are not guarded
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

PENDING = ".import-pending"
_STAGING_PREFIX, _STAGING_SUFFIX = ".import-", ".tmp"
_LOCK = ".lock"
# Test hook: with this set to a step name, each write step is announced on stderr and the process
# pauses at that step, so a test can kill it there.
PAUSE_ENV = "MESHTAG_REVIEW_PAUSE_AT"
_PAUSE_SECONDS = 300


@dataclass
class Transaction:
    """Reads see the committed folder; writes are collected and committed together on success."""

    folder: "CurationFolder"
    writes: dict[str, str] = field(default_factory=dict)

    def read(self, name: str) -> str | None:
        return self.folder.read(name)

    def write(self, name: str, text: str) -> None:
        self.writes[name] = text


class CurationFolder:
    """A folder of small text files committed atomically as a group."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    def read(self, name: str) -> str | None:
        """The committed text of `name` (a pending commit counts as committed), or None if absent."""
        for candidate in (self.path / PENDING / name, self.path / name):
            try:
                return candidate.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
        return None

    def read_all(self, names: tuple[str, ...]) -> dict[str, str | None]:
        """Read several files as one consistent snapshot (waits for a running commit to finish)."""
        with self._lock(shared=True):
            return {name: self.read(name) for name in names}

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Lock the folder, finish any interrupted commit, and commit the block's writes at its end."""
        self.path.mkdir(parents=True, exist_ok=True)
        with self._lock(shared=False):
            self.recover()
            tx = Transaction(self)
            yield tx
            if tx.writes:
                self._commit(tx.writes)

    def recover(self) -> None:
        """Discard uncommitted staging folders; finish a committed but not yet installed commit."""
        for staging in self.path.glob(f"{_STAGING_PREFIX}*{_STAGING_SUFFIX}"):
            shutil.rmtree(staging)
        if (self.path / PENDING).is_dir():
            self._install()

    def _commit(self, files: dict[str, str]) -> None:
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, suffix=_STAGING_SUFFIX, dir=self.path))
        for name, text in sorted(files.items()):
            with open(staging / name, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            _step(f"staged {name}")
        fsync_dir(staging)
        os.rename(staging, self.path / PENDING)
        fsync_dir(self.path)
        _step("committed")
        self._install()

    def _install(self) -> None:
        pending = self.path / PENDING
        for staged in sorted(pending.iterdir()):
            os.replace(staged, self.path / staged.name)
            _step(f"installed {staged.name}")
        fsync_dir(self.path)
        pending.rmdir()
        fsync_dir(self.path)

    @contextmanager
    def _lock(self, shared: bool) -> Iterator[None]:
        lock_path = self.path / _LOCK
        if fcntl is None or (shared and not lock_path.exists()):
            yield  # nothing to wait for: no writer has ever locked this folder
            return
        with open(lock_path, "r" if shared else "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _step(name: str) -> None:
    pause_at = os.environ.get(PAUSE_ENV)
    if pause_at:
        print(f"meshtag-review-step: {name}", file=sys.stderr, flush=True)
        if name == pause_at:
            time.sleep(_PAUSE_SECONDS)


