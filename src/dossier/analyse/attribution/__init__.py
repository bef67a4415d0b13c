"""Who says so: attributions, claims and their check-worthiness (issue #5)."""

from __future__ import annotations

from dossier.analyse.base import AnalyserSpec, Context
from dossier.model import Attribution, Claim

__all__ = ["ATTRIBUTIONS", "CLAIMS", "extract_attributions", "extract_claims"]


def extract_attributions(context: Context) -> tuple[Attribution, ...]:
    """Attributions of one report.  Not yet implemented (issue #5)."""
    return ()


def extract_claims(context: Context) -> tuple[Claim, ...]:
    """Claims of one report.  Not yet implemented (issue #5)."""
    return ()


ATTRIBUTIONS = AnalyserSpec(
    name="dossier.attributions.v0",
    assigns="attributions",
    requires=("doc", "entities"),
    run=extract_attributions,
    description="quotes and reported speech: source, cue, content, stance, chains",
)
CLAIMS = AnalyserSpec(
    name="dossier.claims.v0",
    assigns="claims",
    requires=("doc", "attributions"),
    run=extract_claims,
    description="checkable propositions with attribution, modality and check-worthiness",
)
