"""JSON Lines, CSV and Parquet exports.

- ``jsonl``: one ``dossier.report/1`` document per line (the full, nested
  analysis; :func:`dossier.serialize.analysis_from_json` reads a line back).
- ``csv``: one file per table of :mod:`dossier.export.tables`, in a folder or a zip.
- ``parquet``: the same tables as Parquet files (needs pyarrow: ``pip install 'dossier[export]'``).

Analyses are streamed: memory stays flat however large the store.
"""

from __future__ import annotations

import csv
import json
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Iterable

from dossier.errors import ConfigError
from dossier.export.files import ExportResult, FileSet
from dossier.export.tables import TABLES, rows_of
from dossier.model import Analysis
from dossier.serialize import analysis_to_json

__all__ = ["write_jsonl", "write_csv", "write_parquet"]

#: Rows buffered per Parquet table before a row group is written.
PARQUET_BATCH = 5000


def write_jsonl(analyses: Iterable[Analysis], path: Path) -> ExportResult:
    """Write one ``dossier.report/1`` JSON document per line to ``path``."""
    result = ExportResult("jsonl", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for analysis in analyses:
            handle.write(json.dumps(analysis_to_json(analysis), ensure_ascii=False) + "\n")
            count += 1
    result.counts["reports"] = count
    return result


def write_csv(analyses: Iterable[Analysis], path: Path) -> ExportResult:
    """Write one CSV file per table (``reports.csv``, ``entities.csv`` …) to a folder or a ``.zip``."""
    result = ExportResult("csv", path)
    with tempfile.TemporaryDirectory(prefix="dossier-csv-") as tmp, ExitStack() as stack:
        writers = {}
        for table, columns in TABLES.items():
            handle = stack.enter_context(open(Path(tmp) / f"{table}.csv", "w", encoding="utf-8", newline=""))
            writers[table] = csv.writer(handle, lineterminator="\n")
            writers[table].writerow([name for name, _ in columns])
            result.counts[table] = 0
        for analysis in analyses:
            for table, row in rows_of(analysis):
                writers[table].writerow(["" if row.get(n) is None else row.get(n) for n, _ in TABLES[table]])
                result.counts[table] += 1
        stack.close()
        result.files = _collect(Path(tmp), path, "csv")
    return result


def write_parquet(analyses: Iterable[Analysis], path: Path) -> ExportResult:
    """Write one Parquet file per table to a folder or a ``.zip``.

    Raises:
        ConfigError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError(
            "the parquet export needs pyarrow: pip install 'dossier[export]' (or use `dossier export csv` instead)"
        ) from exc
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    schemas = {t: pa.schema([(name, types[kind]) for name, kind in cols]) for t, cols in TABLES.items()}
    result = ExportResult("parquet", path)
    with tempfile.TemporaryDirectory(prefix="dossier-parquet-") as tmp, ExitStack() as stack:
        writers = {t: stack.enter_context(pq.ParquetWriter(Path(tmp) / f"{t}.parquet", s)) for t, s in schemas.items()}
        buffers: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}

        def flush(table: str) -> None:
            writers[table].write_table(pa.Table.from_pylist(buffers[table], schema=schemas[table]))
            result.counts[table] = result.counts.get(table, 0) + len(buffers[table])
            buffers[table].clear()

        for analysis in analyses:
            for table, row in rows_of(analysis):
                buffers[table].append(row)
                if len(buffers[table]) >= PARQUET_BATCH:
                    flush(table)
        for table in TABLES:
            flush(table)  # also gives an empty table its schema
        stack.close()
        result.files = _collect(Path(tmp), path, "parquet")
    return result


def _collect(folder: Path, path: Path, suffix: str) -> list[str]:
    """Move the finished per-table files into the destination folder or zip."""
    with FileSet(path) as files:
        for table in TABLES:
            files.add_file(f"{table}.{suffix}", folder / f"{table}.{suffix}")
        return list(files.names)
