"""Shared fixtures: the bundled example, a pinned config, and span checking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dossier.config import Config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "maduro_exit_deadline.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def config() -> Config:
    # "today" pinned so year reasoning is reproducible.
    return Config(today="2026-11-24")


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text("utf-8")


@pytest.fixture(scope="session")
def example_analysis(example_text: str, config: Config):  # type: ignore[no-untyped-def]
    from dossier.api import analyse_text

    return analyse_text(example_text, config=config)


def iter_spans(data: Any, path: str = "$"):  # type: ignore[no-untyped-def]
    """Every (path, dict) in JSON data that is a span: it has int start/end and str text."""
    if isinstance(data, dict):
        if isinstance(data.get("start"), int) and isinstance(data.get("end"), int) and isinstance(data.get("text"), str):
            yield path, data
        for key, value in data.items():
            yield from iter_spans(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_spans(value, f"{path}[{i}]")


def assert_spans_match(text: str, data: Any) -> int:
    """Assert ``text[start:end] == span.text`` for every span in ``data``; return the count."""
    count = 0
    for path, span in iter_spans(data):
        assert text[span["start"] : span["end"]] == span["text"], f"{path}: offsets do not match text"
        count += 1
    return count


def subset_match(expected: Any, actual: Any) -> bool:
    """True if ``expected`` is contained in ``actual`` (dict keys recursively, list items any-match)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and subset_match(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and all(any(subset_match(e, a) for a in actual) for e in expected)
    return bool(expected == actual)


def _pg_url() -> str | None:
    import os

    return os.environ.get("DOSSIER_TEST_PG_URL")


def _postgres_schema(url: str, schema: str, *, drop: bool = False) -> None:
    """Create (or drop) a schema of its own for one test, so tests never see each other's rows."""
    from sqlalchemy import create_engine, text

    from dossier.store import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE' if drop else f'CREATE SCHEMA "{schema}"'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store URL: a SQLite file, and a new schema on the PostgreSQL test server.

    PostgreSQL runs when DOSSIER_TEST_PG_URL is set (``.ci/run`` starts a server
    and sets it); without it those cases are skipped, never silently passed.
    """
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    url = _pg_url()
    if not url:
        pytest.skip("DOSSIER_TEST_PG_URL not set: no PostgreSQL server for this run")
    import uuid

    schema = f"t_{uuid.uuid4().hex[:12]}"
    _postgres_schema(url, schema)
    request.addfinalizer(lambda: _postgres_schema(url, schema, drop=True))
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def store(store_url: str):  # type: ignore[no-untyped-def]
    """An open, migrated, empty :class:`dossier.store.Store` on SQLite and on PostgreSQL."""
    from dossier.store import Store

    opened = Store.open(store_url)
    yield opened
    opened.close()
