"""Entities: mentions grouped into people, organisations, places, outlets (issue #3)."""

from __future__ import annotations

from dossier.analyse.base import AnalyserSpec, Context
from dossier.model import Entity

__all__ = ["ENTITIES", "extract_entities"]


def extract_entities(context: Context) -> tuple[Entity, ...]:
    """Entities of one report.  Not yet implemented: returns no entities (issue #3)."""
    return ()


ENTITIES = AnalyserSpec(
    name="dossier.entities.v0",
    assigns="entities",
    requires=("doc",),
    run=extract_entities,
    description="people, organisations, places and outlets with their mentions and roles",
)
