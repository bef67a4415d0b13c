"""Where an export writes: one file, or a set of named files in a folder or a zip.

Exports with one table per kind (CSV, Parquet) or one document per report
(TimeML) write a :class:`FileSet`: a folder when ``path`` has no ``.zip``
suffix, a zip archive when it has.  Either way the member names are the same.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

__all__ = ["ExportResult", "FileSet"]


@dataclass
class ExportResult:
    """What an export wrote.

    Attributes:
        kind: The export kind (``jsonl``, ``csv`` …).
        path: The file, folder or zip written.
        counts: Rows or objects written, by table or object kind.
        skipped: Objects that could not be expressed in the format, by reason.
        files: Member names written (for folders and zips).
    """

    kind: str
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """JSON form for ``--format json``."""
        return {"kind": self.kind, "path": str(self.path), "counts": self.counts, "skipped": self.skipped, "files": self.files}


class FileSet:
    """Named output files in a folder, or members of a zip if ``path`` ends in ``.zip``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.names: list[str] = []
        self._zip: zipfile.ZipFile | None = None
        if path.suffix.lower() == ".zip":
            path.parent.mkdir(parents=True, exist_ok=True)
            self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        else:
            path.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def open_text(self, name: str) -> Iterator[IO[str]]:
        """A text stream (UTF-8, ``\\n`` kept as written) for member ``name``."""
        self.names.append(name)
        if self._zip is None:
            with open(self.path / name, "w", encoding="utf-8", newline="") as handle:
                yield handle
            return
        with self._zip.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
            yield handle

    @contextmanager
    def open_binary(self, name: str) -> Iterator[IO[bytes]]:
        """A binary stream for member ``name``."""
        self.names.append(name)
        if self._zip is None:
            with open(self.path / name, "wb") as handle:
                yield handle
            return
        with self._zip.open(name, "w") as raw:
            yield raw

    def add_file(self, name: str, source: Path) -> None:
        """Copy the finished file ``source`` in as member ``name``."""
        self.names.append(name)
        if self._zip is None:
            shutil.copyfile(source, self.path / name)
        else:
            self._zip.write(source, name)

    def close(self) -> None:
        """Finish the zip (a folder needs nothing)."""
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> "FileSet":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
