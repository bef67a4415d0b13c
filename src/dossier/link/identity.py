"""Cross-report entity identity: which stored real-world entity a report's entity is.

Pure and explainable: :func:`resolve_entities` looks up candidates by the
entity's normalised keys and returns one :class:`~dossier.model.EntityLink` per
entity with the reason for the decision.  (Issue #3 extends the matching rules.)
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from dossier.model import Entity, EntityLink, GlobalEntity, content_id

__all__ = ["resolve_entities", "Lookup"]

#: Finds stored global entities under any of the given keys.
Lookup = Callable[[Iterable[str]], list[GlobalEntity]]


def resolve_entities(entities: Sequence[Entity], lookup: Lookup) -> list[EntityLink]:
    """Link each entity to an existing global entity with the same key and type, or a new one."""
    links = []
    for entity in entities:
        key = entity.key or entity.name.casefold()
        match = next((g for g in lookup([key]) if g.type == entity.type), None)
        if match is not None:
            links.append(EntityLink(entity.id, match, f"same normalised name {key!r} and type {entity.type}"))
        else:
            new = GlobalEntity(content_id(entity.type, key, prefix="g"), entity.name, entity.type, key, (key,))
            links.append(EntityLink(entity.id, new, "first report naming this entity"))
    return links
