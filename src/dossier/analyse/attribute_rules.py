"""A quicker matcher for spaCy's ``attribute_ruler``, with the same results.

The English pipelines' ``attribute_ruler`` maps tags to coarse parts of speech
and morphology and fixes a few words ("gonna", "let's") with about 180
single- and two-token patterns.  spaCy's ``Matcher`` tries every pattern at
every token, which costs about a sixth of the whole parse of a news report.
Every pattern of those rules has a fixed length and tests token attributes for
equality, set membership, a regular expression or white space, so the matches
can be found by looking up, for each token, only the patterns whose first token
could fit it (by tag or by lower-case form), then testing those in full.

:func:`speed_up` replaces the ruler's ``match`` method on one loaded pipeline
when every pattern is of that kind; the ruler still applies the matches itself
(same order: by rule, later rules winning), so the annotations are the same.
A pipeline with any other kind of pattern keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["speed_up", "RuleMatcher"]

#: Token attributes a pattern key may test, in the order of a token's row (:func:`_rows`).
_FIELDS = ("TAG", "LOWER", "DEP", "ORTH", "POS", "IS_SPACE")
_COLUMN = {**{name: i for i, name in enumerate(_FIELDS)}, "TEXT": _FIELDS.index("ORTH")}

Row = tuple[Any, ...]
Test = Callable[[Row], bool]


def _rows(doc: "Doc") -> list[Row]:
    return [(t.tag_, t.lower_, t.dep_, t.text, t.pos_, t.is_space) for t in doc]


def _test(key: str, value: Any) -> Test | None:
    """One pattern condition as a function of a token's row; None for a kind this module does not handle."""
    column = _COLUMN.get(key)
    if column is None:
        return None
    if isinstance(value, dict):
        if len(value) != 1 or key == "IS_SPACE":
            return None
        ((predicate, argument),) = value.items()
        if predicate == "IN" and isinstance(argument, list):
            allowed = frozenset(argument)
            return lambda row: row[column] in allowed
        if predicate == "NOT_IN" and isinstance(argument, list):
            barred = frozenset(argument)
            return lambda row: row[column] not in barred
        if predicate == "REGEX" and isinstance(argument, str):
            search = re.compile(argument).search
            return lambda row: search(row[column]) is not None
        return None
    if key == "IS_SPACE":
        return (lambda row: row[column] is value) if isinstance(value, bool) else None
    if isinstance(value, str):
        return lambda row: row[column] == value
    return None


Entry = tuple[int, tuple[Test, ...]]


class RuleMatcher:
    """The matches of an ``AttributeRuler``'s patterns, found by first-token look-up."""

    def __init__(self, rules: Sequence[tuple[int, Sequence[Sequence[dict[str, Any]]]]]) -> None:
        """``rules``: ``(rule id, patterns)``, each pattern a list of token specs (keys as in spaCy's Matcher).

        Raises:
            ValueError: A pattern this matcher cannot read (an operator, an unknown key or predicate).
        """
        #: (column, value) of a token → the patterns whose first token needs that value there
        self._index: dict[tuple[int, Any], list[Entry]] = {}
        self._columns: list[int] = []  # the columns the index is keyed on, each looked up once per token
        self._any: list[Entry] = []
        for rule, patterns in rules:
            for pattern in patterns:
                if not pattern:
                    raise ValueError(f"attribute rule {rule}: empty pattern")
                tests = []
                for spec in pattern:
                    conditions = []
                    for key, value in spec.items():
                        test = _test(key, value)
                        if test is None:
                            raise ValueError(f"attribute rule {rule}: cannot read {key}={value!r}")
                        conditions.append(test)
                    tests.append(_all(conditions))
                self._file((rule, tuple(tests)), pattern[0])

    def _file(self, entry: Entry, first: dict[str, Any]) -> None:
        """Index a pattern under one value its first token must have (the most selective), else keep it aside."""
        for key in ("LOWER", "TAG", "DEP", "IS_SPACE"):
            value = first.get(key)
            values = [value] if isinstance(value, (str, bool)) else value.get("IN") if isinstance(value, dict) else None
            if isinstance(values, list):
                column = _COLUMN[key]
                for one in values:
                    self._index.setdefault((column, one), []).append(entry)
                if column not in self._columns:
                    self._columns.append(column)
                return
        self._any.append(entry)

    def __call__(self, doc: "Doc") -> list[tuple[int, int, int]]:
        """``(rule id, start, end)`` of every match, sorted (by rule, then position)."""
        rows = _rows(doc)
        length = len(rows)
        found: set[tuple[int, int, int]] = set()
        index, columns, rest = self._index, self._columns, self._any
        for i, row in enumerate(rows):
            candidates = [entry for column in columns for entry in index.get((column, row[column]), ())]
            for rule, tests in (*candidates, *rest) if rest else candidates:
                end = i + len(tests)
                if end <= length and all(test(rows[i + k]) for k, test in enumerate(tests)):
                    found.add((rule, i, end))
        return sorted(found)


def _all(conditions: list[Test]) -> Test:
    if len(conditions) == 1:
        return conditions[0]
    return lambda row: all(condition(row) for condition in conditions)


def speed_up(nlp: "Language") -> bool:
    """Give ``nlp``'s ``attribute_ruler`` the quicker matcher; False (left as it was) if it cannot.

    The ruler keeps its own ``set_annotations``; only how matches are found changes.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    strings = nlp.vocab.strings
    try:
        rules = [(int(strings[key]), ruler.matcher.get(key)[1]) for key in _rule_keys(ruler)]
        matcher = RuleMatcher(rules)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False

    def match(doc: "Doc") -> list[tuple[int, int, int, int]]:
        return [(rule, strings.add(str(rule)), start, end) for rule, start, end in matcher(doc)]

    ruler.match = match
    return True


def _rule_keys(ruler: Any) -> list[int]:
    """The matcher keys of the ruler's rules: the string ids of ``"0"``, ``"1"`` … (see ``AttributeRuler.add``)."""
    strings = ruler.vocab.strings
    return [strings.add(str(i)) for i in range(len(ruler.attrs))]
