"""Shortcuts for one-off use: analyse a text or a file without a store.

>>> from dossier.api import analyse_text
>>> analysis = analyse_text("Reuters reported on Monday that talks failed.", published="2025-11-24")
"""

from __future__ import annotations

from dossier.acquire.report import build_report
from dossier.analyse.pipeline import analyse_report
from dossier.config import Config
from dossier.model import Analysis

__all__ = ["analyse_text"]


def analyse_text(
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    config: Config | None = None,
) -> Analysis:
    """Build a report from ``text`` and run every analyser over it.

    Args:
        text: The report text.
        published: Its publication date (ISO); if absent it is inferred from the text.
        url: Its URL, for the outlet and URL dates.
        title: Its title; if absent the first line is used when it looks like one.
        config: Settings; defaults to :meth:`Config.from_env`.
    """
    config = config or Config.from_env()
    report = build_report(text, config=config, url=url, title=title, user_published=published)
    return analyse_report(report, config)
