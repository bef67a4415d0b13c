"""The outlet directory: a curated list shipped with dossier, extendable by the user.

Look up outlets by domain (``www.reuters.com`` → Reuters, wire), by name or alias
(``"The Washington Post"``, ``"Enoch"`` → BrightU.AI, AI engine), or by a bare
domain written in text (``"ZeroHedge.com"``).  Unknown domains get kind
``unknown``: kinds and credibility are never invented.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dossier.errors import ConfigError
from dossier.model import Outlet
from dossier.resources import read_json

__all__ = ["OUTLET_KINDS", "OutletDirectory", "default_directory", "domain_of"]

OUTLET_KINDS = (
    "wire",
    "newspaper",
    "broadcaster",
    "magazine",
    "blog",
    "aggregator",
    "state_media",
    "video_platform",
    "ai_engine",
    "social",
    "government",
    "unknown",
)

_DOMAIN_IN_TEXT = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?:/.*)?$", re.I)


def domain_of(url_or_domain: str) -> str | None:
    """The lower-case host of a URL or bare domain, without ``www.``; None if none."""
    value = url_or_domain.strip()
    if "//" in value:
        host = urlsplit(value).hostname or ""
    else:
        match = _DOMAIN_IN_TEXT.match(value)
        host = match.group(1) if match else ""
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _fold(name: str) -> str:
    """Case- and accent-insensitive key for names."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True, slots=True)
class _Entry:
    outlet: Outlet
    aliases: tuple[str, ...]


class OutletDirectory:
    """Outlets by domain and by name.  Build with :meth:`load` or :func:`default_directory`."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._by_domain: dict[str, Outlet] = {}
        self._by_name: dict[str, Outlet] = {}
        for entry in entries:
            self._by_domain.setdefault(entry.outlet.domain, entry.outlet)
            for name in (entry.outlet.name, *entry.aliases):
                self._by_name[_fold(name)] = self._by_domain[entry.outlet.domain]

    @classmethod
    def load(cls, extra: Path | None = None) -> "OutletDirectory":
        """The shipped list, with ``extra`` (a user JSON list) taking precedence."""
        rows = read_json("outlets.json")
        if extra is not None:
            try:
                user_rows = json.loads(Path(extra).read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot read outlets file {extra}: {exc}") from exc
            rows = list(user_rows) + rows
        entries = []
        for i, row in enumerate(rows):
            kind = row.get("kind", "unknown")
            if kind not in OUTLET_KINDS or "domain" not in row or "name" not in row:
                raise ConfigError(
                    f"outlet entry {i} ({row!r}) needs domain, name and a kind among {', '.join(OUTLET_KINDS)}"
                )
            outlet = Outlet(
                domain=row["domain"].lower(),
                name=row["name"],
                kind=kind,
                country=row.get("country"),
                language=row.get("language"),
                credibility=row.get("credibility"),
                credibility_source=row.get("credibility_source") or (str(extra) if row.get("credibility") else None),
            )
            entries.append(_Entry(outlet, tuple(row.get("aliases", ()))))
        return cls(entries)

    def by_domain(self, url_or_domain: str) -> Outlet | None:
        """The known outlet for a URL or domain (subdomains fall back to parents)."""
        host = domain_of(url_or_domain)
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            _, _, host = host.partition(".")
            if "." not in host:
                return None
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The known outlet called ``name`` (case- and accent-insensitive), or a domain in text."""
        found = self._by_name.get(_fold(name))
        if found is None and "." in name:
            found = self.by_domain(name)
        return found

    def resolve(self, name_or_url: str) -> Outlet:
        """A known outlet, or a new ``unknown``-kind outlet named after the domain."""
        found = self.by_name(name_or_url) or self.by_domain(name_or_url)
        if found is not None:
            return found
        domain = domain_of(name_or_url)
        if domain is None:
            return Outlet(domain=_fold(name_or_url), name=name_or_url.strip(), kind="unknown")
        return Outlet(domain=domain, name=domain if "/" in name_or_url else name_or_url.strip(), kind="unknown")

    def names(self) -> list[str]:
        """Every name and alias known (folded), for gazetteers."""
        return sorted(self._by_name)


@functools.lru_cache(maxsize=8)
def default_directory(extra: Path | None = None) -> OutletDirectory:
    """The directory for ``extra`` (None = shipped list only), loaded once per process."""
    return OutletDirectory.load(extra)
