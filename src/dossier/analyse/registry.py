"""The one list of analysers, in dependency order.

Registration is explicit (this tuple), never by import side effect.  Each entry
declares what it ``requires`` and ``assigns``; :func:`pipeline` validates the
selection before any report runs.
"""

from __future__ import annotations

from dossier.analyse.attribution import ATTRIBUTIONS, CLAIMS
from dossier.analyse.base import AnalyserSpec
from dossier.analyse.entities import ENTITIES
from dossier.analyse.events import DEADLINES, EVENTS
from dossier.analyse.time import TIMEXES
from dossier.errors import ConfigError

__all__ = ["ANALYSERS", "pipeline", "get"]

ANALYSERS: tuple[AnalyserSpec, ...] = (ENTITIES, TIMEXES, ATTRIBUTIONS, CLAIMS, EVENTS, DEADLINES)


def get(name: str) -> AnalyserSpec:
    """The analyser registered as ``name`` (versioned, e.g. ``dossier.timexes.v1``)."""
    for spec in ANALYSERS:
        if spec.name == name:
            return spec
    raise ConfigError(f"no analyser {name!r}; registered: {', '.join(s.name for s in ANALYSERS)}")


def pipeline(names: tuple[str, ...] = ()) -> tuple[AnalyserSpec, ...]:
    """The analysers to run, in registry order, checked for missing requirements.

    Args:
        names: Analyser names or the fields they assign (``"timexes"``); empty = all.
    """
    if not names:
        return ANALYSERS
    chosen = [s for s in ANALYSERS if s.name in names or s.assigns in names]
    unknown = set(names) - {s.name for s in chosen} - {s.assigns for s in chosen}
    if unknown:
        raise ConfigError(
            f"unknown analyser(s) {', '.join(sorted(unknown))}; "
            f"registered: {', '.join(s.name for s in ANALYSERS)}"
        )
    available = {"doc"}
    for spec in chosen:
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise ConfigError(
                f"analyser {spec.name} requires {', '.join(missing)}; add the analysers that assign them"
            )
        available.add(spec.assigns)
    return tuple(chosen)
