"""The web UI and HTTP API (``dossier serve``), a thin client of :class:`dossier.Dossier`.

Needs the ``web`` extra: ``pip install 'dossier[web]'``.
"""

from __future__ import annotations

from dossier.web.app import create_app

__all__ = ["create_app"]
