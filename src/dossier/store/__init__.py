"""Storage: one interface over SQLite (default, one file) and PostgreSQL.

See :class:`dossier.store.core.Store`.
"""

from __future__ import annotations

from dossier.store.core import EntityLink, GlobalEntity, ReportSummary, Store, normalise_url

__all__ = ["Store", "EntityLink", "GlobalEntity", "ReportSummary", "normalise_url"]
