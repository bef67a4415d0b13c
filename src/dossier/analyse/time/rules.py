"""Recognition: the patterns of time expressions, compiled into one regular expression.

Each rule is a pattern fragment with its own named groups; the fragments are
joined into a single alternation (most specific first) so the text is scanned
once, which is what makes the tagger fast.  A match names its rule through
:attr:`re.Match.lastgroup`, and :func:`groups_of` gives the rule's own groups
under their short names.  Whether a match is really a time expression
("May" the verb, "a second strike") is decided by the rule's normaliser.
"""

from __future__ import annotations

import _sre as _sre_engine
import re
import re._compiler as _sre_compiler
import re._constants as _sre
import re._parser as _sre_parse

from dossier.analyse.time.lexicon import AND_A_HALF, MONTH, NUM, ORDINAL, SPELLED_DECADES, SPELLED_YEAR, UNIT, WEEKDAY

__all__ = [
    "RULES", "MASTER", "MASTERS", "RULE_PATTERNS", "ALONE_CASELESS", "groups_of", "folds_alike", "SENTENCE_END",
]

_MOD = (
    r"(?:(?P<dmod>early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close|rest|remainder)\s+of)"
    r"(?:\s*-\s*|\s+))?"
)
_DAYREF = rf"(?:{WEEKDAY}|today|yesterday|tomorrow|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
_TZ = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\s+time|(?:Eastern|Pacific|Central)(?:\s+(?:Standard|Daylight))?\s+Time))"
_APPROX = r"(?:(?P<approx>about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|some|another|an\s+additional|a\s+further|the\s+better\s+part\s+of)\s+)?"
_DIR = r"(?P<the>the\s+)?(?:(?P<dir>past|last|next|first|coming|previous|following|latest|final|remaining|initial|ensuing|preceding|prior|same|full|entire|whole|recent|intervening|current)\s+)?"

