"""Cross-report entity identity: which stored real-world entity a report's entity is.

Pure and explainable: :func:`resolve_entities` looks up candidates by the
entity's keys and returns one :class:`~dossier.model.EntityLink` per entity with
the reason for the decision.  The keys (:func:`entity_keys`) are

* *strong*: the entity's normalised name (accent-, case- and punctuation-blind,
  so "Delcy Rodriguez" and "VP Delcy Rodríguez" share ``delcy rodriguez``), its
  multi-word aliases, and for outlets the domain and every name;
* *weak*: for a person, ``surname:<last name>`` — used only when a report names
  someone by surname alone and exactly one known person carries that surname.

Candidates must be of a compatible type (organisation and government body are
one family; outlets, platforms and AI engines another).  Among several, role
context decides (a stored "President of Venezuela" over a namesake).  Merges are
reversible by the user: see :meth:`dossier.store.Store.merge_global_entities`,
:meth:`~dossier.store.Store.split_global_entity` and ``dossier alias``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from dossier.analyse.entities.names import fold, name_key, org_head, strip_corporate_suffix
from dossier.errors import ConfigError
from dossier.model import Entity, EntityLink, GlobalEntity, content_id

__all__ = [
    "resolve_entities",
    "entity_keys",
    "EntityIdentity",
    "identity_of",
    "type_family",
    "merged_entity",
    "Lookup",
    "SURNAME",
    "ORG_HEAD",
    "AliasFile",
    "read_alias_file",
]

#: Finds stored global entities under any of the given keys.
Lookup = Callable[[Iterable[str]], list[GlobalEntity]]

#: Prefix of weak (surname-only) keys.
SURNAME = "surname:"
#: Prefix of weak keys of organisations by their first word ("Ford" for "Ford Motor Company").
ORG_HEAD = "orghead:"

_FAMILIES = {
    "organisation": "organisation",
    "government_body": "organisation",
    "outlet": "outlet",
    "platform": "outlet",
    "ai_engine": "outlet",
}


def type_family(entity_type: str) -> str:
    """Types that may be one entity across reports (a report may call a ministry an organisation)."""
    return _FAMILIES.get(entity_type, entity_type)


def entity_keys(entity: Entity) -> tuple[list[str], list[str]]:
    """The strong and weak keys of a report's entity (see the module docstring)."""
    strong = [entity.key or name_key(entity.name)]
    names = [entity.name, *entity.aliases]
    for name in names:
        key = name_key(name)
        if not key:
            continue
        if entity.type in ("person",) and len(key.split()) < 2:
            continue  # "Rodríguez" alone names many people
        if key not in strong:
            strong.append(key)
    weak: list[str] = []
    if type_family(entity.type) == "organisation":
        for key in list(strong):
            bare = strip_corporate_suffix(key)  # "General Motors Corporation" is "General Motors"
            if bare not in strong:
                strong.append(bare)
        heads = {org_head(k) for k in strong} - {None}
        weak.extend(f"{ORG_HEAD}{h}" for h in sorted(heads))  # type: ignore[type-var]
    if entity.type == "person":
        for key in strong:
            tokens = key.split()
            if len(tokens) >= 2 and f"{SURNAME}{tokens[-1]}" not in weak:
                weak.append(f"{SURNAME}{tokens[-1]}")
        if len(name_key(entity.name).split()) == 1:
            weak.append(f"{SURNAME}{name_key(entity.name)}")
    return strong, weak


def _roles(entity: Entity) -> list[str]:
    return [f"{r.title} of {r.of}" if r.of else r.title for r in entity.roles]


@dataclass(frozen=True, slots=True)
class EntityIdentity:
    """What identity resolution reads of a report's entity: names, type, roles as text, and its keys.

    Small and pure (no mentions or spans), so a batch worker computes it and the
    single writer only looks the keys up (see :mod:`dossier.store.prepared`).
    """

    id: str
    name: str
    type: str
    kind: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    strong: tuple[str, ...]
    weak: tuple[str, ...]


def identity_of(entity: Entity) -> EntityIdentity:
    """The :class:`EntityIdentity` of a report's entity (its keys are :func:`entity_keys`)."""
    strong, weak = entity_keys(entity)
    return EntityIdentity(
        entity.id, entity.name, entity.type, entity.kind, tuple(entity.aliases), tuple(_roles(entity)), tuple(strong), tuple(weak)
    )


def _identity(entity: Entity | EntityIdentity) -> EntityIdentity:
    return entity if isinstance(entity, EntityIdentity) else identity_of(entity)


def merged_entity(existing: GlobalEntity, entity: Entity | EntityIdentity, keys: Iterable[str]) -> GlobalEntity:
    """``existing`` with what ``entity`` adds: keys, roles, names, and a better name if it has one."""
    entity = _identity(entity)
    data: dict[str, Any] = dict(existing.data)
    data["roles"] = sorted(set(data.get("roles", [])) | set(entity.roles))
    data["names"] = sorted(set(data.get("names", [existing.name])) | {entity.name, *entity.aliases})
    name = existing.name
    more_words = len(entity.name.split()) > len(name.split())
    more_accents = fold(entity.name) == fold(name) and sum(map(str.isascii, entity.name)) < sum(map(str.isascii, name))
    if entity.type == "person" and (more_words or more_accents):
        name = entity.name
    all_keys = tuple(dict.fromkeys([*existing.keys, *keys]))
    return GlobalEntity(existing.id, name, existing.type, existing.key, all_keys, data)


