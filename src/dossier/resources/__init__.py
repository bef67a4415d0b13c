"""Data files shipped with dossier (outlet directory, trained weights, hand-written test pairs)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["read_json"]


def read_json(name: str, path: str | Path | None = None) -> Any:
    """The shipped JSON file ``name`` of this package, or the file at ``path`` when one is given."""
    if path is None:
        return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
    return json.loads(Path(path).read_text("utf-8"))