#: (rule name, pattern) in order of precedence.
RULES: tuple[tuple[str, str], ...] = (
    ("clock", (
        rf"(?P<approx>(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)|at)\s+)?"
        rf"(?:(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?|o'clock)"
        rf"|(?P<hour2>\d{{1,2}})\s+in\s+the\s+(?P<pod>morning|afternoon|evening)"
        rf"|(?P<named>noon|midnight|midday)"
        rf"|(?P<hour3>[01]?\d|2[0-3]):(?P<minute3>[0-5]\d)(?={_TZ}\b))"
        rf"(?P<tz>{_TZ})?(?:,?\s+(?:on\s+)?(?P<day>{_DAYREF}))?"
    )),
    ("pod_day", (
        rf"(?P<pod>mid-?\s?afternoon|noon|midnight|midday|early\s+morning|late\s+night)\s+(?P<day>{_DAYREF})"
    )),
    ("part_of_day", r"(?:mid-?\s?|the\s+(?:early\s+|late\s+)?)(?P<pod>morning|afternoon|evening)\b(?!\s+(?:of|after|before)\b|['’-])"),
    ("date", (
        rf"(?P<weekof>(?:(?P<wkmod>early|late|mid|later|earlier)(?:\s+in)?\s+)?the\s+week\s+of\s+)?(?P<weekday>{WEEKDAY}),?\s+(?P<month>{MONTH})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d)\b)?"
        rf"|(?P<weekof2>(?:(?P<wkmod2>early|late|mid|later|earlier)(?:\s+in)?\s+)?the\s+week\s+of\s+)?(?P<month2>{MONTH})\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|million|billion|[:,]\d))(?:,?\s+(?P<year2>(?:1[6-9]|20)\d\d)\b)?"
        rf"|(?:(?P<weekday3>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month3>{MONTH})(?:,?\s+(?P<year3>(?:1[6-9]|20)\d\d)\b)?"
        rf"|(?P<iso>(?:1[6-9]|20)\d\d-[01]\d-[0-3]\d)(?:T(?P<isotime>[0-2]\d:[0-5]\d))?"
        rf"|(?P<slash>[01]?\d/[0-3]?\d/(?:\d\d|(?:19|20)\d\d))\b"
    )),
    ("week_of_month", (
        rf"the\s+(?P<which>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<month>{MONTH})"
        rf"(?:,?\s+(?:of\s+)?(?P<year>(?:1[6-9]|20)\d\d)\b)?"
    )),
    ("month_year", rf"{_MOD}(?P<month>{MONTH})(?:(?:,?\s+|\s+of\s+)(?P<year>(?:1[6-9]|20)\d\d)\b|\s+(?P<spelled>{SPELLED_YEAR})\b|\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b)"),
    ("quarter", (
        rf"(?P<the>the\s+(?!(?:fiscal\s+)?{ORDINAL}-))?(?P<whose>(?:this|last|next)\s+year's\s+)?(?:fiscal\s+)?(?P<ord>{ORDINAL})[\s-](?:fiscal[\s-])?quarters?\b"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d|this\s+year|last\s+year|next\s+year))?"
        rf"|(?P<the4>the\s+)(?P<final>final|last|closing)[\s-](?:fiscal[\s-])?quarter\s+of\s+(?:fiscal\s+)?(?P<year4>(?:19|20)\d\d|this\s+year|last\s+year|next\s+year)\b"
        rf"|(?P<the2>the\s+)?(?P<rel>latest|last|previous|current|past|next|coming|same|year-earlier|year-ago|prior-year|"
        rf"comparable|recent|most\s+recent|fiscal|financial|just-ended|just\s+ended|this|that)(?:\s+(?:fiscal|financial))?[\s-]quarter\b"
        rf"|(?P<the3>the\s+)quarter\b(?!\s+(?:of\s+(?:a|an|the|all|its|their)\b|-?point|percent|century))"
    )),
    ("same_last_year", (
        r"the\s+(?:same|corresponding|comparable)\s+(?P<what>period|quarter|month|week|day|time)\s+(?:of\s+|in\s+)?"
        r"(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))\b"
        r"|(?:last|the\s+previous|the\s+prior)\s+year['’]s\s+(?P<what2>quarter|period)\b"
    )),
    ("period", (
        rf"(?P<the>the\s+)?(?P<rel>year-earlier|year-ago|prior-year|year\s+earlier|latest|comparable|same|(?P<year>(?:19|20)\d\d))"
        rf"(?:\s+(?:fiscal\s+)?(?P<ord>{ORDINAL})?[\s-]?(?P<what>quarter|period|nine\s+months|six\s+months|year|half))"
        rf"|(?P<bare>year-earlier|year-ago)"
    )),
    ("year_end", r"(?P<around>around\s+)?(?:the\s+)?year(?:-|\s+|['’]s\s+)end\b(?!-)"),
    ("the_year", rf"{_MOD}(?P<the>the\s+)(?P<which>full\s+|fiscal\s+|calendar\s+|current\s+(?:fiscal\s+)?)?(?P<unit>year|weekend|month)(?![\w'’-])(?!\s+(?:of|before|after|ago|earlier|later|in\s+which|that|when))"),
    ("half", (
        rf"(?:the\s+)?(?P<whose>(?:this|last|next)\s+year's\s+)?(?P<ord>first|second|latter|1st|2nd|last(?=\s+half\s+of\s+(?:fiscal\s+)?(?:(?:19|20)\d\d|this\s+year|last\s+year|next\s+year)))[\s-]half\b"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d|this\s+year|last\s+year|next\s+year))?"
    )),
    ("shift", (
        rf"{_APPROX}(?P<num>{NUM}(?:{AND_A_HALF})?)[\s-]+(?P<more>more\s+)?(?P<unit>{UNIT})(?P<half>{AND_A_HALF})?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back|"
        rf"(?:before|after)(?!\s+(?:the|a|an|his|her|its|their|this|that|he|she|it|they|we|I)\b))\b"
    )),
    ("narrative", (
        rf"(?:the\s+(?P<rel>following|next|previous|preceding|prior|same)|(?P<relb>following|preceding))\s+(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|year)\b"
        rf"|(?:the\s+)?day\s+(?P<ba>before|after)(?:\s+(?P<rel2>yesterday|tomorrow))?"
        rf"|(?:(?<=later\sin\s)|(?<=earlier\sin\s)|(?<=early\sin\s)|(?<=late\sin\s))(?P<theday>the\s+day)"
    )),
    ("duration", (
        rf"{_DIR}{_APPROX}(?P<num>{NUM}(?:{AND_A_HALF})?)(?:\s+or\s+so)?[\s-]+(?P<more>more\s+|additional\s+|straight\s+|consecutive\s+|full\s+|trading\s+|business\s+|calendar\s+)?(?P<unit>{UNIT})"
        rf"(?P<tail>-(?:long|old))?(?P<half>{AND_A_HALF})?(?:\s+or\s+so)?\b"
        rf"|(?P<the2>the\s+)(?P<dir2>past|last|next|coming|previous|following|latest|preceding|prior|first|full|entire|whole)\s+(?P<unit2>year|month|week|decade|century|day|hour|minute)\b"
    )),
    ("season", rf"(?P<the>the\s+)(?:(?P<dmod>early|late|mid)(?:\s*-\s*|\s+))?(?P<season>spring|summer|fall|autumn|winter)\b(?!\s+(?:of|in)\b|[-'’])"),
    ("relative", (
        rf"{_MOD}(?P<rel>last|this|next|the\s+coming|the\s+current|this\s+past|this\s+coming|that(?:\s+same)?)\s+"
        rf"(?P<unit>year|month|week|weekend|decade|century|day|spring|summer|fall|autumn|winter|season|morning|afternoon|evening|night)\b"
    )),
    ("weekday", (
        rf"(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past|early|late)?\s*(?P<weekday>{WEEKDAY})(?!\s*,?\s*{MONTH})"
        rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
    )),
    ("month", rf"{_MOD}(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past)?\s*(?P<month>{MONTH})(?![\w]|['’](?![sS]\b))"),
    ("holiday", (
        r"(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year'?s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Halloween|"
        r"Independence\s+Day|Fourth\s+of\s+July|July\s+Fourth|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Valentine's\s+Day|"
        r"Easter(?:\s+Sunday)?)(?:\s+(?P<year>(?:19|20)\d\d))?\b"
    )),
    ("spelled_year", rf"{_MOD}(?:(?P<season>(?:the\s+)?(?:spring|summer|fall|autumn|winter)\s+of)\s+)?(?P<spelled>{SPELLED_YEAR})\b"),
    ("decade", rf"{_MOD}(?:the\s+)?(?:(?P<ordc>\d{{1,2}})(?:st|nd|rd|th)[\s-]century\b|(?:(?P<dmod2>early|late|mid)(?:\s*-\s*|\s+))?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0|['’](?P<dec2>\d)0|(?:(?<=the\s)|(?<=0s\sand\s)|(?<=0s\sor\s))(?P<dec3>[1-9])0)'?s\b|(?<=the\s)(?:(?P<dmod3>early|late|mid)(?:\s*-\s*|\s+))?(?P<spelled>{'|'.join(SPELLED_DECADES)})\b)"),
    ("year", (
        rf"{_MOD}(?:(?P<fy>fiscal|calendar|model|the\s+year|(?:the\s+)?(?:spring|summer|fall|autumn|winter|first\s+half|second\s+half)\s+of|(?:spring|summer|fall|autumn|winter)(?=\s+\d))\s+)?"
        rf"(?<![$£€#\d,.])(?P<year>(?:1[6-9]|20)\d\d)(?P<range>-(?:\d\d|(?:19|20)\d\d))?"
        rf"(?!\d|\s*(?:%|percent|million|billion|shares|tons|points|feet|[,.]\d))"
    )),
    ("set", (
        rf"(?P<each>each|every|per)\s+(?:other\s+|single\s+)?(?P<what>day|week|month|quarter|year|morning|afternoon|evening|night|weekend|summer|winter|spring|fall|{WEEKDAY}|{MONTH})\b"
        rf"|(?P<adv>daily|weekly|monthly|yearly|hourly|nightly|bi-?weekly|annually|semi-?annually)\b"
        rf"|(?P<plural>{WEEKDAY}s)\b"
    )),
    ("deictic", (
        rf"(?P<word>(?:the\s+day\s+(?:before|after)\s+|(?:early|late|earlier|later)\s+)?(?:yesterday|tomorrow|today)(?:\s+(?:morning|afternoon|evening|night))?|today|tonight|"
        rf"(?:this|last)\s+(?:morning|afternoon|evening|night)|overnight|"
        rf"(?:right\s+|just\s+|until\s+|till\s+|by\s+|from\s+)?now|currently|nowadays|these\s+days|at\s+present|presently|the\s+present|"
        rf"current|recently|lately|recent\s+(?:years|months|weeks|days|quarters)|formerly|the\s+past|"
        rf"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|future|the\s+(?:near|short|long)\s+term|someday|(?:very\s+)?soon)\b"
    )),
    ("units", (
        rf"(?P<compound>(?:hour|day|week|month|year|decade|century)-long|(?:hours|days|weeks|months|years|decades|centuries)-(?:long|old))\b"
        rf"|(?P<fuzzy>several|a\s+few|few|many|(?:the\s+)?(?:coming|next|past|last)(?:\s+(?:few|several))?)?\s*(?P<unit>years|months|weeks|decades|centuries)\b(?:\s+(?P<ago>ago)\b)?"
    )),
)


