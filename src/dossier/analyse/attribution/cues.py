"""Cue words learnt from PolNeAR's training split, beside the hand-written lexicon.

News attributes far more than speech: "seemed", "wants", "plans", "defended",
"called for" all introduce a source's position.  The shipped list
``dossier/resources/attribution_cues.json`` holds the word forms that head gold
cues of the PolNeAR *train* split at least ``min_count`` times and do so in at
least ``min_ratio`` of their occurrences in those texts (dev and test are never
read).  Reproduce it with
``python -m dossier.analyse.attribution.cues ../shared/data/polnear``.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

__all__ = ["learnt_cues", "mine"]

_WORD = re.compile(r"[A-Za-z’']+")
_SKIP = {"to", "that", "the", "a", "of", "in", "on", "for", "by", "as", "and", "not", "be", "has", "have", "had",
         "was", "were", "is", "are", "been", "will", "would", "also", "it", "he", "she", "they", "’s", "'s"}


def _head_word(cue: str) -> str | None:
    """The content word of a cue span: the last word that is not a function word ("has said" → said)."""
    words = [w.lower() for w in _WORD.findall(cue)]
    content = [w for w in words if w not in _SKIP]
    return content[0] if content else None


def mine(folder: Path, *, min_count: int = 4, min_ratio: float = 0.25) -> dict[str, float]:
    """Cue word forms of the PolNeAR train split with the share of occurrences that are cues."""
    text_dir = folder / "train" / "text"
    ann_dir = folder / "train" / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"{text_dir} not found; pass the PolNeAR folder")
    cue_counts: Counter[str] = Counter()
    all_counts: Counter[str] = Counter()
    seen: set[str] = set()
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in seen or not (text_dir / f"{stem}.txt").is_file():
            continue
        seen.add(stem)
        text = (text_dir / f"{stem}.txt").read_text("utf-8")
        all_counts.update(w.lower() for w in _WORD.findall(text))
        for line in ann.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[0].startswith("T") and parts[1].startswith("Cue "):
                head = _head_word(parts[2])
                if head:
                    cue_counts[head] += 1
    return {
        form: round(count / all_counts[form], 3)
        for form, count in sorted(cue_counts.items())
        if count >= min_count and all_counts[form] and count / all_counts[form] >= min_ratio
    }


@functools.lru_cache(maxsize=4)
def learnt_cues(min_ratio: float = 0.0) -> frozenset[str]:
    """The shipped learnt cue word forms (lower case) that are cues in at least ``min_ratio`` of uses."""
    raw = resources.files("dossier.resources").joinpath("attribution_cues.json").read_text("utf-8")
    return frozenset(form for form, ratio in json.loads(raw)["cues"].items() if ratio >= min_ratio)


def _main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m dossier.analyse.attribution.cues POLNEAR_DIR [OUT.json]")
        return 2
    cues = mine(Path(argv[0]))
    out = Path(argv[1]) if len(argv) > 1 else Path(str(resources.files("dossier.resources").joinpath("attribution_cues.json")))
    document = {"format": "dossier.attribution_cues/1", "trained_on": "PolNeAR v1.0 train split (gold cue heads)",
                "min_count": 4, "min_ratio": 0.25, "cues": cues}
    out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out}: {len(cues)} cue forms")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
