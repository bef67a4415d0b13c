"""What an analyser is: a versioned, declared, pure function over one report.

An analyser reads the :class:`Context` (the report, its spaCy ``doc`` and the
results of the analysers it ``requires``) and returns a tuple of model objects
that is stored under the :class:`dossier.model.Analysis` field it ``assigns``.
Each carries worked examples that the test suite collects and checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from dossier.config import Config
from dossier.model import Report

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Context", "Example", "AnalyserSpec", "ANALYSIS_FIELDS"]

#: Fields of :class:`dossier.model.Analysis` that analysers may assign.
ANALYSIS_FIELDS = ("entities", "timexes", "attributions", "claims", "events", "deadlines")


class Context:
    """Read-only inputs of one analyser call.

    The spaCy ``doc`` is parsed lazily and at most once per report, so analysers
    that do not need it (and reports whose analysers do not) skip the parse.
    """

    __slots__ = ("report", "config", "results", "_doc", "_doc_factory", "_memo")

    def __init__(
        self,
        report: Report,
        config: Config,
        results: Mapping[str, tuple[Any, ...]],
        doc_factory: Callable[[], "Doc"],
        memo: dict[str, Any] | None = None,
    ) -> None:
        self.report = report
        self.config = config
        self.results = results
        self._doc: "Doc | None" = None
        self._doc_factory = doc_factory
        self._memo = {} if memo is None else memo

    @property
    def doc(self) -> "Doc":
        """The spaCy ``Doc`` over ``report.text`` (parsed on first access)."""
        if self._doc is None:
            self._doc = self._doc_factory()
        return self._doc

    def get(self, name: str) -> tuple[Any, ...]:
        """Results of an earlier analyser by the field it assigns (empty if not run)."""
        return self.results.get(name, ())

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """An intermediate result computed once per report and shared by the analysers that need it.

        The pipeline hands every analyser of one report the same memo, so a later
        analyser reuses what an earlier one built from the same inputs (the
        deadlines analyser reads the events analyser's merged mentions) instead of
        recomputing it. Callers must treat the value as read-only, and ``key``
        should name the inputs it was computed from when they can differ.
        """
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example: input text and objects expected among the output.

    Each dict in ``expected`` must match (as a subset of the JSON form) at least one
    object the analyser returns; ``absent`` dicts must match none.
    """

    text: str
    expected: tuple[Mapping[str, Any], ...] = ()
    absent: tuple[Mapping[str, Any], ...] = ()
    published: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class AnalyserSpec:
    """A registered analyser.

    Attributes:
        name: Versioned name such as ``"dossier.timexes.v1"``; bump on output changes.
        assigns: The :class:`Analysis` field it fills (one of :data:`ANALYSIS_FIELDS`).
        requires: Fields it reads from earlier analysers, plus ``"doc"`` if it parses.
        components: The spaCy components whose annotations it reads from ``doc``
            (e.g. ``("tagger", "parser", "ner")``); the pipeline is loaded with
            these and their dependencies only.  Empty with ``"doc"`` required
            means every component.
        run: The pure function ``Context -> Sequence[model object]``.
        english_only: Skipped (and recorded) for reports not in English.
        examples: Worked examples, collected by the tests.
        description: One line for ``dossier analysers``.
    """

    name: str
    assigns: str
    requires: tuple[str, ...]
    run: Callable[[Context], Sequence[Any]]
    english_only: bool = True
    components: tuple[str, ...] = ()
    examples: tuple[Example, ...] = field(default=())
    description: str = ""

    def __post_init__(self) -> None:
        if self.assigns not in ANALYSIS_FIELDS:
            raise ValueError(
                f"analyser {self.name!r} assigns {self.assigns!r}; valid: {', '.join(ANALYSIS_FIELDS)}"
            )