def _rename(name: str, pattern: str) -> str:
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{name}__{m.group(1)}>", pattern)


def _compile(names: frozenset[str] | None = None, *, groups: bool = True, quick: bool = True) -> re.Pattern[str]:
    """The alternation of the rules ``names`` (all by default), to match over the *lower-cased* text.

    The patterns are written case-insensitively; lower-casing them (there is
    no upper-case escape such as ``\\S`` in them) and matching the lower-cased
    text is the same match as ``re.IGNORECASE`` and quicker.  The groups'
    text is then taken from the original text (:func:`groups_of`).

    ``groups=False``: each rule's own groups become non-capturing, so only the
    rule's name is captured.  ``re`` saves and restores every capture it has
    set at each alternative it tries, so an alternation of rules with dozens
    of groups matches much slower than the same alternation without them;
    the rule that matched is then matched alone for its groups (:func:`groups_of`).

    ``quick=False``: compiled by ``re.compile`` as written (:func:`_quick` otherwise).
    """
    def body(name: str, pattern: str) -> str:
        return _rename(name, pattern) if groups else _GROUP.sub("(?:", pattern)

    source = (
        r"(?<![\w'’-])(?:"
        + "|".join(f"(?P<{name}>{body(name, p)})" for name, p in RULES if names is None or name in names)
        + r")(?![\w])"
    )
    assert not re.search(r"\\[A-Z]", source), "an upper-case escape would change meaning when lower-cased"
    assert not re.search(r"\(\?P=|\(\?\(|\\[1-9]", source), "a back-reference would need the groups"
    source = source.lower().replace("(?p<", "(?P<")
    return _quick(source) if quick else re.compile(source)