def _new(entity: EntityIdentity, keys: list[str]) -> GlobalEntity:
    key = keys[0]
    data = {"roles": sorted(set(entity.roles)), "names": sorted({entity.name, *entity.aliases})}
    if entity.kind:
        data["kind"] = entity.kind
    return GlobalEntity(content_id(type_family(entity.type), key, prefix="g"), entity.name, entity.type, key, tuple(keys), data)


def _reason(entity: EntityIdentity, match: GlobalEntity, shared: list[str], strong: list[str], ambiguous: int) -> str:
    key = shared[0]
    if key.startswith(SURNAME):
        reason = f"surname {entity.name!r} matches only one known person, {match.name!r}"
    elif key.startswith(ORG_HEAD):
        reason = f"{entity.name!r} and {match.name!r} begin with {key[len(ORG_HEAD):]!r} and no other known organisation does"
    elif key == strong[0] and fold(entity.name) == fold(match.name) and entity.name != match.name:
        reason = f"same name up to accents and case: {entity.name!r} ~ {match.name!r} (key {key!r})"
    elif key == strong[0]:
        reason = f"same normalised name {key!r} as {match.name!r}"
    else:
        reason = f"shared alias {key!r} with {match.name!r}"
    roles = set(entity.roles) & set(match.data.get("roles", []))
    if roles:
        reason += f"; same role: {', '.join(sorted(roles))}"
    reason += f"; type {entity.type}"
    if ambiguous > 1:
        reason += f"; chosen among {ambiguous} candidates by role and shared names"
    return reason


def resolve_entities(entities: Sequence[Entity | EntityIdentity], lookup: Lookup) -> list[EntityLink]:
    """Link each entity to a compatible stored global entity, or to a new one; say why.

    ``entities``: report entities, or their :func:`identity_of` if computed already (a batch worker's).
    """
    links = []
    for entity in map(_identity, entities):
        strong, weak = list(entity.strong), list(entity.weak)
        family = type_family(entity.type)
        candidates = [g for g in lookup([*strong, *weak]) if type_family(g.type) == family]
        ranked = []
        for g in candidates:
            shared_strong = [k for k in strong if k in g.keys]
            roles = set(entity.roles) & set(g.data.get("roles", []))
            if shared_strong:
                ranked.append((len(roles), len(shared_strong), g, shared_strong))
        single_name = entity.type == "person" and len(strong[0].split()) == 1
        if not ranked and (single_name or family == "organisation"):
            by_weak = [g for g in candidates if any(k in g.keys for k in weak)]
            if len(by_weak) == 1:
                ranked.append((0, 0, by_weak[0], [k for k in weak if k in by_weak[0].keys]))
        if ranked:
            ranked.sort(key=lambda r: (-r[0], -r[1], r[2].id))
            _, _, match, shared = ranked[0]
            reason = _reason(entity, match, shared, strong, len(ranked))
            links.append(EntityLink(entity.id, merged_entity(match, entity, [*strong, *weak]), reason))
        else:
            links.append(EntityLink(entity.id, _new(entity, [*strong, *weak]), "first report naming this entity"))
    return links


@dataclass(frozen=True, slots=True)
class AliasFile:
    """The user's identity decisions kept in a file, applied with ``dossier alias --file``.

    ``merge``: groups of names or global ids that are one entity (the first is kept).
    ``split``: ``(entity, name)`` pairs — the report entities called ``name`` are not ``entity``.
    """

    merge: tuple[tuple[str, ...], ...] = ()
    split: tuple[tuple[str, str], ...] = ()


def read_alias_file(path: Path) -> AliasFile:
    """Read an alias file: JSON ``{"merge": [["A", "B", ...]], "split": [["entity", "name"]]}``.

    Raises:
        ConfigError: The file is missing or not in that shape (the message shows the shape).
    """
    shape = '{"merge": [["Delcy Rodríguez", "Delcy Eloína Rodríguez Gómez"]], "split": [["g1a2b3c", "Maduro Guerra"]]}'
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read alias file {path}: {exc}; expected JSON like {shape}") from exc
    if not isinstance(data, dict) or set(data) - {"merge", "split"}:
        raise ConfigError(f"alias file {path} must be an object with keys merge and/or split, like {shape}")
    merge = data.get("merge", [])
    split = data.get("split", [])
    if not all(isinstance(g, list) and len(g) >= 2 and all(isinstance(n, str) for n in g) for g in merge):
        raise ConfigError(f"alias file {path}: each merge entry is a list of two or more names, like {shape}")
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(n, str) for n in p) for p in split):
        raise ConfigError(f"alias file {path}: each split entry is [entity, name], like {shape}")
    return AliasFile(tuple(tuple(g) for g in merge), tuple((p[0], p[1]) for p in split))
