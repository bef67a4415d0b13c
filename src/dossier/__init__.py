"""dossier: turn news reports into a sourced, checkable dossier of a developing story.

Public surface::

    Dossier          the facade over a store (ingest, analyse, show, story, export)
    Config           settings (spaCy model, limits, outlet list)
    analyse_text     one-shot analysis of a text, no store needed
    Store            SQLite / PostgreSQL storage

Errors (``dossier.errors``)::

    DossierError
    ├── ConfigError
    ├── InputError
    ├── StoreError
    └── NotFoundError
"""

from __future__ import annotations

from dossier.api import analyse_text
from dossier.config import Config
from dossier.core import Dossier, IngestSummary
from dossier.errors import ConfigError, DossierError, InputError, NotFoundError, StoreError
from dossier.store import Store

__version__ = "0.1.0"

__all__ = [
    "Dossier",
    "IngestSummary",
    "Config",
    "Store",
    "analyse_text",
    "DossierError",
    "ConfigError",
    "InputError",
    "StoreError",
    "NotFoundError",
    "__version__",
]