def _optional_as_branch(sub: "_sre_parse.SubPattern") -> "_sre_parse.SubPattern":
    """``sub`` with every greedy ``(?:X)?`` whose X is wider than one character written ``(?:X|)``.

    The two match the same text the same way (X first, then nothing, the same
    backtracking), but ``re`` runs an optional of a wide X through its general
    repeat machinery and an alternation directly, which is quicker.
    """
    data = []
    for op, av in sub.data:
        if op is _sre.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            inner = _optional_as_branch(av[2])
            if inner.getwidth() != (1, 1):
                data.append((_sre.BRANCH, (None, [inner, _sre_parse.SubPattern(sub.state, [])])))
            else:
                data.append((op, (0, 1, inner)))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            data.append((op, (av[0], av[1], _optional_as_branch(av[2]))))
        elif op is _sre.SUBPATTERN:
            data.append((op, (av[0], av[1], av[2], _optional_as_branch(av[3]))))
        elif op is _sre.BRANCH:
            data.append((op, (av[0], [_optional_as_branch(branch) for branch in av[1]])))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            data.append((op, (av[0], _optional_as_branch(av[1]))))
        elif op is _sre.ATOMIC_GROUP:
            data.append((op, _optional_as_branch(av)))
        else:
            data.append((op, av))
    return _sre_parse.SubPattern(sub.state, data)


