"""Exceptions raised by dossier.

::

    DossierError                 base of everything dossier raises on purpose
    ├── ConfigError              a setting is invalid (names the setting and the fix)
    ├── InputError               an input cannot be read (names the input and the fix)
    ├── StoreError               the store cannot be opened, migrated or written
    └── NotFoundError            an id asked for does not exist in the store

Per-report problems inside a batch are not raised: they become
:class:`dossier.model.Failure` records and the batch goes on.
"""

from __future__ import annotations

__all__ = ["DossierError", "ConfigError", "InputError", "StoreError", "NotFoundError"]


class DossierError(Exception):
    """Base class of dossier's own errors; ``str(err)`` is a one-line user message."""


class ConfigError(DossierError):
    """A configuration value is invalid."""


class InputError(DossierError):
    """An input could not be read; the message names the input and what to do."""

    def __init__(self, message: str, *, input: str = "", reason: str = "invalid") -> None:
        super().__init__(message)
        self.input = input
        self.reason = reason


class StoreError(DossierError):
    """The store could not be opened, migrated or written."""


class NotFoundError(DossierError):
    """No object with the given id exists."""
