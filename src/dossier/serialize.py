"""The JSON contract: model objects to plain data and back.

``analysis_to_json`` produces the documented, versioned per-report document
(``"schema": "dossier.report/1"``, see ``docs/json-contract.md``).  The generic
:func:`to_data` / :func:`from_data` pair round-trips every model dataclass, which
the store uses to keep objects as JSON beside their readable columns.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, Union

from dossier import model
from dossier.model import SCHEMA_REPORT, Analysis

__all__ = ["to_data", "from_data", "analysis_to_json", "analysis_from_json"]


#: Types returned as they are, checked first (most values of an analysis are these).
_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None for any other type), looked up once per type."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_data(obj: Any) -> Any:
    """Plain JSON-able data (dicts, lists, str, numbers, None) for a model object."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    names = _field_names(cls)  # a dataclass instance (a dataclass type itself has type ``type``)
    if names is not None:
        return {name: to_data(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    return obj


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def from_data(tp: Any, data: Any) -> Any:
    """Rebuild an object of type ``tp`` (a model dataclass or a typing form) from data."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_data(args[0], data) if len(args) == 1 else data
    if origin is tuple:
        args = typing.get_args(tp)
        return tuple(from_data(args[0], v) for v in data)
    if origin in (dict, typing.Mapping) or tp is Any:
        return data
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: from_data(hints[f.name], data[f.name]) for f in dataclasses.fields(tp) if f.name in data}
        return tp(**kwargs)
    return data


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """The ``dossier.report/1`` document for one analysed report."""
    data = to_data(analysis)
    return {
        "schema": SCHEMA_REPORT,
        "report": data["report"],
        "entities": data["entities"],
        "timexes": data["timexes"],
        "attributions": data["attributions"],
        "claims": data["claims"],
        "events": data["events"],
        "deadlines": data["deadlines"],
        "failures": data["failures"],
        "analysers": data["analysers"],
        "depth": data["depth"],
        "extra": data["extra"],
    }


def analysis_from_json(document: dict[str, Any]) -> Analysis:
    """The :class:`Analysis` of a ``dossier.report/1`` document."""
    if document.get("schema") != SCHEMA_REPORT:
        raise ValueError(f"expected schema {SCHEMA_REPORT!r}, got {document.get('schema')!r}")
    body = {k: v for k, v in document.items() if k != "schema"}
    return from_data(Analysis, body)  # type: ignore[no-any-return]