def _quick(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, its optionals as alternations (:func:`_optional_as_branch`): same matches, sooner.

    Uses ``re``'s own parser and compiler (``re._parser``, ``re._compiler``);
    where they are not as expected, the plain compiled pattern.
    """
    try:
        tree = _optional_as_branch(_sre_parse.parse(source, flags))
        state = tree.state
        names: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            names[number] = name
        return _sre_engine.compile(  # what re._compiler.compile does, keeping ``source`` as the pattern's text
            source, state.flags, _sre_compiler._code(tree, 0), state.groups - 1, state.groupdict, tuple(names)
        )
    except Exception:  # pragma: no cover - another Python's re internals
        return re.compile(source, flags)


_GROUP = re.compile(r"\(\?P<\w+>")

#: The one compiled pattern: the alternation of every rule, each wrapped in a group named after it
#: (and capturing nothing else: :func:`groups_of` gives a match's groups).
MASTER = _compile(groups=False)
#: The same, restricted to the rules an expression with a head of each kind can match (fewer to try).
MASTERS: dict[str, re.Pattern[str]] = {
    "digit": _compile(frozenset({"clock", "date", "quarter", "period", "half", "shift", "duration", "decade", "year"}), groups=False),
    "spelled": _compile(frozenset({"spelled_year", "shift", "duration", "clock"}), groups=False),
    "weekday": _compile(frozenset({"date", "weekday", "set"}), groups=False),
    "month": _compile(frozenset({"date", "month_year", "month", "holiday", "set"}), groups=False),
    "unit": _compile(frozenset({"date", "week_of_month", "same_last_year", "quarter", "period", "shift", "narrative", "duration", "relative",
                                "the_year", "set", "units", "deictic", "year", "holiday", "year_end"}), groups=False),  # fmt: skip
    "deictic": _compile(frozenset({"clock", "pod_day", "narrative", "relative", "deictic", "the_year", "part_of_day"}), groups=False),
    "season": _compile(frozenset({"relative", "year", "spelled_year", "set", "season"}), groups=False),
    "holiday": _compile(frozenset({"holiday"}), groups=False),
    "decade": _compile(frozenset({"decade"}), groups=False),
    "set": _compile(frozenset({"set"}), groups=False),
    "other": MASTER,
}
#: Each rule alone, with its groups (the same surroundings as in the alternation, so the same match).
RULE_PATTERNS: dict[str, re.Pattern[str]] = {name: _compile(frozenset({name})) for name, _ in RULES}
#: Per rule: its short group names and their group numbers in :data:`RULE_PATTERNS`.
_GROUPS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    name: (
        tuple(full.split("__", 1)[1] for full in pattern.groupindex if full.startswith(name + "__")),
        tuple(number for full, number in pattern.groupindex.items() if full.startswith(name + "__")),
    )
    for name, pattern in RULE_PATTERNS.items()
}




def _alone(pattern: str) -> re.Pattern[str]:
    """One rule alone, in the alternation's surroundings, its groups under their short names, ignoring case.

    It matches the *original* text: :meth:`re.Match.groupdict` then gives the
    groups with their case, built by ``re`` itself, quicker than
    :func:`groups_of` takes each group's span.
    """
    source = (r"(?<![\w'’-])(?:" + pattern + r")(?![\w])").lower().replace("(?p<", "(?P<")
    return _quick(source, re.IGNORECASE)


#: Each rule alone, to match the original text case-insensitively where :func:`folds_alike` says it may: at the
#: start of a match of :data:`MASTERS` over the lower-cased text, it ends where that match ends, with the groups
#: that :func:`groups_of` gives.
ALONE_CASELESS: dict[str, re.Pattern[str]] = {name: _alone(pattern) for name, pattern in RULES}
try:  # the characters that ``re`` takes as the same letter as another one (``ſ`` as ``s``, ``ı`` as ``i``)
    from re._casefix import _EXTRA_CASES as _CASEFIX_PAIRS

    _FOLDED_BY_RE = frozenset(chr(c) for pair in _CASEFIX_PAIRS.items() for c in (pair[0], *pair[1]))
except ImportError:  # pragma: no cover - another Python's re internals: every cased character is suspect
    _FOLDED_BY_RE = None


def _folds_alike_char(ch: str) -> bool:
    if ch.isascii():
        return True
    low = ch.lower()
    if _FOLDED_BY_RE is None:
        return low == ch == ch.upper()
    return len(low) == 1 and ch not in _FOLDED_BY_RE and low not in _FOLDED_BY_RE


def folds_alike(text: str) -> bool:
    """Whether a pattern of :data:`RULES` matches ``text`` ignoring case exactly as it matches ``text.lower()``.

    True when every character is ASCII, or lowers to one character and is
    not (nor lowers to) one that ``re`` folds onto another letter ("ſ", "ı",
    "K", Greek and Cyrillic variants): then ``re.IGNORECASE`` lowers each
    character just as :meth:`str.lower` does, one for one, and the patterns
    (written in lower case) see the same characters.  Otherwise ("İ" lowers to
    two characters) the tagger takes the lower-cased match's spans
    (:func:`groups_of`).
    """
    return text.isascii() or all(map(_folds_alike_char, set(text)))


#: Where a sentence ends (for tense cues and narrative anchors).
SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘'(]*[A-Z0-9])|\n\s*\n")


def groups_of(match: re.Match[str], text: str | None = None) -> tuple[str, dict[str, str | None]]:
    """The rule that matched and its groups under their short names.

    ``match`` is a match of one of :data:`MASTERS`, which capture only the
    rule's name; the rule alone (:data:`RULE_PATTERNS`) is matched again at
    the same place for its groups.  In the alternation, that rule was the
    first to match there, and its own first match is the one the alternation
    found (the surrounding assertions are the same), so the two agree.

    ``text``: the original text when ``match`` ran over its lower-cased copy
    (the groups then keep their case: "May" the month, "may" the verb).
    Where :func:`folds_alike` holds for ``text``, the tagger reads the same
    groups quicker from :data:`ALONE_CASELESS`.
    """
    rule = match.lastgroup or ""
    again = RULE_PATTERNS[rule].match(match.string, match.start())
    if again is None or again.end() != match.end():  # pragma: no cover - would be a bug in ``re`` or here
        raise RuntimeError(f"rule {rule!r} alone does not match what the alternation matched at {match.start()}")
    names, numbers = _GROUPS[rule]
    if text is None:
        text = match.string
    # ``span`` of the rule's own groups only (``regs`` would build the spans of every group of the pattern).
    groups = {name: (text[start:end] if start >= 0 else None) for name, (start, end) in zip(names, map(again.span, numbers))}
    return rule, groups
