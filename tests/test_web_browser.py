"""The web UI in a real browser: `dossier serve` on a free port, headless Chromium.

Chromium renders the report page; its DOM must hold the report's title, an
entity and evidence links whose targets exist, and a screenshot is taken (kept
in ``$DOSSIER_SCREENSHOTS`` when set, for a person to look at).  Skipped, with
the reason, when ``/usr/bin/chromium`` is absent (``apt-get install -y chromium``).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE
from dossier.config import Config
from dossier.core import Dossier
from test_export import annotated_example
from test_web import serve

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install -y chromium"),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, config: Config) -> tuple[str, Dossier]:
    db = tmp_path_factory.mktemp("browser") / "dossier.db"
    with Dossier.open(str(db), config) as dossier:
        summary = dossier.ingest([EXAMPLE])
        dossier.save(annotated_example(dossier.show(summary.report_ids[0])))
    with serve(db) as base, Dossier.open(str(db), config, create=False) as reader:
        yield base, reader


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,2000", *args,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    shutil.rmtree(profile, ignore_errors=True)
    return done


def test_report_page_in_chromium(server: tuple[str, Dossier], tmp_path: Path) -> None:
    base, dossier = server
    (row,) = dossier.reports()
    analysis = dossier.show(row.id)
    url = f"{base}/reports/{row.id}"
    dom = _chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    assert f"<h1>{html.escape(row.title or '', quote=False)}</h1>" in page
    assert "Delcy Rodríguez" in page and "Vice President of Venezuela" in page
    anchors = re.findall(r'<a class="evl" href="#(at-\d+-\d+)"', page)
    assert len(anchors) > 20
    assert all(f'id="{a}"' in page for a in anchors)  # every fact's link has its sentence in the text
    deadline = analysis.deadlines[0].evidence
    assert f'href="#at-{deadline.start}-{deadline.end}"' in page

    shot = tmp_path / "report.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", url)
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000  # a rendered page, not a blank one
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 2000)
    keep = os.environ.get("DOSSIER_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / "report.png")
        # the same page after following a fact's link: its sentence highlighted in the text pane
        _chromium(tmp_path, f"--screenshot={Path(keep) / 'report-target.png'}", f"{url}#at-{deadline.start}-{deadline.end}")


def test_reports_list_in_chromium(server: tuple[str, Dossier], tmp_path: Path) -> None:
    base, _ = server
    dom = _chromium(tmp_path, "--dump-dom", f"{base}/reports?q=Hegseth")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Maduro’s exit deadline expires" in dom.stdout and 'name="q" value="Hegseth"' in dom.stdout
    keep = os.environ.get("DOSSIER_SCREENSHOTS")
    if keep:
        _chromium(tmp_path, f"--screenshot={Path(keep) / 'reports.png'}", f"{base}/reports")
